"""Forged, foreign-key, stale and replayed tokens: every one gets the same 401 with the JSON
error shape, and none reaches a route."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from jose import jwt

from tests.factories import create_member, create_workspace, login
from tests.security.support import assert_json_error

# The placeholder published in .env.example: anyone can sign with it.
PLACEHOLDER_KEY = "dev-only-insecure-secret-key-change-me"


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _b64json(data: dict) -> str:
    return _b64(json.dumps(data).encode())


def _unb64json(text: str) -> dict:
    return dict(json.loads(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))))


def _rsa_key() -> tuple[bytes, bytes]:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    private = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    public = key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return private, public


@pytest.fixture
async def signed_in(client, session):
    """Two members of one workspace, each with a live session: (alice, bob) token dicts, and the
    headers that name the workspace."""
    workspace = await create_workspace(session)
    alice = await create_member(session, workspace, "admin")
    bob = await create_member(session, workspace, "viewer")
    await session.commit()
    return (
        await login(client, alice.email),
        await login(client, bob.email),
        {"X-Workspace-Id": str(workspace.id)},
    )


async def _refusal(client, token: str, headers: dict[str, str]) -> dict[str, str]:
    """The token is refused on a workspace route and on /auth/me, with one and the same body."""
    bodies = []
    for path in ("/v1/auth/me", "/v1/members"):
        response = await client.get(path, headers={**headers, "Authorization": f"Bearer {token}"})
        body = assert_json_error(response, 401)
        assert response.headers["www-authenticate"] == "Bearer"
        bodies.append(body)
    assert bodies[0] == bodies[1]
    return bodies[0]


def _forgeries(settings, claims: dict, token: str) -> dict[str, str]:
    ours = settings.secret_key.get_secret_value()
    private, public = _rsa_key()
    header, payload, signature = token.split(".")
    past = int(time.time()) - 3600
    swapped = {**claims, "sub": claims["sid"], "sid": claims["sub"]}
    return {
        "another key": jwt.encode(claims, "an-attacker-key-of-perfectly-fine-length", "HS256"),
        "the published placeholder key": jwt.encode(claims, PLACEHOLDER_KEY, "HS256"),
        "alg none": f"{_b64json({'alg': 'none', 'typ': 'JWT'})}.{payload}.",
        "alg None, signature kept": _with_header(token, {"alg": "None", "typ": "JWT"}),
        "HS512 with our key": jwt.encode(claims, ours, "HS512"),
        "HS384 with our key": jwt.encode(claims, ours, "HS384"),
        "RS256 with an attacker's RSA key": jwt.encode(claims, private.decode(), "RS256"),
        # Algorithm confusion: an RSA public key used as an HMAC secret, announced as HS256 and
        # as RS256.
        "HS256 keyed with an RSA public key": _hs256(claims, public),
        "RS256 header over an HS256 signature": _with_header(
            jwt.encode(claims, ours, "HS256"), {"alg": "RS256", "typ": "JWT"}
        ),
        "expired": jwt.encode({**claims, "iat": past - 900, "exp": past}, ours, "HS256"),
        "not yet valid and expired": jwt.encode({**claims, "exp": 1}, ours, "HS256"),
        "another issuer": jwt.encode({**claims, "iss": "someone-else"}, ours, "HS256"),
        "a refresh-typed token": jwt.encode({**claims, "typ": "refresh"}, ours, "HS256"),
        "sub and sid swapped, old signature": f"{header}.{_b64json(swapped)}.{signature}",
        "sub tampered, old signature": (
            f"{header}.{_b64json({**claims, 'sub': claims['sid']})}.{signature}"
        ),
        "exp extended, old signature": (
            f"{header}.{_b64json({**claims, 'exp': claims['exp'] + 10**6})}.{signature}"
        ),
        "signature stripped": f"{header}.{payload}.",
        "signature of another token": f"{header}.{payload}.{_b64(b'x' * 32)}",
        "not a JWT": "definitely-not-a-jwt",
        "a JWT with a broken payload": f"{header}.{_b64(b'{not json')}.{signature}",
    }


def _hs256(claims: dict, secret: bytes) -> str:
    # Signed by hand: JWT libraries refuse a PEM key as an HMAC secret, an attacker does not.
    signing_input = f"{_b64json({'alg': 'HS256', 'typ': 'JWT'})}.{_b64json(claims)}"
    mac = hmac.new(secret, signing_input.encode(), hashlib.sha256).digest()
    return f"{signing_input}.{_b64(mac)}"


def _with_header(token: str, header: dict) -> str:
    _, payload, signature = token.split(".")
    return f"{_b64json(header)}.{payload}.{signature}"


async def test_every_forged_or_stale_access_token_gets_the_same_401(client, settings, signed_in):
    alice, _, headers = signed_in
    genuine = alice["access_token"]
    claims = jwt.get_unverified_claims(genuine)
    assert (
        await client.get("/v1/members", headers={**headers, "Authorization": f"Bearer {genuine}"})
    ).status_code == 200

    baseline = await _refusal(client, "definitely-not-a-jwt", headers)
    assert baseline["error"] == "invalid_token"
    for name, forged in _forgeries(settings, claims, genuine).items():
        assert await _refusal(client, forged, headers) == baseline, name


async def test_a_missing_or_odd_authorization_header_is_a_json_401(client, signed_in):
    alice, _, headers = signed_in
    for authorization in (None, "", "Bearer", f"Basic {alice['access_token']}", "Bearer  "):
        sent = dict(headers)
        if authorization is not None:
            sent["Authorization"] = authorization
        assert_json_error(await client.get("/v1/members", headers=sent), 401)


async def test_a_logged_out_sessions_access_token_is_refused(client, signed_in):
    alice, _, headers = signed_in
    bearer = {"Authorization": f"Bearer {alice['access_token']}"}
    assert (await client.post("/v1/auth/logout", headers=bearer)).status_code == 204
    assert_json_error(await client.get("/v1/members", headers={**headers, **bearer}), 401)


async def test_a_reused_refresh_token_is_refused_and_ends_the_session(client, signed_in):
    alice, _, headers = signed_in
    rotated = await client.post("/v1/auth/refresh", json={"refresh_token": alice["refresh_token"]})
    assert rotated.status_code == 200
    newest = rotated.json()

    reused = await client.post("/v1/auth/refresh", json={"refresh_token": alice["refresh_token"]})
    assert assert_json_error(reused, 401)["error"] == "refresh_token_reused"
    for token in (newest["refresh_token"], alice["refresh_token"]):
        again = await client.post("/v1/auth/refresh", json={"refresh_token": token})
        assert_json_error(again, 401)
    for access in (newest["access_token"], alice["access_token"]):
        me = await client.get(
            "/v1/members", headers={**headers, "Authorization": f"Bearer {access}"}
        )
        assert_json_error(me, 401)


@pytest.mark.parametrize(
    "refresh_token",
    ["made-up", "x" * 200, "../../etc/passwd", "\u0000" * 8, "Bearer made-up"],
)
async def test_forged_refresh_tokens_are_refused(client, signed_in, refresh_token):
    response = await client.post("/v1/auth/refresh", json={"refresh_token": refresh_token})
    assert assert_json_error(response, 401)["error"] == "invalid_token"


@pytest.mark.parametrize("refresh_token", ["", "x" * 201, None, 12345])
async def test_refresh_tokens_of_the_wrong_shape_are_invalid_requests(client, refresh_token):
    response = await client.post("/v1/auth/refresh", json={"refresh_token": refresh_token})
    assert_json_error(response, 422)
