"""Browser sign-in: the session lives in cookies the page's JavaScript cannot read."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Cookie, Request, Response, status

from backend.auth import cookies, service, tokens
from backend.auth.dependencies import ClientAddressDep, SessionDep, SettingsDep
from backend.auth.errors import (
    CsrfRejected,
    InvalidCredentials,
    InvalidToken,
    OriginRejected,
    RefreshTokenReused,
    TooManyAttempts,
)
from backend.auth.schemas import BrowserSession, LoginRequest, TokenPair
from backend.config import Settings
from backend.errors import error_responses

router = APIRouter(prefix="/auth/session", tags=["auth"])
SessionCookie = Annotated[str | None, Cookie(alias=cookies.SESSION_COOKIE, include_in_schema=False)]


@router.post("", responses=error_responses(InvalidCredentials, TooManyAttempts, OriginRejected))
async def sign_in(
    body: LoginRequest,
    request: Request,
    response: Response,
    session: SessionDep,
    settings: SettingsDep,
    address: ClientAddressDep,
) -> BrowserSession:
    """Sign in a browser. The session is kept in httpOnly cookies (SameSite=Lax, Secure outside
    development), so the page never handles a token. Send the `stakazo_csrf` cookie's value as
    `X-CSRF-Token` on every POST, PUT, PATCH and DELETE. Programs use `POST /v1/auth/login`."""
    cookies.check_origin(request, settings, required=False)
    pair = await service.login(
        session, settings, email=body.email, password=body.password, client_address=address
    )
    return _started(response, settings, pair)


@router.post(
    "/refresh",
    responses=error_responses(InvalidToken, RefreshTokenReused, CsrfRejected),
)
async def refresh_session(
    request: Request,
    response: Response,
    session: SessionDep,
    settings: SettingsDep,
    refresh_token: SessionCookie = None,
) -> BrowserSession:
    """Renew the access cookie when a request answers 401 (it expired); the session cookie
    rotates too. A session cookie replayed after rotation ends the session."""
    stored = await service.session_of(session, refresh_token) if refresh_token else None
    if refresh_token is None or stored is None:
        raise InvalidToken()
    cookies.check_csrf(request, settings, stored.family_id)
    access = await service.access_for_racing_tab(session, settings, stored)
    if access is not None:
        cookies.set_access_cookie(response, settings, access)
        return BrowserSession(
            csrf_token=cookies.csrf_token(settings, stored.family_id),
            expires_in=settings.access_token_ttl_seconds,
        )
    return _started(response, settings, await service.refresh(session, settings, refresh_token))


@router.delete("", status_code=status.HTTP_204_NO_CONTENT, responses=error_responses(CsrfRejected))
async def sign_out(
    request: Request,
    response: Response,
    session: SessionDep,
    settings: SettingsDep,
    refresh_token: SessionCookie = None,
) -> None:
    """Sign the browser out: the session ends on the server and its cookies are cleared. Without
    a live session there is nothing to end, and the cookies are cleared all the same."""
    stored = await service.session_of(session, refresh_token) if refresh_token else None
    if stored is not None:
        cookies.check_csrf(request, settings, stored.family_id)
        await service.end_session(session, stored.user_id, stored.family_id)
    cookies.clear_session_cookies(response, settings)


def _started(response: Response, settings: Settings, pair: TokenPair) -> BrowserSession:
    session_id = tokens.decode_access_token(settings, pair.access_token).session_id
    return BrowserSession(
        csrf_token=cookies.set_session_cookies(response, settings, pair, session_id),
        expires_in=pair.expires_in,
    )
