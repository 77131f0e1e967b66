"""FastAPI dependencies that identify the caller."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.ext.asyncio import AsyncSession

from backend.auth import service
from backend.auth.errors import InvalidToken
from backend.auth.principal import Principal
from backend.config import Settings
from backend.db import get_session
from backend.errors import Unauthorized

_bearer = HTTPBearer(auto_error=False, description="The access token from POST /auth/login.")


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


# "function" scope: the commit happens before the response is sent, never after it.
SessionDep = Annotated[AsyncSession, Depends(get_session, scope="function")]
SettingsDep = Annotated[Settings, Depends(get_settings)]


async def current_principal(
    session: SessionDep,
    settings: SettingsDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Principal:
    if credentials is None:
        raise Unauthorized("Sign in first: send 'Authorization: Bearer <access token>'.")
    if credentials.scheme.lower() != "bearer":
        raise InvalidToken()
    return await service.authenticate(session, settings, credentials.credentials)


PrincipalDep = Annotated[Principal, Depends(current_principal)]


def client_address(request: Request, settings: SettingsDep) -> str:
    if settings.trust_forwarded_for:
        forwarded = request.headers.get("x-forwarded-for", "")
        first_hop = forwarded.split(",")[0].strip()
        if first_hop:
            return first_hop[:64]
    return request.client.host if request.client else "unknown"


ClientAddressDep = Annotated[str, Depends(client_address)]
