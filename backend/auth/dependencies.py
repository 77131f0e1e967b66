"""FastAPI dependencies that identify the caller."""

from __future__ import annotations

import ipaddress
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from backend.auth.connection import authenticate_connection
from backend.auth.principal import Principal
from backend.config import Settings
from core.db import SessionDep as SessionDep  # the session dependency lives in core

_bearer = HTTPBearer(auto_error=False, description="The access token from POST /v1/auth/login.")
# Names the bearer scheme in the OpenAPI schema; the token itself is read by read_credentials.
BearerDocumented = Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]


async def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


SettingsDep = Annotated[Settings, Depends(get_settings)]


async def current_principal(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    _documented: BearerDocumented,
) -> Principal:
    """Bearer token or browser session cookie (see ``authenticate_connection``)."""
    return await authenticate_connection(request, session, settings)


PrincipalDep = Annotated[Principal, Depends(current_principal)]


async def client_address(request: Request, settings: SettingsDep) -> str:
    """The caller's address as the nearest trusted proxy saw it.

    Each proxy appends the address it received the request from, so only the rightmost
    ``proxy_hops`` entries were written by our proxies; anything left of them is whatever the
    client sent and can be forged.
    """
    peer = request.client.host if request.client else "unknown"
    hops = settings.proxy_hops
    if hops == 0:
        return peer
    forwarded = [
        hop.strip()
        for header in request.headers.getlist("x-forwarded-for")
        for hop in header.split(",")
        if hop.strip()
    ]
    if len(forwarded) < hops:
        return peer
    candidate = forwarded[-hops]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return peer


ClientAddressDep = Annotated[str, Depends(client_address)]
