"""Registration, login, refresh rotation, logout, deactivation, rate limits."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from backend.models import LedgerEvent, LoginFailure
from tests.factories import DEFAULT_PASSWORD, create_user, login


async def _register(client, email="first@example.com", password="amber-kettle-horizon-7", **extra):
    return await client.post(
        "/v1/auth/register", json={"email": email, "password": password, **extra}
    )


async def test_first_registration_makes_an_admin_of_a_new_workspace(client, session):
    response = await _register(client, name="Ana", workspace_name="Acme")
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["workspace"]["role"] == "admin"
    assert body["workspace"]["workspace_name"] == "Acme"
    assert "members:manage" in body["workspace"]["permissions"]
    assert "password" not in response.text


async def test_second_registration_is_refused_when_signup_is_closed(client):
    assert (await _register(client)).status_code == 201
    response = await _register(client, email="second@example.com")
    assert response.status_code == 403
    assert response.json()["error"] == "signup_closed"


async def test_open_signup_lets_others_register_into_their_own_workspace(client, settings):
    settings_open = settings.model_copy(update={"open_signup": True})
    client._transport.app.state.settings = settings_open  # type: ignore[attr-defined]
    assert (await _register(client)).status_code == 201
    second = await _register(client, email="second@example.com")
    assert second.status_code == 201
    assert second.json()["workspace"]["role"] == "admin"
    duplicate = await _register(client, email="SECOND@example.com")
    assert duplicate.status_code == 409


async def test_login_then_me(client, session):
    await _register(client, name="Ana")
    tokens = await login(client, "first@example.com", "amber-kettle-horizon-7")
    assert tokens["token_type"] == "bearer"
    me = await client.get(
        "/v1/auth/me", headers={"Authorization": f"Bearer {tokens['access_token']}"}
    )
    assert me.status_code == 200
    assert me.json()["user"]["email"] == "first@example.com"
    assert me.json()["workspaces"][0]["role"] == "admin"


async def test_wrong_password_and_unknown_user_look_the_same(client, session):
    user = await create_user(session)
    await session.commit()
    wrong = await client.post("/v1/auth/login", json={"email": user.email, "password": "nope-nope"})
    unknown = await client.post(
        "/v1/auth/login", json={"email": "nobody@example.com", "password": "nope-nope"}
    )
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json() == unknown.json()
    failures = (
        (await session.execute(select(LedgerEvent).where(LedgerEvent.type == "auth.login_failed")))
        .scalars()
        .all()
    )
    assert {event.payload["reason"] for event in failures} == {"wrong_password", "unknown_account"}
    assert all("nope" not in str(event.payload) for event in failures)


async def test_email_is_case_insensitive(client, session):
    user = await create_user(session, email="mixed@example.com")
    await session.commit()
    await login(client, "  MIXED@Example.com ", DEFAULT_PASSWORD)
    assert user.email == "mixed@example.com"


async def test_passwords_longer_than_72_bytes_are_not_truncated(client, session):
    long_password = "é" * 40 + "tail-A"  # 86 bytes in UTF-8
    user = await create_user(session, password=long_password)
    await session.commit()
    await login(client, user.email, long_password)
    same_prefix = "é" * 40 + "tail-B"
    response = await client.post(
        "/v1/auth/login", json={"email": user.email, "password": same_prefix}
    )
    assert response.status_code == 401


async def test_refresh_rotates_and_reuse_revokes_the_whole_family(client, session):
    user = await create_user(session)
    await session.commit()
    first = await login(client, user.email)
    second = await client.post("/v1/auth/refresh", json={"refresh_token": first["refresh_token"]})
    assert second.status_code == 200
    second = second.json()
    assert second["refresh_token"] != first["refresh_token"]

    reused = await client.post("/v1/auth/refresh", json={"refresh_token": first["refresh_token"]})
    assert reused.status_code == 401
    assert reused.json()["error"] == "refresh_token_reused"
    # The thief's copy and the legitimate newest token are both dead, and so is the session.
    after = await client.post("/v1/auth/refresh", json={"refresh_token": second["refresh_token"]})
    assert after.status_code == 401
    me = await client.get(
        "/v1/auth/me", headers={"Authorization": f"Bearer {second['access_token']}"}
    )
    assert me.status_code == 401
    events = (
        (
            await session.execute(
                select(LedgerEvent).where(LedgerEvent.type == "auth.refresh_token_reused")
            )
        )
        .scalars()
        .all()
    )
    assert [event.user_id for event in events] == [user.id]


async def test_unknown_refresh_token_is_refused(client):
    response = await client.post("/v1/auth/refresh", json={"refresh_token": "made-up"})
    assert response.status_code == 401
    assert response.json()["error"] == "invalid_token"


async def test_logout_ends_the_session(client, session):
    user = await create_user(session)
    await session.commit()
    tokens = await login(client, user.email)
    headers = {"Authorization": f"Bearer {tokens['access_token']}"}
    assert (await client.post("/v1/auth/logout", headers=headers)).status_code == 204
    assert (await client.get("/v1/auth/me", headers=headers)).status_code == 401
    refreshed = await client.post(
        "/v1/auth/refresh", json={"refresh_token": tokens["refresh_token"]}
    )
    assert refreshed.status_code == 401


async def test_deactivated_user_loses_sessions_and_cannot_log_in(client, session):
    user = await create_user(session)
    await session.commit()
    tokens = await login(client, user.email)
    user.is_active = False
    await session.commit()
    me = await client.get(
        "/v1/auth/me", headers={"Authorization": f"Bearer {tokens['access_token']}"}
    )
    assert me.status_code == 401
    response = await client.post(
        "/v1/auth/login", json={"email": user.email, "password": DEFAULT_PASSWORD}
    )
    assert response.status_code == 401
    assert response.json()["detail"] == "Email or password is incorrect."


async def test_account_is_throttled_after_repeated_failures(client, session, settings):
    user = await create_user(session)
    await session.commit()
    for _ in range(settings.login_max_failures_per_account):
        bad = await client.post(
            "/v1/auth/login", json={"email": user.email, "password": "wrong-pw"}
        )
        assert bad.status_code == 401
    blocked = await client.post(
        "/v1/auth/login", json={"email": user.email, "password": DEFAULT_PASSWORD}
    )
    assert blocked.status_code == 429
    retry_after = int(blocked.headers["retry-after"])
    assert 0 < retry_after <= settings.login_failure_window_seconds
    assert blocked.json()["error"] == "too_many_attempts"
    # Unknown accounts are throttled the same way, so a 429 reveals nothing either.
    for _ in range(settings.login_max_failures_per_account):
        await client.post("/v1/auth/login", json={"email": "ghost@example.com", "password": "x"})
    ghost = await client.post(
        "/v1/auth/login", json={"email": "ghost@example.com", "password": "x"}
    )
    assert ghost.status_code == 429


async def test_success_clears_the_account_failure_count(client, session):
    user = await create_user(session)
    await session.commit()
    await client.post("/v1/auth/login", json={"email": user.email, "password": "wrong-pw"})
    await login(client, user.email)
    remaining = (
        (await session.execute(select(LoginFailure).where(LoginFailure.account == user.email)))
        .scalars()
        .all()
    )
    assert remaining == []


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"email": "not-an-email", "password": "saffron-meadow-bicycle-3"}, "email"),
        ({"email": "a@example.com", "password": "short"}, "password"),
        ({"email": "a@example.com"}, "password"),
    ],
)
async def test_invalid_registration_gets_a_readable_422(client, payload, field):
    response = await client.post("/v1/auth/register", json=payload)
    assert response.status_code == 422
    body = response.json()
    assert body["error"] == "invalid_request"
    assert field in body["detail"]
    assert any(item["field"] == field for item in body["fields"])


async def test_sign_ins_past_the_session_cap_end_the_oldest(client, session, settings):
    from backend.models import RefreshToken

    client._transport.app.state.settings = settings.model_copy(  # type: ignore[attr-defined]
        update={"max_sessions_per_user": 3}
    )
    user = await create_user(session)
    await session.commit()
    pairs = [await login(client, user.email) for _ in range(5)]
    live = []
    for pair in pairs:
        me = await client.get(
            "/v1/auth/me", headers={"Authorization": f"Bearer {pair['access_token']}"}
        )
        live.append(me.status_code == 200)
    assert live == [False, False, True, True, True]
    rows = (await session.execute(select(RefreshToken.family_id).distinct())).scalars().all()
    assert len(rows) == 3
