"""Browser sessions: the cookies that carry them and the CSRF token that guards them.

A browser never holds a token it can read. Signing in sets three cookies:

- ``stakazo_access``: the short-lived access token (httpOnly, every path);
- ``stakazo_session``: the rotating refresh token (httpOnly, sent only to /v1/auth/session);
- ``stakazo_csrf``: readable by the dashboard's JavaScript, which echoes it in ``X-CSRF-Token``
  on unsafe requests. It is an HMAC of the session id, so it stays the same across rotations
  and a cookie planted by a sibling subdomain cannot forge it.
"""

from __future__ import annotations

import hashlib
import hmac
import uuid

from fastapi import Response
from starlette.requests import HTTPConnection

from backend.auth.errors import CsrfRejected, OriginRejected
from backend.auth.schemas import TokenPair
from backend.config import Settings, origin_of

ACCESS_COOKIE = "stakazo_access"
SESSION_COOKIE = "stakazo_session"
CSRF_COOKIE = "stakazo_csrf"
CSRF_HEADER = "X-CSRF-Token"
SESSION_PATH = "/v1/auth/session"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def csrf_token(settings: Settings, session_id: uuid.UUID) -> str:
    key = hashlib.sha256(b"stakazo.csrf\0" + settings.secret_key.get_secret_value().encode())
    return hmac.new(key.digest(), session_id.bytes, hashlib.sha256).hexdigest()


def check_csrf(connection: HTTPConnection, settings: Settings, session_id: uuid.UUID) -> None:
    sent = connection.headers.get(CSRF_HEADER)
    if not sent:
        raise CsrfRejected()
    if not hmac.compare_digest(sent.encode(), csrf_token(settings, session_id).encode()):
        raise CsrfRejected("The X-CSRF-Token header does not match this session. Reload the page.")


def check_origin(connection: HTTPConnection, settings: Settings, *, required: bool) -> None:
    """Browsers name the page's origin on every WebSocket and cross-origin POST. Where a
    missing header may mean a program (signing in), ``required`` is False: a program cannot be
    the victim of a forged request."""
    origin = connection.headers.get("origin")
    if origin is None and not required:
        return
    if origin is None or origin.rstrip("/").lower() not in browser_origins(settings):
        raise OriginRejected()


def browser_origins(settings: Settings) -> frozenset[str]:
    return frozenset({settings.effective_dashboard_origin, origin_of(settings.public_base_url)})


def set_access_cookie(response: Response, settings: Settings, access_token: str) -> None:
    response.set_cookie(
        ACCESS_COOKIE,
        access_token,
        max_age=settings.access_token_ttl_seconds,
        path="/",
        secure=settings.secure_cookies,
        httponly=True,
        samesite="lax",
    )


def set_session_cookies(
    response: Response, settings: Settings, pair: TokenPair, session_id: uuid.UUID
) -> str:
    """Set the three cookies; returns the CSRF token."""
    secure = settings.secure_cookies
    set_access_cookie(response, settings, pair.access_token)
    response.set_cookie(
        SESSION_COOKIE,
        pair.refresh_token,
        max_age=pair.refresh_expires_in,
        path=SESSION_PATH,
        secure=secure,
        httponly=True,
        samesite="lax",
    )
    token = csrf_token(settings, session_id)
    response.set_cookie(
        CSRF_COOKIE,
        token,
        max_age=pair.refresh_expires_in,
        path="/",
        secure=secure,
        httponly=False,
        samesite="lax",
    )
    return token


def clear_session_cookies(response: Response, settings: Settings) -> None:
    secure = settings.secure_cookies
    for name, path, httponly in (
        (ACCESS_COOKIE, "/", True),
        (SESSION_COOKIE, SESSION_PATH, True),
        (CSRF_COOKIE, "/", False),
    ):
        response.delete_cookie(name, path=path, secure=secure, httponly=httponly, samesite="lax")
