"""Connecting accounts through the real OAuth consent pages of the sandbox: the state is single
use and bound to its user, tokens never leave encrypted storage, refresh keeps them alive."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import anyio
import pytest
from sqlalchemy import select

from backend.accounts import service as accounts
from backend.models import LedgerEvent, PlatformAccount
from tests.factories import auth_headers, create_member
from tests.publishing.support import approve_consent, path_and_query
from workers.publishing import tokens

PLATFORMS = ["instagram", "tiktok", "youtube"]


@pytest.mark.parametrize("platform", PLATFORMS)
async def test_connecting_stores_only_encrypted_tokens(world, platform):
    account = await world.connect(platform, "brand_main")
    assert account["status"] == "connected"
    assert account["sandbox"] is True
    assert not any("token" in key for key in account)
    row = await world.session.get(PlatformAccount, uuid.UUID(account["id"]))
    grant = accounts.current_grant(row, accounts.TokenCipher(world.sandbox.settings))
    assert grant.access_token not in row.access_token_encrypted
    events = (
        await world.session.scalars(
            select(LedgerEvent).where(LedgerEvent.type == "account.connected")
        )
    ).all()
    assert len(events) == 1
    assert grant.access_token not in str(events[0].payload)
    # The token works on the platform: the account can be read with it.
    remote = (
        await accounts.registry.plugin(platform)
        .oauth(world.sandbox.settings)
        .fetch_account(grant.access_token)
    )
    assert remote.remote_id == account["remote_id"]


async def test_several_accounts_per_platform_and_reconnecting_updates_in_place(world):
    first = await world.connect("tiktok", "brand_one")
    second = await world.connect("tiktok", "brand_two")
    again = await world.connect("tiktok", "brand_one")
    assert first["id"] != second["id"]
    assert again["id"] == first["id"]
    listed = (await world.api.get("/v1/accounts", headers=world.headers)).json()["items"]
    assert sorted(a["username"] for a in listed) == ["brand_one", "brand_two"]


async def _authorize(world, platform: str) -> str:
    started = await world.api.post(
        f"/v1/accounts/connect/{platform}", json={}, headers=world.headers
    )
    return started.json()["authorize_url"]


async def test_a_state_works_once(world):
    location = await anyio.to_thread.run_sync(
        approve_consent, await _authorize(world, "youtube"), "once"
    )
    first = await world.api.get(path_and_query(location), headers={"Accept": "application/json"})
    assert first.status_code == 200
    replay = await world.api.get(path_and_query(location), headers={"Accept": "application/json"})
    assert replay.status_code == 400
    assert replay.json()["error"] == "invalid_oauth_state"


async def test_unknown_state_and_denied_consent_show_a_plain_page(world):
    forged = await world.api.get("/accounts/oauth/tiktok/callback?state=forged&code=x")
    assert forged.status_code == 400
    assert "unknown, already used or expired" in forged.text
    url = await _authorize(world, "instagram")
    state = url.split("state=")[1].split("&")[0]
    denied = await world.api.get(
        f"/accounts/oauth/instagram/callback?state={state}&error=access_denied"
    )
    assert denied.status_code == 400
    assert "Access was not granted" in denied.text
    refused = await world.session.scalar(
        select(LedgerEvent).where(LedgerEvent.type == "account.connect_denied")
    )
    assert refused is not None
    assert (await world.api.get("/v1/accounts", headers=world.headers)).json()["items"] == []


async def test_a_state_from_another_platform_or_too_old_is_refused(world):
    url = await _authorize(world, "tiktok")
    location = await anyio.to_thread.run_sync(approve_consent, url, "late")
    wrong_platform = path_and_query(location).replace("/tiktok/", "/youtube/")
    assert (await world.api.get(wrong_platform)).status_code == 400
    from backend.models import OAuthState

    for row in await world.session.scalars(select(OAuthState)):
        row.expires_at = datetime.now(UTC) - timedelta(seconds=1)
    await world.session.commit()
    late = await world.api.get(path_and_query(location))
    assert late.status_code == 400
    assert "expired" in late.text


async def test_a_user_deactivated_during_consent_cannot_finish_connecting(world):
    from backend.models import OAuthState, User

    location = await anyio.to_thread.run_sync(
        approve_consent, await _authorize(world, "tiktok"), "gone"
    )
    state = await world.session.scalar(select(OAuthState))
    user = await world.session.get(User, state.user_id)
    user.is_active = False
    await world.session.commit()

    finished = await world.api.get(path_and_query(location), headers={"Accept": "application/json"})
    assert finished.status_code == 403
    assert "deactivated" in finished.json()["detail"]
    assert await world.session.scalar(select(PlatformAccount)) is None


async def test_connecting_needs_the_accounts_connect_permission(world, session):
    workspace_id = world.headers["X-Workspace-Id"]
    from backend.models import Workspace

    workspace = await session.get(Workspace, uuid.UUID(workspace_id))
    editor = await create_member(session, workspace, "editor")
    await session.commit()
    headers = await auth_headers(world.api, editor, workspace)
    refused = await world.api.post("/v1/accounts/connect/tiktok", json={}, headers=headers)
    assert refused.status_code == 403
    assert (await world.api.get("/v1/accounts", headers=headers)).status_code == 200


async def test_return_to_must_stay_on_this_site_or_the_dashboard(world):
    for foreign in (
        "https://evil.example/x",
        "//evil.example/x",
        "/\\evil.example/x",
        "javascript:alert(1)",
        "https://127.0.0.1:8000@evil.example/",
        "http://127.0.0.1:8001/x",
    ):
        refused = await world.api.post(
            "/v1/accounts/connect/tiktok", json={"return_to": foreign}, headers=world.headers
        )
        assert refused.status_code == 422, foreign
        assert refused.json()["error"] == "return_to_not_allowed"
    for allowed in ("/v1/accounts?done=1", "http://127.0.0.1:8000/dashboard/accounts?done=1"):
        started = await world.api.post(
            "/v1/accounts/connect/tiktok", json={"return_to": allowed}, headers=world.headers
        )
        location = await anyio.to_thread.run_sync(
            approve_consent, started.json()["authorize_url"], "safe"
        )
        back = await world.api.get(path_and_query(location))
        assert back.status_code == 303
        assert back.headers["location"] == allowed


async def test_tokens_near_expiry_are_refreshed_and_refused_ones_need_reauth(world):
    keep = await world.connect("youtube", "kept_alive")
    lose = await world.connect("tiktok", "revoked_one")
    world.sandbox.platform_control(
        "tiktok", "POST", "/revoke", json={"remote_account_id": lose["remote_id"]}
    )
    for account_id in (keep["id"], lose["id"]):
        row = await world.session.get(PlatformAccount, uuid.UUID(account_id))
        row.access_expires_at = datetime.now(UTC) + timedelta(minutes=1)
    await world.session.commit()

    refreshed, lost = await tokens.refresh_due(world.sessions, world.sandbox.settings)
    assert (refreshed, lost) == (1, 1)
    listed = {
        a["id"]: a
        for a in (await world.api.get("/v1/accounts", headers=world.headers)).json()["items"]
    }
    assert listed[keep["id"]]["status"] == "connected"
    assert _after(listed[keep["id"]]["access_expires_at"], minutes=30)
    assert listed[lose["id"]]["status"] == "needs_reauth"
    assert listed[lose["id"]]["last_error"]


def _after(text: str, *, minutes: int) -> bool:
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return moment > datetime.now(UTC) + timedelta(minutes=minutes)


async def test_disconnecting_revokes_and_forgets_the_tokens(world):
    account = await world.connect("tiktok", "leaving")
    row = await world.session.get(PlatformAccount, uuid.UUID(account["id"]))
    grant = accounts.current_grant(row, accounts.TokenCipher(world.sandbox.settings))
    gone = await world.api.delete(f"/v1/accounts/{account['id']}", headers=world.headers)
    assert gone.status_code == 200
    assert gone.json()["status"] == "disconnected"
    await world.session.refresh(row)
    assert row.access_token_encrypted == ""
    assert row.refresh_token_encrypted is None
    from backend.platforms.base import AuthError

    with pytest.raises(AuthError):
        await (
            accounts.registry.plugin("tiktok")
            .oauth(world.sandbox.settings)
            .fetch_account(grant.access_token)
        )


async def test_connect_flows_do_not_pile_up(world):
    from backend.models import OAuthState

    first = await _authorize(world, "tiktok")
    for _ in range(accounts.MAX_OPEN_CONNECTS_PER_USER + 5):
        await _authorize(world, "tiktok")
    rows = (await world.session.scalars(select(OAuthState))).all()
    assert len(rows) == accounts.MAX_OPEN_CONNECTS_PER_USER
    # The oldest flow was abandoned: finishing it now is refused like any stale link.
    location = await anyio.to_thread.run_sync(approve_consent, first, "old")
    stale = await world.api.get(path_and_query(location), headers={"Accept": "application/json"})
    assert (stale.status_code, stale.json()["error"]) == (400, "invalid_oauth_state")
