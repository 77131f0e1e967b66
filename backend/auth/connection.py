"""Who is calling: one answer for HTTP requests and WebSockets, bearer token or browser cookie."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession
from starlette.requests import HTTPConnection

from backend.auth import cookies, service
from backend.auth.errors import InvalidToken
from backend.auth.principal import Principal
from backend.config import Settings
from backend.errors import Unauthorized


async def authenticate_connection(
    connection: HTTPConnection, session: AsyncSession, settings: Settings
) -> Principal:
    """The caller of a request or WebSocket.

    An ``Authorization`` header decides alone: programs never meet cookie rules, and a cookie
    the browser happens to carry cannot stand in for a bad token. Without one, the browser's
    access cookie is used, and then an unsafe method must carry the CSRF token of that session,
    and a WebSocket must come from the dashboard's origin (SameSite does not cover sibling
    subdomains, and WebSockets have no CSRF header).
    """
    authorization = connection.headers.get("authorization")
    if authorization is not None:
        scheme, _, token = authorization.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise InvalidToken()
        return await service.authenticate(session, settings, token.strip())
    access = connection.cookies.get(cookies.ACCESS_COOKIE)
    if not access:
        raise Unauthorized(
            "Sign in first: send 'Authorization: Bearer <access token>' "
            "(browsers: POST /v1/auth/session)."
        )
    principal = await service.authenticate(session, settings, access)
    if connection.scope["type"] == "websocket":
        cookies.check_origin(connection, settings, required=True)
    elif connection.scope["method"] not in cookies.SAFE_METHODS:
        cookies.check_csrf(connection, settings, principal.session_id)
    return principal
