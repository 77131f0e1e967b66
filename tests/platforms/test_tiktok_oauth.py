"""TikTok OAuth against the sandbox: consent, PKCE, expiry, rotating refresh tokens, revocation."""

from __future__ import annotations

import asyncio
import json
import time
from dataclasses import replace
from datetime import timedelta

import httpx
import pytest

from backend.platforms.base import AuthError
from backend.platforms.registry import redirect_uri
from backend.platforms.signatures import tiktok_verify
from backend.platforms.tiktok import TikTokOAuth, create_oauth, create_publisher
from backend.platforms.tiktok.oauth import DEFAULT_SCOPES
from core.clock import utcnow
from tests.platforms.conftest import Sandbox
from tests.platforms.tiktok_helpers import (
    connect,
    consent,
    credentials_for,
    media_file,
    pkce_pair,
    sandbox_config,
    sandbox_revoke,
    tiktok_post,
    wait_for_phase,
    webhook_receiver,
)


@pytest.fixture
def sandbox(sandbox: Sandbox) -> Sandbox:
    """Nothing listens for webhooks at public_base_url in these tests."""
    sandbox_config(sandbox, webhooks_enabled=False)
    return sandbox


async def test_connect_through_the_consent_page(sandbox: Sandbox) -> None:
    grant = await connect(sandbox, "maria")
    assert set(grant.scopes) == set(DEFAULT_SCOPES)
    assert grant.refresh_token
    assert grant.expires_at is not None
    assert grant.refresh_expires_at is not None
    assert abs(grant.expires_at - (utcnow() + timedelta(hours=2))) < timedelta(minutes=1)
    assert abs(grant.refresh_expires_at - (utcnow() + timedelta(days=180))) < timedelta(minutes=1)

    account = await create_oauth(sandbox.settings).fetch_account(grant.access_token)
    assert account.username == "maria"


async def test_consent_page_offers_allow_and_deny(sandbox: Sandbox) -> None:
    oauth = create_oauth(sandbox.settings)
    _, challenge = pkce_pair()
    url = oauth.authorization_url(
        state="s1", redirect_uri=redirect_uri(sandbox.settings, "tiktok"), code_challenge=challenge
    )
    async with httpx.AsyncClient(timeout=10) as browser:
        page = await browser.get(url)
    assert page.status_code == 200
    assert 'name="username" value="sandbox_creator"' in page.text
    assert 'value="allow"' in page.text
    assert 'value="deny"' in page.text


@pytest.mark.parametrize(
    ("change", "value"),
    [
        ("client_key", "someone-else"),
        ("redirect_uri", "https://evil.example/callback"),
        ("code_challenge_method", "plain"),
    ],
)
def test_authorize_refuses_a_wrong_request(sandbox: Sandbox, change: str, value: str) -> None:
    oauth = create_oauth(sandbox.settings)
    _, challenge = pkce_pair()
    url = oauth.authorization_url(
        state="s", redirect_uri=redirect_uri(sandbox.settings, "tiktok"), code_challenge=challenge
    )
    merged = httpx.URL(url).copy_merge_params({change: value})
    response = httpx.get(merged, timeout=10)
    assert response.status_code == 400


async def test_code_needs_the_right_verifier_and_works_once(sandbox: Sandbox) -> None:
    oauth = create_oauth(sandbox.settings)
    query = await consent(sandbox, "maria")
    with pytest.raises(AuthError) as wrong:
        await oauth.exchange_code(
            code=query["code"],
            redirect_uri=redirect_uri(sandbox.settings, "tiktok"),
            code_verifier="not-the-verifier",
        )
    assert wrong.value.reason.startswith("invalid_grant")

    query = await consent(sandbox, "maria")
    exchange = {
        "code": query["code"],
        "redirect_uri": redirect_uri(sandbox.settings, "tiktok"),
        "code_verifier": query["code_verifier"],
    }
    await oauth.exchange_code(**exchange)
    with pytest.raises(AuthError):
        await oauth.exchange_code(**exchange)


async def test_expired_token_then_refresh_rotates_the_refresh_token(sandbox: Sandbox) -> None:
    oauth = create_oauth(sandbox.settings)
    publisher = create_publisher(sandbox.settings)
    grant = await connect(sandbox, "maria")
    credentials = await credentials_for(sandbox, grant)

    sandbox.advance_clock(2 * 3600 + 1)
    with pytest.raises(AuthError) as expired:
        await publisher.begin(credentials, media_file(), tiktok_post(caption="x"))
    assert expired.value.reason.startswith("access_token_invalid")
    assert expired.value.status_code == 401

    fresh = await oauth.refresh(grant)
    assert fresh.refresh_token != grant.refresh_token
    assert fresh.access_token != grant.access_token
    ticket = await publisher.begin(
        replace(credentials, access_token=fresh.access_token),
        media_file(),
        tiktok_post(caption="x"),
    )
    assert ticket.remote_id

    with pytest.raises(AuthError) as reused:  # the previous refresh token stopped working
        await oauth.refresh(grant)
    assert reused.value.reason.startswith("invalid_grant")
    assert (await oauth.refresh(fresh)).access_token


async def test_refresh_token_expires(sandbox: Sandbox) -> None:
    sandbox_config(sandbox, access_token_seconds=60, refresh_token_seconds=600)
    grant = await connect(sandbox)
    assert grant.expires_at is not None
    assert grant.expires_at - utcnow() < timedelta(seconds=61)
    sandbox.advance_clock(601)
    with pytest.raises(AuthError):
        await create_oauth(sandbox.settings).refresh(grant)


async def test_revoked_by_the_user(sandbox: Sandbox) -> None:
    oauth = create_oauth(sandbox.settings)
    publisher = create_publisher(sandbox.settings)
    grant = await connect(sandbox, "maria")
    credentials = await credentials_for(sandbox, grant)
    media = media_file()
    ticket = await publisher.begin(credentials, media, tiktok_post(caption="in flight"))

    with webhook_receiver() as (url, received):
        sandbox_config(sandbox, webhooks_enabled=True, webhook_url=url)
        sandbox_revoke(sandbox, credentials.remote_account_id)
        with pytest.raises(AuthError):
            await publisher.status(credentials, ticket)
        with pytest.raises(AuthError):
            await oauth.refresh(grant)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + 10
        while not any(b'"authorization.removed"' in body for _, body in received):
            assert loop.time() < deadline
            await asyncio.sleep(0.05)

    secret = sandbox.settings.tiktok_client_secret.get_secret_value()
    removed = [json.loads(body) for headers, body in received if b'"authorization.removed"' in body]
    headers, body = next((h, b) for h, b in received if b'"authorization.removed"' in b)
    tiktok_verify(headers, body, secret, now=time.time(), max_age=60)
    assert removed[0]["user_openid"] == credentials.remote_account_id
    assert json.loads(removed[0]["content"]) == {"reason": 1}

    # Reconnecting works again; the upload that was in flight failed with auth_removed.
    again = await credentials_for(sandbox, await connect(sandbox, "maria"))
    state = await wait_for_phase(publisher, again, ticket)
    assert (state.phase, state.reason, state.retryable) == ("failed", "auth_removed", False)


async def test_revoke_from_our_side(sandbox: Sandbox) -> None:
    oauth = create_oauth(sandbox.settings)
    grant = await connect(sandbox)
    await oauth.revoke(grant)
    with pytest.raises(AuthError):
        await oauth.fetch_account(grant.access_token)
    with pytest.raises(AuthError):
        await oauth.refresh(grant)
    await oauth.revoke(grant)  # already revoked: nothing left to do, no error


async def test_username_needs_the_profile_scope(sandbox: Sandbox) -> None:
    assert "user.info.profile" in DEFAULT_SCOPES
    basic = TikTokOAuth(
        sandbox.settings, scopes=tuple(s for s in DEFAULT_SCOPES if s != "user.info.profile")
    )
    grant = await connect(sandbox, "no_profile", oauth=basic)
    async with httpx.AsyncClient(timeout=10) as client:
        refused = await client.get(
            f"{sandbox.url}/tiktok/open/v2/user/info/",
            params={"fields": "open_id,username"},
            headers={"Authorization": f"Bearer {grant.access_token}"},
        )
    assert refused.status_code == 401
    assert refused.json()["error"]["code"] == "scope_not_authorized"
    account = await basic.fetch_account(grant.access_token)
    # Without the scope the @handle is unknown: the display name stands in for it.
    assert (account.username, account.display_name) == ("No Profile", "No Profile")
    full = await create_oauth(sandbox.settings).fetch_account(
        (await connect(sandbox, "with_profile")).access_token
    )
    assert full.username == "with_profile"
