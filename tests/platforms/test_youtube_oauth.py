"""Google OAuth for YouTube against the sandbox: consent, exchange, refresh, revoke."""

from __future__ import annotations

import httpx
import pytest
from pydantic import SecretStr

from backend.platforms.base import AuthError, PermanentError, RetryableError
from backend.platforms.registry import redirect_uri
from backend.platforms.youtube import YouTubeOAuth, create_oauth
from backend.platforms.youtube.endpoints import SCOPES
from tests.platforms.conftest import Sandbox
from tests.platforms.youtube_helpers import (
    configure,
    connect,
    consent,
    pkce_pair,
    revoke_access,
)


async def test_connect_through_the_consent_page(sandbox: Sandbox) -> None:
    grant = await connect(sandbox, "alice")
    assert grant.refresh_token
    assert grant.expires_at is not None
    assert set(grant.scopes) == set(SCOPES)

    oauth = create_oauth(sandbox.settings)
    account = await oauth.fetch_account(grant.access_token)
    assert account.remote_id.startswith("UC")
    assert len(account.remote_id) == 24
    assert account.display_name == "alice"
    assert account.username == "@alice"


async def test_authorization_url_asks_for_offline_access_with_pkce(sandbox: Sandbox) -> None:
    url = YouTubeOAuth(sandbox.settings).authorization_url(
        state="s", redirect_uri=redirect_uri(sandbox.settings, "youtube"), code_challenge="c"
    )
    query = httpx.URL(url).params
    assert url.startswith(f"{sandbox.url}/youtube/accounts/o/oauth2/v2/auth?")
    assert query["access_type"] == "offline"
    assert query["prompt"] == "consent"
    assert query["code_challenge_method"] == "S256"
    assert query["scope"].split() == list(SCOPES)
    live = YouTubeOAuth(sandbox.settings.model_copy(update={"platforms_mode": "live"}))
    assert live.authorization_url(state="s", redirect_uri="r", code_challenge=None).startswith(
        "https://accounts.google.com/o/oauth2/v2/auth?"
    )


async def test_consent_checks_client_and_redirect_uri(sandbox: Sandbox) -> None:
    oauth = YouTubeOAuth(sandbox.settings)
    wrong_redirect = oauth.authorization_url(
        state="s", redirect_uri="https://evil.example/cb", code_challenge=None
    )
    wrong_client = YouTubeOAuth(
        sandbox.settings.model_copy(update={"google_client_id": "someone-else"})
    ).authorization_url(
        state="s", redirect_uri=redirect_uri(sandbox.settings, "youtube"), code_challenge=None
    )
    async with httpx.AsyncClient(timeout=10) as client:
        mismatch = await client.get(wrong_redirect)
        unknown = await client.get(wrong_client)
    assert mismatch.status_code == 400
    assert "redirect_uri_mismatch" in mismatch.text
    assert unknown.status_code == 401
    assert "invalid_client" in unknown.text


async def test_pkce_verifier_and_single_use_codes(sandbox: Sandbox) -> None:
    oauth = YouTubeOAuth(sandbox.settings)
    verifier, challenge = pkce_pair()
    code = (await consent(sandbox, "alice", code_challenge=challenge))["code"]
    with pytest.raises(AuthError, match="invalid_grant"):
        await oauth.exchange_code(
            code=code,
            redirect_uri=redirect_uri(sandbox.settings, "youtube"),
            code_verifier="wrong" * 10,
        )
    code = (await consent(sandbox, "alice", code_challenge=challenge))["code"]
    grant = await oauth.exchange_code(
        code=code, redirect_uri=redirect_uri(sandbox.settings, "youtube"), code_verifier=verifier
    )
    assert grant.access_token
    with pytest.raises(AuthError, match="invalid_grant"):
        await oauth.exchange_code(
            code=code,
            redirect_uri=redirect_uri(sandbox.settings, "youtube"),
            code_verifier=verifier,
        )


async def test_wrong_client_secret_is_permanent(sandbox: Sandbox) -> None:
    verifier, challenge = pkce_pair()
    code = (await consent(sandbox, "alice", code_challenge=challenge))["code"]
    settings = sandbox.settings.model_copy(update={"google_client_secret": SecretStr("not-it")})
    with pytest.raises(PermanentError, match="invalid_client") as caught:
        await YouTubeOAuth(settings).exchange_code(
            code=code,
            redirect_uri=redirect_uri(sandbox.settings, "youtube"),
            code_verifier=verifier,
        )
    assert not isinstance(caught.value, AuthError)


async def test_expired_token_then_refresh_keeps_the_refresh_token(sandbox: Sandbox) -> None:
    oauth = YouTubeOAuth(sandbox.settings)
    grant = await connect(sandbox)
    sandbox.advance_clock(3600)
    with pytest.raises(AuthError) as caught:
        await oauth.fetch_account(grant.access_token)
    assert caught.value.status_code == 401

    fresh = await oauth.refresh(grant)
    assert fresh.access_token != grant.access_token
    assert fresh.refresh_token == grant.refresh_token
    assert await oauth.fetch_account(fresh.access_token)


async def test_rotated_refresh_tokens_retire_the_old_one(sandbox: Sandbox) -> None:
    configure(sandbox, rotate_refresh_tokens=True, refresh_token_seconds=7 * 24 * 3600)
    oauth = YouTubeOAuth(sandbox.settings)
    grant = await connect(sandbox)
    assert grant.refresh_expires_at is not None
    fresh = await oauth.refresh(grant)
    assert fresh.refresh_token != grant.refresh_token
    with pytest.raises(AuthError):
        await oauth.refresh(grant)
    sandbox.advance_clock(8 * 24 * 3600)
    with pytest.raises(AuthError, match="invalid_grant"):
        await oauth.refresh(fresh)


async def test_revoked_access_fails_and_cannot_be_refreshed(sandbox: Sandbox) -> None:
    oauth = YouTubeOAuth(sandbox.settings)
    grant = await connect(sandbox, "alice")
    bystander = await connect(sandbox, "bob")
    account = await oauth.fetch_account(grant.access_token)
    revoke_access(sandbox, account.remote_id)

    with pytest.raises(AuthError):
        await oauth.fetch_account(grant.access_token)
    with pytest.raises(AuthError, match="invalid_grant"):
        await oauth.refresh(grant)
    assert await oauth.fetch_account(bystander.access_token)


async def test_revoke_ends_the_grant_and_is_idempotent(sandbox: Sandbox) -> None:
    oauth = YouTubeOAuth(sandbox.settings)
    grant = await connect(sandbox)
    await oauth.revoke(grant)
    with pytest.raises(AuthError):
        await oauth.fetch_account(grant.access_token)
    await oauth.revoke(grant)  # already revoked: nothing to do


async def test_token_endpoint_failures_are_retryable(sandbox: Sandbox) -> None:
    oauth = YouTubeOAuth(sandbox.settings)
    grant = await connect(sandbox)
    sandbox.faults({"platform": "youtube", "operation": "token", "fault": "error", "status": 503})
    with pytest.raises(RetryableError):
        await oauth.refresh(grant)
    sandbox.faults({"platform": "youtube", "operation": "token", "fault": "drop"})
    with pytest.raises(RetryableError):
        await oauth.refresh(grant)
