"""Who may hold a subscription: checked on connect, and again whenever access may have changed.

``authenticate_connection`` is the one place a subscriber's credentials are read: a bearer
token (header, or the ``bearer, <token>`` subprotocols a browser script can offer), else the
browser session's access cookie, from the dashboard's origin only (auth's own rules).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession
from starlette.requests import HTTPConnection

from backend.auth import connection as auth_connection
from backend.auth import repository as auth_repository
from backend.auth import service as auth_service
from backend.auth.cookies import ACCESS_COOKIE
from backend.auth.principal import Principal
from backend.config import Settings
from backend.errors import AppError
from backend.events.subscriber import FORBIDDEN, STREAM_PERMISSION, UNAUTHENTICATED
from backend.iam import repository as iam_repository
from core.clock import utcnow

# Browsers cannot set headers on a WebSocket: they offer the subprotocols "bearer, <token>".
BEARER_SUBPROTOCOL = "bearer"


class Refused(Exception):
    """The connection may not (or may no longer) subscribe; ``code`` is the close code."""

    def __init__(self, code: int, reason: str) -> None:
        super().__init__(reason)
        self.code, self.reason = code, reason


@dataclass(frozen=True)
class Access:
    user_id: uuid.UUID
    session_id: uuid.UUID
    workspace_id: uuid.UUID
    permissions: frozenset[str]


def offered_subprotocols(connection: HTTPConnection) -> list[str]:
    header = connection.headers.get("sec-websocket-protocol", "")
    return [part.strip() for part in header.split(",") if part.strip()]


def bearer_token(connection: HTTPConnection) -> str | None:
    """From ``Authorization: Bearer …``, or the subprotocols ``bearer, <token>``; never from the
    URL, whose query strings end up in access logs."""
    scheme, _, token = connection.headers.get("authorization", "").partition(" ")
    if scheme.lower() == "bearer" and token.strip():
        return token.strip()
    offered = offered_subprotocols(connection)
    if len(offered) >= 2 and offered[0].lower() == BEARER_SUBPROTOCOL:
        return offered[1]
    return None


async def authenticate_connection(
    connection: HTTPConnection, session: AsyncSession, settings: Settings
) -> Principal:
    token = bearer_token(connection)
    if token is None and not connection.cookies.get(ACCESS_COOKIE):
        raise Refused(UNAUTHENTICATED, "sign_in_first")
    try:
        if token is None:
            return await auth_connection.authenticate_connection(connection, session, settings)
        return await auth_service.authenticate(session, settings, token)
    except AppError as error:
        code = FORBIDDEN if error.status_code == 403 else UNAUTHENTICATED
        raise Refused(code, error.code) from error


async def authorize(
    session: AsyncSession, user_id: uuid.UUID, session_id: uuid.UUID, workspace_id: uuid.UUID
) -> Access:
    membership = await iam_repository.get_membership(session, user_id, workspace_id)
    if membership is None:
        raise Refused(FORBIDDEN, "not_a_member")
    permissions = frozenset(await iam_repository.role_permission_names(session, membership.role_id))
    if STREAM_PERMISSION not in permissions:
        raise Refused(FORBIDDEN, "missing_permission")
    return Access(user_id, session_id, workspace_id, permissions)


async def recheck(session: AsyncSession, access: Access) -> Access:
    """The subscription's access as it is now: the session still live, the account active, the
    membership and its role still granting the stream."""
    user = await iam_repository.get_user(session, access.user_id)
    if user is None or not user.is_active:
        raise Refused(UNAUTHENTICATED, "account_deactivated")
    if not await auth_repository.session_is_live(
        session, access.session_id, access.user_id, utcnow()
    ):
        raise Refused(UNAUTHENTICATED, "session_ended")
    return await authorize(session, access.user_id, access.session_id, access.workspace_id)
