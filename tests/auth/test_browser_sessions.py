"""Browser sessions: httpOnly cookies, a CSRF token bound to the session, rotation and reuse."""

from __future__ import annotations

from datetime import timedelta
from http.cookies import SimpleCookie

import httpx
from sqlalchemy import update

from backend.app import create_app
from backend.models import RefreshToken
from backend.models.base import utcnow
from tests.factories import DEFAULT_PASSWORD, create_member, create_user, create_workspace, login


def _set_cookies(response: httpx.Response) -> dict[str, dict[str, str | bool]]:
    """Each Set-Cookie header's attributes, read with the standard library's parser."""
    found: dict[str, dict[str, str | bool]] = {}
    for header in response.headers.get_list("set-cookie"):
        parsed = SimpleCookie()
        parsed.load(header)
        for name, morsel in parsed.items():
            found[name] = {"value": morsel.value, **{k: v for k, v in morsel.items() if v}}
    return found


async def _sign_in(client: httpx.AsyncClient, email: str) -> httpx.Response:
    response = await client.post(
        "/v1/auth/session", json={"email": email, "password": DEFAULT_PASSWORD}
    )
    assert response.status_code == 200, response.text
    return response


async def _member(session):
    workspace = await create_workspace(session)
    user = await create_member(session, workspace, "admin")
    await session.commit()
    return user, workspace


async def test_signing_in_sets_http_only_lax_cookies_and_no_token_in_the_body(client, session):
    user, _ = await _member(session)
    response = await _sign_in(client, user.email)
    cookies = _set_cookies(response)
    assert set(cookies) == {"stakazo_access", "stakazo_session", "stakazo_csrf"}
    for name in ("stakazo_access", "stakazo_session"):
        assert cookies[name]["httponly"] is True
    assert "httponly" not in cookies["stakazo_csrf"]  # the page reads it
    assert {c["samesite"] for c in cookies.values()} == {"lax"}
    assert not any("secure" in c for c in cookies.values())  # STAKAZO_ENV=test: plain HTTP
    assert cookies["stakazo_session"]["path"] == "/v1/auth/session"
    body = response.json()
    assert set(body) == {"csrf_token", "expires_in"}
    assert body["csrf_token"] == cookies["stakazo_csrf"]["value"]


async def test_cookies_are_secure_outside_development(settings, session_factory, session):
    user, _ = await _member(session)
    app = create_app(settings.model_copy(update={"env": "production"}), session_factory)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="https://api.test") as client:
        cookies = _set_cookies(await _sign_in(client, user.email))
    assert all(c["secure"] is True for c in cookies.values())


async def test_cookie_requests_read_freely_and_need_the_csrf_token_to_change(client, session):
    user, workspace = await _member(session)
    csrf = (await _sign_in(client, user.email)).json()["csrf_token"]
    scope = {"X-Workspace-Id": str(workspace.id)}
    assert (await client.get("/v1/auth/me")).status_code == 200
    assert (await client.get("/v1/members", headers=scope)).status_code == 200
    rename = {"name": "Renamed"}
    missing = await client.patch("/v1/workspaces/current", json=rename, headers=scope)
    assert (missing.status_code, missing.json()["error"]) == (403, "csrf_failed")
    wrong = await client.patch(
        "/v1/workspaces/current", json=rename, headers={**scope, "X-CSRF-Token": "0" * 64}
    )
    assert (wrong.status_code, wrong.json()["error"]) == (403, "csrf_failed")
    ok = await client.patch(
        "/v1/workspaces/current", json=rename, headers={**scope, "X-CSRF-Token": csrf}
    )
    assert (ok.status_code, ok.json()["name"]) == (200, "Renamed")


async def test_a_csrf_token_of_another_session_is_refused(client, session):
    user, workspace = await _member(session)
    other_csrf = (await _sign_in(client, user.email)).json()["csrf_token"]
    await _sign_in(client, user.email)  # a second session replaces the cookies
    response = await client.patch(
        "/v1/workspaces/current",
        json={"name": "x"},
        headers={"X-Workspace-Id": str(workspace.id), "X-CSRF-Token": other_csrf},
    )
    assert (response.status_code, response.json()["error"]) == (403, "csrf_failed")


async def test_bearer_requests_ignore_cookies(client, session):
    user, workspace = await _member(session)
    await _sign_in(client, user.email)  # the client now carries session cookies
    bearer = (await login(client, user.email))["access_token"]
    headers = {"Authorization": f"Bearer {bearer}", "X-Workspace-Id": str(workspace.id)}
    # No CSRF token needed with a bearer token, cookies or not.
    changed = await client.patch("/v1/workspaces/current", json={"name": "B"}, headers=headers)
    assert changed.status_code == 200
    # A bad bearer token is not rescued by a good cookie.
    forged = await client.get("/v1/auth/me", headers={"Authorization": "Bearer nonsense"})
    assert (forged.status_code, forged.json()["error"]) == (401, "invalid_token")


async def test_refresh_rotates_and_a_replayed_session_cookie_ends_the_session(client, session):
    user, _ = await _member(session)
    first = await _sign_in(client, user.email)
    csrf = first.json()["csrf_token"]
    old_session = client.cookies.get("stakazo_session")
    no_csrf = await client.post("/v1/auth/session/refresh")
    assert (no_csrf.status_code, no_csrf.json()["error"]) == (403, "csrf_failed")
    rotated = await client.post("/v1/auth/session/refresh", headers={"X-CSRF-Token": csrf})
    assert rotated.status_code == 200, rotated.text
    assert rotated.json()["csrf_token"] == csrf  # bound to the session, not the token
    new_session = client.cookies.get("stakazo_session")
    assert new_session
    assert new_session != old_session
    assert (await client.get("/v1/auth/me")).status_code == 200

    # The replay comes after the few seconds that racing tabs get.
    await session.execute(
        update(RefreshToken)
        .values(used_at=utcnow() - timedelta(minutes=1))
        .where(RefreshToken.used_at.is_not(None))
    )
    await session.commit()
    client.cookies.set("stakazo_session", old_session, path="/v1/auth/session")
    replay = await client.post("/v1/auth/session/refresh", headers={"X-CSRF-Token": csrf})
    assert (replay.status_code, replay.json()["error"]) == (401, "refresh_token_reused")
    client.cookies.set("stakazo_session", new_session, path="/v1/auth/session")
    after = await client.post("/v1/auth/session/refresh", headers={"X-CSRF-Token": csrf})
    assert after.status_code == 401
    assert (await client.get("/v1/auth/me")).status_code == 401  # the access cookie died too


async def test_tabs_refreshing_at_once_keep_the_session(client, session):
    user, _ = await _member(session)
    csrf = (await _sign_in(client, user.email)).json()["csrf_token"]
    old_session = client.cookies.get("stakazo_session")
    assert (
        await client.post("/v1/auth/session/refresh", headers={"X-CSRF-Token": csrf})
    ).status_code == 200
    new_session = client.cookies.get("stakazo_session")
    # A second tab's request left with the old cookie before the first one's answer arrived.
    client.cookies.set("stakazo_session", old_session, path="/v1/auth/session")
    racing = await client.post("/v1/auth/session/refresh", headers={"X-CSRF-Token": csrf})
    assert racing.status_code == 200, racing.text
    assert set(_set_cookies(racing)) == {"stakazo_access"}  # the session cookie stays as is
    client.cookies.set("stakazo_session", new_session, path="/v1/auth/session")
    assert (
        await client.post("/v1/auth/session/refresh", headers={"X-CSRF-Token": csrf})
    ).status_code == 200


async def test_signing_out_clears_the_cookies_and_ends_the_session(client, session):
    user, _ = await _member(session)
    csrf = (await _sign_in(client, user.email)).json()["csrf_token"]
    access = client.cookies.get("stakazo_access")
    refused = await client.delete("/v1/auth/session")
    assert (refused.status_code, refused.json()["error"]) == (403, "csrf_failed")
    out = await client.delete("/v1/auth/session", headers={"X-CSRF-Token": csrf})
    assert out.status_code == 204
    cleared = _set_cookies(out)
    assert set(cleared) == {"stakazo_access", "stakazo_session", "stakazo_csrf"}
    assert all(c["value"] in ("", '""') for c in cleared.values())
    assert not client.cookies.get("stakazo_access")
    # The old access cookie, kept by a thief, no longer works either.
    stolen = await client.get("/v1/auth/me", headers={"Cookie": f"stakazo_access={access}"})
    assert stolen.status_code == 401
    again = await client.delete("/v1/auth/session")
    assert again.status_code == 204  # nothing left to end: still a clean sign-out


async def test_signing_in_from_another_site_is_refused(client, session):
    user = await create_user(session)
    await session.commit()
    response = await client.post(
        "/v1/auth/session",
        json={"email": user.email, "password": DEFAULT_PASSWORD},
        headers={"Origin": "https://evil.example"},
    )
    assert (response.status_code, response.json()["error"]) == (403, "origin_not_allowed")
    assert "set-cookie" not in response.headers
    same = await client.post(
        "/v1/auth/session",
        json={"email": user.email, "password": DEFAULT_PASSWORD},
        headers={"Origin": "http://127.0.0.1:8000"},
    )
    assert same.status_code == 200
