"""Who is calling: one answer for HTTP requests and WebSockets, bearer token or browser cookie."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession
from starlette.requests import HTTPConnection

from backend.auth import cookies, service
from backend.auth.errors import InvalidToken
from backend.auth.principal import Principal
from backend.auth.tokens import AccessClaims
from backend.config import Settings
from backend.errors import Unauthorized


@dataclass(frozen=True)
class Credentials:
    """A verified access token, and whether it came in the browser's cookie."""

    claims: AccessClaims
    from_cookie: bool


def read_credentials(connection: HTTPConnection, settings: Settings) -> Credentials:
    """The caller's access token, verified (signature and expiry; not yet its session).

    An ``Authorization`` header decides alone: programs never meet cookie rules, and a cookie
    the browser happens to carry cannot stand in for a bad token. Without one, the browser's
    access cookie is used.
    """
    authorization = connection.headers.get("authorization")
    if authorization is not None:
        scheme, _, token = authorization.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise InvalidToken()
        return Credentials(service.verify_access_token(settings, token.strip()), False)
    access = connection.cookies.get(cookies.ACCESS_COOKIE)
    if not access:
        raise Unauthorized(
            "Sign in first: send 'Authorization: Bearer <access token>' "
            "(browsers: POST /v1/auth/session)."
        )
    return Credentials(service.verify_access_token(settings, access), True)


def enforce_browser_rules(
    connection: HTTPConnection, settings: Settings, credentials: Credentials
) -> None:
    """A cookie-borne call: an unsafe method must carry the CSRF token of that session, and a
    WebSocket must come from the dashboard's origin (SameSite does not cover sibling
    subdomains, and WebSockets have no CSRF header). Checked once the session is known to be
    live, so a stale session hears 401 first."""
    if not credentials.from_cookie:
        return
    if connection.scope["type"] == "websocket":
        cookies.check_origin(connection, settings, required=True)
    elif connection.scope["method"] not in cookies.SAFE_METHODS:
        cookies.check_csrf(connection, settings, credentials.claims.session_id)


async def authenticate_connection(
    connection: HTTPConnection, session: AsyncSession, settings: Settings
) -> Principal:
    """The caller of a request or WebSocket: a live session of an active user."""
    credentials = read_credentials(connection, settings)
    principal = await service.principal_for(session, credentials.claims)
    enforce_browser_rules(connection, settings, credentials)
    return principal
