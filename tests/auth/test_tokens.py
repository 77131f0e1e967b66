"""Access-token attacks: every forged or stale token is refused with 401."""

from __future__ import annotations

import base64
import json
import time
from datetime import timedelta

import pytest
from jose import jwt

from backend.auth import tokens
from core.clock import utcnow
from tests.factories import create_user, login


def _b64(data: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


async def _claims(client, session) -> tuple[dict, str]:
    user = await create_user(session)
    await session.commit()
    token = (await login(client, user.email))["access_token"]
    return jwt.get_unverified_claims(token), token


async def _me(client, token: str) -> int:
    response = await client.get("/v1/auth/me", headers={"Authorization": f"Bearer {token}"})
    if response.status_code == 401:
        assert response.json()["error"] == "invalid_token"
        assert response.headers["www-authenticate"] == "Bearer"
    return response.status_code


async def test_valid_token_is_accepted(client, session):
    _, token = await _claims(client, session)
    assert await _me(client, token) == 200


async def test_expired_token_is_refused(client, session, settings):
    claims, _ = await _claims(client, session)
    past = int(time.time()) - 3600
    claims.update(iat=past - 900, exp=past)
    expired = jwt.encode(claims, settings.secret_key.get_secret_value(), algorithm="HS256")
    assert await _me(client, expired) == 401


async def test_token_signed_with_another_key_is_refused(client, session):
    claims, _ = await _claims(client, session)
    forged = jwt.encode(claims, "some-other-key-of-sufficient-length!!", algorithm="HS256")
    assert await _me(client, forged) == 401


async def test_alg_none_is_refused(client, session):
    claims, _ = await _claims(client, session)
    unsigned = f"{_b64({'alg': 'none', 'typ': 'JWT'})}.{_b64(claims)}."
    assert await _me(client, unsigned) == 401


async def test_other_algorithm_with_our_key_is_refused(client, session, settings):
    claims, _ = await _claims(client, session)
    other = jwt.encode(claims, settings.secret_key.get_secret_value(), algorithm="HS512")
    assert await _me(client, other) == 401


async def test_tampered_claims_are_refused(client, session):
    _, token = await _claims(client, session)
    header, payload, signature = token.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    other_user = await create_user(session)
    await session.commit()
    claims["sub"] = str(other_user.id)
    assert await _me(client, f"{header}.{_b64(claims)}.{signature}") == 401


async def test_live_session_of_another_user_is_refused(client, session, settings):
    # Signed with the real key: a session id only stands for the user it was issued to.
    claims_a, token_a = await _claims(client, session)
    assert await _me(client, token_a) == 200
    user_b = await create_user(session)
    await session.commit()
    claims_a["sub"] = str(user_b.id)
    token = jwt.encode(claims_a, settings.secret_key.get_secret_value(), algorithm="HS256")
    assert await _me(client, token) == 401


@pytest.mark.parametrize("missing", ["sub", "exp", "jti", "sid", "iat"])
async def test_token_without_required_claim_is_refused(client, session, settings, missing):
    claims, _ = await _claims(client, session)
    del claims[missing]
    token = jwt.encode(claims, settings.secret_key.get_secret_value(), algorithm="HS256")
    assert await _me(client, token) == 401


async def test_garbage_and_missing_tokens_are_refused(client):
    assert await _me(client, "not-a-jwt") == 401
    response = await client.get("/v1/auth/me")
    assert response.status_code == 401
    assert "Authorization" in response.json()["detail"]


def test_issued_token_round_trips(settings):
    import uuid

    user_id, session_id = uuid.uuid4(), uuid.uuid4()
    token = tokens.issue_access_token(settings, user_id, session_id, utcnow())
    claims = tokens.decode_access_token(settings, token)
    assert (claims.user_id, claims.session_id) == (user_id, session_id)
    assert claims.expires_at - utcnow() <= timedelta(seconds=settings.access_token_ttl_seconds)
