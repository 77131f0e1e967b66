"""Weak passwords are refused everywhere a password is set, with a reason."""

from __future__ import annotations

import pytest

from backend.auth import password_policy
from backend.auth.password_policy import WeakPassword
from tests.factories import (
    DEFAULT_PASSWORD,
    auth_headers,
    create_member,
    create_user,
    create_workspace,
)

WEAK = [
    ("password", "at least 12"),
    ("12345678", "at least 12"),
    ("short-pw-1", "at least 12"),
    ("password1234", "most commonly used"),
    ("Qwertyuiop!!", "most commonly used"),
    ("iloveyou2026", "most commonly used"),
    ("aaaaaaaaaaaa", "repeated"),
    ("abcabcabcabc", "repeated"),
    ("abcdefghijklm", "sequence"),
    ("123456789012", "sequence"),
    ("987654321098", "sequence"),
    ("maria.lopez-2026", "email"),
]


@pytest.mark.parametrize(("password", "reason"), WEAK)
def test_weak_passwords_are_refused_with_the_reason(password, reason):
    with pytest.raises(WeakPassword, match=reason):
        password_policy.check(password, "Maria.Lopez@example.com")


@pytest.mark.parametrize(
    "password",
    ["correct horse battery staple", DEFAULT_PASSWORD, "plum-orbit-lantern-42", "Tr0ub4dor&3xyz"],
)
def test_reasonable_passwords_pass(password):
    password_policy.check(password, "maria.lopez@example.com")


def test_the_bundled_list_is_the_common_passwords():
    common = password_policy.common_passwords()
    assert 9_000 <= len(common) <= 10_000
    assert {"password", "123456", "qwerty", "iloveyou", "#1bitch"} <= common
    assert not any(line.startswith("# ") for line in common)


@pytest.mark.parametrize(("password", "reason"), [("password", "12"), ("password1234", "common")])
async def test_registration_refuses_weak_passwords(client, password, reason):
    response = await client.post(
        "/v1/auth/register", json={"email": "first@example.com", "password": password}
    )
    assert response.status_code == 422
    assert reason in response.json()["detail"]


async def test_member_creation_refuses_weak_passwords(client, session):
    workspace = await create_workspace(session)
    admin = await create_member(session, workspace, "admin")
    await session.commit()
    headers = await auth_headers(client, admin, workspace)
    response = await client.post(
        "/v1/members",
        headers=headers,
        json={"email": "new.person@example.com", "role": "viewer", "password": "new.person-123"},
    )
    assert response.status_code == 422
    assert response.json()["error"] == "weak_password"
    assert "email" in response.json()["detail"]


async def test_password_change_checks_the_current_one_and_the_policy(client, session):
    user = await create_user(session)
    await session.commit()
    headers = await auth_headers(client, user)
    other_session = await auth_headers(client, user)

    async def change(current, new):
        return await client.post(
            "/v1/auth/password",
            headers=headers,
            json={"current_password": current, "new_password": new},
        )

    wrong = await change("not-my-password", "a-fresh-passphrase-9")
    assert (wrong.status_code, wrong.json()["error"]) == (403, "wrong_password")
    weak = await change(DEFAULT_PASSWORD, "1234567890123")
    assert (weak.status_code, weak.json()["error"]) == (422, "weak_password")
    assert (await change(DEFAULT_PASSWORD, "a-fresh-passphrase-9")).status_code == 204

    assert (await client.get("/v1/auth/me", headers=headers)).status_code == 200
    assert (await client.get("/v1/auth/me", headers=other_session)).status_code == 401
    old = await client.post(
        "/v1/auth/login", json={"email": user.email, "password": DEFAULT_PASSWORD}
    )
    assert old.status_code == 401
    await auth_headers(client, user, password="a-fresh-passphrase-9")


async def test_wrong_current_passwords_are_throttled(client, session, settings):
    user = await create_user(session)
    await session.commit()
    headers = await auth_headers(client, user)
    body = {"current_password": "guess-guess-guess", "new_password": "a-fresh-passphrase-9"}
    statuses = [
        (await client.post("/v1/auth/password", headers=headers, json=body)).status_code
        for _ in range(settings.login_max_failures_per_account + 1)
    ]
    assert statuses[-1] == 429
