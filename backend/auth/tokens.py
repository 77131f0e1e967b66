"""Access tokens (short-lived JWT, HS256 only) and opaque refresh tokens (stored hashed)."""

from __future__ import annotations

import hashlib
import secrets
import time
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache

from jose import JWTError, jwt

from backend.config import Settings

ALGORITHM = "HS256"
ISSUER = "stakazo"
_REQUIRED_CLAIMS = ("sub", "exp", "iat", "jti", "iss")


class InvalidAccessToken(Exception):
    pass


@dataclass(frozen=True)
class AccessClaims:
    user_id: uuid.UUID
    session_id: uuid.UUID
    token_id: str
    expires_at: datetime


def issue_access_token(
    settings: Settings, user_id: uuid.UUID, session_id: uuid.UUID, now: datetime
) -> str:
    claims = {
        "sub": str(user_id),
        "sid": str(session_id),
        "jti": uuid.uuid4().hex,
        "iat": int(now.timestamp()),
        "exp": int((now + timedelta(seconds=settings.access_token_ttl_seconds)).timestamp()),
        "iss": ISSUER,
        "typ": "access",
    }
    return str(jwt.encode(claims, settings.secret_key.get_secret_value(), algorithm=ALGORITHM))


def decode_access_token(settings: Settings, token: str) -> AccessClaims:
    """Only HS256 with our key is accepted: ``alg: none`` and every other algorithm fail.

    A token that verified once is remembered (by its exact text and the key) until it expires:
    checking the signature again gives the same answer, and cost a tenth of a request. Expiry
    is checked on every use; the session behind it is checked by the caller on every request.
    """
    secret = settings.secret_key.get_secret_value()
    claims = _verified(secret, token)
    if claims.expires_at.timestamp() <= time.time():
        raise InvalidAccessToken("Signature has expired.")
    return claims


# Tokens in use at once across the callers of one process; an expired one is simply evicted.
@lru_cache(maxsize=10_000)
def _verified(secret: str, token: str) -> AccessClaims:
    try:
        header = jwt.get_unverified_header(token)
        if header.get("alg") != ALGORITHM:
            raise InvalidAccessToken("unexpected algorithm")
        claims = jwt.decode(
            token,
            secret,
            algorithms=[ALGORITHM],
            issuer=ISSUER,
            options={f"require_{claim}": True for claim in _REQUIRED_CLAIMS},
        )
        if claims.get("typ") != "access":
            raise InvalidAccessToken("not an access token")
        return AccessClaims(
            user_id=uuid.UUID(claims["sub"]),
            session_id=uuid.UUID(claims["sid"]),
            token_id=str(claims["jti"]),
            expires_at=datetime.fromtimestamp(int(claims["exp"])).astimezone(),
        )
    except (JWTError, ValueError, KeyError, TypeError) as error:
        raise InvalidAccessToken(str(error)) from error


def new_refresh_token() -> str:
    return secrets.token_urlsafe(48)


def hash_refresh_token(token: str) -> str:
    # The token carries 384 random bits, so a plain digest is enough to make a stolen table useless.
    return hashlib.sha256(token.encode()).hexdigest()
