"""Login throttling: per account and address, stuffing per address, trusted proxy hops."""

from __future__ import annotations

import pytest

from tests.factories import DEFAULT_PASSWORD, create_user


def _use(client, settings, **changes):
    client._transport.app.state.settings = settings.model_copy(update=changes)  # type: ignore[attr-defined]


async def _attempt(client, email, password="wrong-password", forwarded=None):
    headers = {"X-Forwarded-For": forwarded} if forwarded else {}
    return await client.post(
        "/v1/auth/login", json={"email": email, "password": password}, headers=headers
    )


async def test_many_failures_on_one_account_do_not_lock_out_others_behind_the_address(
    client, session, settings
):
    victim, neighbour = await create_user(session), await create_user(session)
    await session.commit()
    statuses = {(await _attempt(client, victim.email)).status_code for _ in range(30)}
    assert statuses == {401, 429}
    assert (await _attempt(client, victim.email, DEFAULT_PASSWORD)).status_code == 429
    # A few more guessed accounts: 30 recorded failures from this address in all.
    for index in range(5):
        for _ in range(settings.login_max_failures_per_account):
            await _attempt(client, f"guess{index}@example.com")
    # Same address (the test client's), another account: untouched.
    assert (await _attempt(client, neighbour.email, DEFAULT_PASSWORD)).status_code == 200


async def test_guessing_from_elsewhere_does_not_lock_the_owner_out(client, session, settings):
    _use(client, settings, trusted_proxy_hops=1)
    owner = await create_user(session)
    await session.commit()
    for _ in range(settings.login_max_failures_per_account + 3):
        await _attempt(client, owner.email, forwarded="203.0.113.66")
    assert (await _attempt(client, owner.email, forwarded="203.0.113.66")).status_code == 429
    mine = await _attempt(client, owner.email, DEFAULT_PASSWORD, forwarded="198.51.100.7")
    assert mine.status_code == 200


async def test_credential_stuffing_from_one_address_is_throttled(client, session, settings):
    _use(client, settings, login_max_accounts_per_address=5)
    user = await create_user(session)
    await session.commit()
    for index in range(5):
        response = await _attempt(client, f"leaked{index}@example.com", "leaked-password-1")
        assert response.status_code == 401
    blocked = await _attempt(client, user.email, DEFAULT_PASSWORD)
    assert blocked.status_code == 429
    assert "different accounts" in blocked.json()["detail"]
    assert 0 < int(blocked.headers["retry-after"]) <= settings.login_failure_window_seconds


async def test_rotating_the_leftmost_forwarded_hop_does_not_bypass(client, session, settings):
    # The old switch, now one trusted hop. (The old per-address setting is named too, so this
    # test shows the old first-hop rule being bypassed.)
    _use(
        client,
        settings,
        trust_forwarded_for=True,
        login_max_accounts_per_address=3,
        login_max_failures_per_address=3,
    )
    user = await create_user(session)
    await session.commit()
    statuses = [
        (await _attempt(client, f"victim{n}@example.com", forwarded=f"10.9.{n}.1, 203.0.113.5"))
        for n in range(4)
    ]
    assert [response.status_code for response in statuses] == [401, 401, 401, 429]
    rotated = await _attempt(
        client, user.email, DEFAULT_PASSWORD, forwarded="10.9.99.1, 203.0.113.5"
    )
    assert rotated.status_code == 429


async def test_a_spoofed_leftmost_hop_cannot_lock_out_the_victims_address(
    client, session, settings
):
    _use(client, settings, trusted_proxy_hops=1, login_max_accounts_per_address=3)
    victim = await create_user(session)
    await session.commit()
    for index in range(10):
        for _ in range(settings.login_max_failures_per_account + 1):
            # The attacker writes the victim's address first; the proxy appends the real one.
            await _attempt(client, victim.email, forwarded="198.51.100.7, 203.0.113.99")
            await _attempt(client, f"x{index}@example.com", forwarded="198.51.100.7, 203.0.113.99")
    victims_login = await _attempt(client, victim.email, DEFAULT_PASSWORD, forwarded="198.51.100.7")
    assert victims_login.status_code == 200


@pytest.mark.parametrize(
    ("changes", "forwarded", "expected"),
    [
        ({}, "198.51.100.7", "127.0.0.1"),
        ({"trusted_proxy_hops": 1}, "1.1.1.1, 198.51.100.7", "198.51.100.7"),
        ({"trusted_proxy_hops": 2}, "1.1.1.1, 198.51.100.7, 10.0.0.2", "198.51.100.7"),
        ({"trusted_proxy_hops": 2}, "198.51.100.7", "127.0.0.1"),
        ({"trust_forwarded_for": True}, "1.1.1.1, 198.51.100.7", "198.51.100.7"),
        ({"trusted_proxy_hops": 1}, "1.1.1.1, not-an-address", "127.0.0.1"),
    ],
)
async def test_client_address_counts_trusted_hops_from_the_right(
    client, session, settings, changes, forwarded, expected
):
    from sqlalchemy import select

    from backend.models import LoginFailure

    _use(client, settings, **changes)
    await _attempt(client, "someone@example.com", forwarded=forwarded)
    [address] = (await session.execute(select(LoginFailure.client_address))).scalars().all()
    assert address == expected


async def test_probing_emails_through_open_sign_up_is_throttled(client, session, settings):
    _use(client, settings, open_signup=True, login_max_accounts_per_address=3)
    taken = [await create_user(session) for _ in range(3)]
    await session.commit()
    for user in taken:
        response = await client.post(
            "/v1/auth/register", json={"email": user.email, "password": "saffron-meadow-bicycle-3"}
        )
        assert response.status_code == 409
    probe = await client.post(
        "/v1/auth/register",
        json={"email": "fresh@example.com", "password": "saffron-meadow-bicycle-3"},
    )
    assert probe.status_code == 429
    assert (await _attempt(client, taken[0].email, DEFAULT_PASSWORD)).status_code == 429
