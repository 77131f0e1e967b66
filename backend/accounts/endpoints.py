from __future__ import annotations

import html
import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.ext.asyncio import AsyncSession

from backend.accounts import creator_info, notifications, service
from backend.accounts.schemas import (
    AccountOut,
    ConnectRequest,
    ConnectResult,
    ConnectStart,
    CreatorInfoOut,
    NotificationsOut,
    Platform,
)
from backend.auth.dependencies import SessionDep, SettingsDep
from backend.errors import AppError, error_responses
from backend.iam.context import WorkspaceContext
from backend.iam.dependencies import require_permission
from backend.iam.endpoints import WORKSPACE_ERRORS
from backend.models import PlatformAccount
from backend.pagination import InvalidCursor, Page, PageDep
from backend.platforms.registry import display_name

router = APIRouter(prefix="/accounts", tags=["accounts"])
# Platform-facing: the redirect URI registered with each platform, so it stays outside /v1.
callbacks = APIRouter(prefix="/accounts", tags=["oauth"])
AccountReader = Annotated[WorkspaceContext, require_permission("accounts:read")]
AccountConnector = Annotated[WorkspaceContext, require_permission("accounts:connect")]


async def _described(session: AsyncSession, accounts: list[PlatformAccount]) -> list[AccountOut]:
    subscriptions = await notifications.shown_for(session, accounts)
    described = []
    for account in accounts:
        out = AccountOut.model_validate(account, from_attributes=True)
        if (subscription := subscriptions.get(account.id)) is not None:
            out.notifications = NotificationsOut.model_validate(subscription, from_attributes=True)
        described.append(out)
    return described


async def _one(session: AsyncSession, account: PlatformAccount) -> AccountOut:
    [out] = await _described(session, [account])
    return out


@router.get("", responses=error_responses(*WORKSPACE_ERRORS, InvalidCursor))
async def list_accounts(ctx: AccountReader, session: SessionDep, page: PageDep) -> Page[AccountOut]:
    """The workspace's connected Instagram, TikTok and YouTube accounts, oldest first (several
    per platform are fine). Tokens are never returned."""
    found = await service.list_accounts(session, ctx, page.window())
    return page.page(await _described(session, list(found.rows)), found)


@router.post(
    "/connect/{platform}", responses=error_responses(*WORKSPACE_ERRORS, service.ReturnToRefused)
)
async def start_connect(
    platform: Platform,
    ctx: AccountConnector,
    session: SessionDep,
    settings: SettingsDep,
    body: ConnectRequest | None = None,
) -> ConnectStart:
    """Begin connecting an account: send the user's browser to `authorize_url`. The platform
    sends it back to `/accounts/oauth/{platform}/callback`, which finishes the connection.
    In sandbox mode the URL is the built-in sandbox's consent page. `return_to` may be a path
    here or an address on the dashboard's origin (STAKAZO_DASHBOARD_ORIGIN)."""
    url, row = await service.start_connect(
        session, ctx, settings, platform, body.return_to if body else None
    )
    return ConnectStart(authorize_url=url, expires_at=row.expires_at, sandbox=settings.uses_sandbox)


def _or_html_page(responses: dict[int | str, dict[str, Any]]) -> dict[int | str, dict[str, Any]]:
    """Errors are a page for the browser, JSON for `Accept: application/json`."""
    html = {"text/html": {"schema": {"type": "string"}}}
    return {status: {**entry, "content": html} for status, entry in responses.items()}


def _page(title: str, message: str, status_code: int) -> HTMLResponse:
    body = (
        "<!doctype html><html><head><meta charset='utf-8'><title>Stakazo</title></head>"
        "<body style='font-family:sans-serif;max-width:36rem;margin:4rem auto'>"
        f"<h1>{html.escape(title)}</h1><p>{html.escape(message)}</p></body></html>"
    )
    return HTMLResponse(body, status_code=status_code)


@callbacks.get(
    "/oauth/{platform}/callback",
    responses={
        200: {"model": ConnectResult, "content": {"text/html": {}}},
        303: {"description": "Back to the `return_to` address given when connecting started."},
        **_or_html_page(error_responses(service.InvalidOAuthState, service.OAuthDenied)),
    },
)
async def oauth_callback(
    platform: Platform,
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    state: Annotated[str | None, Query(max_length=200)] = None,
    code: Annotated[str | None, Query(max_length=2000)] = None,
    error: Annotated[str | None, Query(max_length=200)] = None,
) -> Response:
    """Where the platform sends the browser back. Not called by programs directly: it checks the
    single-use `state` issued by `POST /v1/accounts/connect/{platform}` and the user it was issued
    to, stores the tokens encrypted, and shows a page (or JSON when asked with
    `Accept: application/json`)."""
    wants_json = "application/json" in request.headers.get("accept", "")
    try:
        account, row = await service.complete_connect(
            session, settings, platform, state=state, code=code, error=error
        )
    except AppError as failure:
        if wants_json:
            raise
        return _page("The account was not connected", failure.message, failure.status_code)
    out = await _one(session, account)
    if wants_json:
        return Response(
            ConnectResult(account=out, return_to=row.return_to).model_dump_json(),
            media_type="application/json",
        )
    if row.return_to:
        return RedirectResponse(row.return_to, status_code=303)
    label = " (sandbox)" if account.sandbox else ""
    return _page(
        "Account connected",
        f"{display_name(platform)}{label} account @{account.username} is connected to Stakazo. "
        "You can close this tab.",
        200,
    )


@router.post(
    "/{account_id}/refresh",
    responses=error_responses(
        *WORKSPACE_ERRORS,
        service.AccountNotFound,
        service.PlatformUnavailable,
        service.RefreshNotYet,
    ),
)
async def refresh_account(
    account_id: uuid.UUID, ctx: AccountConnector, session: SessionDep, settings: SettingsDep
) -> AccountOut:
    """Refresh the account's tokens now. If the platform refuses, the account becomes
    `needs_reauth` and must be connected again. A 409 `token_refresh_too_early` means the
    platform does not renew tokens this young (Instagram: under 24 hours); the account stays
    connected and its token keeps working."""
    account = await service.refresh_now(session, ctx, settings, account_id)
    return await _one(session, account)


@router.get(
    "/{account_id}/creator-info",
    responses=error_responses(
        *WORKSPACE_ERRORS,
        service.AccountNotFound,
        service.AccountUnusable,
        service.PlatformUnavailable,
    ),
)
async def account_creator_info(
    account_id: uuid.UUID, ctx: AccountReader, session: SessionDep, settings: SettingsDep
) -> CreatorInfoOut:
    """What the account offers for its next post, to ask the user the post's choices
    (`tiktok` / `youtube` in `POST /v1/publications`) from it. TikTok: its creator info, asked
    now (privacy levels to offer, interactions the creator turned off, longest video, the
    nickname to show). YouTube: the categories uploads may take; made for kids is always asked.
    Instagram: nothing to ask."""
    platform, offered = await creator_info.creator_info(session, ctx, settings, account_id)
    return CreatorInfoOut.model_validate(
        {"account_id": account_id, "platform": platform, **offered}
    )


@router.delete(
    "/{account_id}",
    responses=error_responses(*WORKSPACE_ERRORS, service.AccountNotFound),
)
async def disconnect_account(
    account_id: uuid.UUID, ctx: AccountConnector, session: SessionDep, settings: SettingsDep
) -> AccountOut:
    """Disconnect: revokes our access on the platform where it allows, and deletes the tokens.
    Past publications stay."""
    account = await service.disconnect(session, ctx, settings, account_id)
    return await _one(session, account)
