"""Instagram Login against the sandbox: consent, code exchange, the 60-day token, refresh,
expiry and removal of the app."""

from __future__ import annotations

from datetime import timedelta

import httpx
import pytest

from backend.platforms.base import AuthError, Credentials, PostSpec, RefreshTooEarly
from backend.platforms.instagram import InstagramOAuth
from backend.platforms.registry import redirect_uri
from core.clock import utcnow
from tests.platforms.conftest import Sandbox
from tests.platforms.instagram_helpers import (
    FRIDAY,
    configure,
    connect,
    connected,
    credentials_for,
    hosted,
    publisher,
    revoke,
)

DAY = 24 * 3600


async def test_connecting_gives_the_long_lived_token(sandbox: Sandbox) -> None:
    grant = await connect(sandbox, "maria.creates")
    assert grant.refresh_token is None
    assert grant.expires_at is not None
    assert timedelta(days=59) < grant.expires_at - utcnow() <= timedelta(days=60)
    assert "instagram_business_content_publish" in grant.scopes

    oauth = InstagramOAuth(sandbox.settings)
    account = await oauth.fetch_account(grant.access_token)
    assert account.username == "maria.creates"
    assert account.remote_id.isdigit()


async def test_the_consent_page_checks_the_app_and_the_redirect_uri(sandbox: Sandbox) -> None:
    oauth = InstagramOAuth(sandbox.settings)
    good = redirect_uri(sandbox.settings, "instagram")
    wrong_redirect = oauth.authorization_url(
        state="s", redirect_uri="https://evil.example/cb", code_challenge=None
    )
    wrong_app = oauth.authorization_url(state="s", redirect_uri=good, code_challenge=None).replace(
        "client_id=", "client_id=x"
    )
    async with httpx.AsyncClient(timeout=10) as client:
        for url in (wrong_redirect, wrong_app):
            page = await client.get(url)
            assert page.status_code == 400
            assert "code=" not in page.headers.get("location", "")


async def test_refresh_needs_a_day_old_token_and_gives_a_new_working_one(
    sandbox: Sandbox,
) -> None:
    grant = await connect(sandbox, "maria.creates")
    oauth = InstagramOAuth(sandbox.settings)
    # Instagram refuses a token under 24 h old: "not yet", never a broken account.
    with pytest.raises(RefreshTooEarly) as too_new:
        await oauth.refresh(grant)
    assert not isinstance(too_new.value, AuthError)  # the token itself is fine
    assert too_new.value.retryable
    assert too_new.value.retry_after_seconds == 24 * 3600

    sandbox.advance_clock(2 * DAY)
    refreshed = await oauth.refresh(grant)
    assert refreshed.access_token != grant.access_token
    assert refreshed.refresh_token is None
    assert refreshed.scopes == grant.scopes
    assert (await oauth.fetch_account(refreshed.access_token)).username == "maria.creates"
    # The old token keeps working until its own expiry (refresh_invalidates_previous is off).
    assert (await oauth.fetch_account(grant.access_token)).username == "maria.creates"


async def test_a_refresh_can_end_the_previous_token(sandbox: Sandbox) -> None:
    configure(sandbox, refresh_invalidates_previous=True)
    grant = await connect(sandbox, "maria.creates")
    sandbox.advance_clock(2 * DAY)
    oauth = InstagramOAuth(sandbox.settings)
    refreshed = await oauth.refresh(grant)
    with pytest.raises(AuthError):
        await oauth.fetch_account(grant.access_token)
    assert (await oauth.fetch_account(refreshed.access_token)).username == "maria.creates"


async def test_an_expired_token_is_refused_and_cannot_be_refreshed(sandbox: Sandbox) -> None:
    grant, credentials = await connected(sandbox, "maria.creates")
    pub = publisher(sandbox)
    sandbox.advance_clock(61 * DAY)
    with pytest.raises(AuthError) as expired:
        await pub.quota(credentials)
    assert "190/463" in expired.value.reason
    assert "Reconnect" in expired.value.user_message
    # Instagram refreshes only unexpired tokens: the user must connect again.
    with pytest.raises(AuthError):
        await InstagramOAuth(sandbox.settings).refresh(grant)
    fresh = await credentials_for(sandbox, await connect(sandbox, "maria.creates"))
    assert fresh.remote_account_id == credentials.remote_account_id
    assert (await pub.quota(fresh)) is not None


async def test_refreshing_before_expiry_keeps_the_account_publishing(sandbox: Sandbox) -> None:
    grant, credentials = await connected(sandbox, "maria.creates")
    sandbox.advance_clock(58 * DAY)
    refreshed = await InstagramOAuth(sandbox.settings).refresh(grant)
    sandbox.advance_clock(5 * DAY)  # the first token has expired by now; the new one has not
    pub = publisher(sandbox)
    with pytest.raises(AuthError):
        await pub.quota(credentials)
    renewed = Credentials(refreshed.access_token, credentials.remote_account_id)
    assert (await pub.quota(renewed)) is not None


async def test_a_removed_app_is_refused_everywhere(sandbox: Sandbox) -> None:
    grant, credentials = await connected(sandbox, "maria.creates")
    _, other = await connected(sandbox, "jon_films")
    sandbox.advance_clock(2 * DAY)
    revoke(sandbox, credentials.remote_account_id)
    pub = publisher(sandbox)
    with pytest.raises(AuthError) as refused:
        await pub.begin(credentials, hosted(sandbox, FRIDAY), PostSpec(caption="x"))
    assert "190/458" in refused.value.reason
    with pytest.raises(AuthError):
        await InstagramOAuth(sandbox.settings).refresh(grant)
    assert (await pub.quota(other)) is not None  # other accounts are untouched


async def test_a_missing_permission_is_an_auth_error(sandbox: Sandbox) -> None:
    grant = await connect(sandbox, "maria.creates", scopes=("instagram_business_basic",))
    credentials = await credentials_for(sandbox, grant)
    with pytest.raises(AuthError) as refused:
        await publisher(sandbox).begin(credentials, hosted(sandbox, FRIDAY), PostSpec(caption="x"))
    assert "OAuthException 10:" in refused.value.reason
    assert "permission" in refused.value.user_message


async def test_revoke_is_a_documented_no_op(sandbox: Sandbox) -> None:
    grant, credentials = await connected(sandbox, "maria.creates")
    await InstagramOAuth(sandbox.settings).revoke(grant)
    assert (await publisher(sandbox).quota(credentials)) is not None
