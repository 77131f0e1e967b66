from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query

from backend.accounts.schemas import Platform
from backend.accounts.service import AccountNotFound
from backend.auth.dependencies import SessionDep, SettingsDep
from backend.calendar import service
from backend.calendar.schemas import BestTimesOut, CalendarFilter, CalendarItem
from backend.errors import InvalidInput, error_responses
from backend.iam.context import WorkspaceContext
from backend.iam.dependencies import require_permission
from backend.iam.endpoints import WORKSPACE_ERRORS
from backend.input_types import DateTimeInput
from backend.pagination import InvalidCursor, Page, PageDep

router = APIRouter(tags=["calendar"])
# Best times are an account's, so they live under /accounts with its other reads.
account_times = APIRouter(prefix="/accounts", tags=["accounts"])
Reader = Annotated[WorkspaceContext, require_permission("campaigns:read")]
AccountReader = Annotated[WorkspaceContext, require_permission("accounts:read")]


@router.get("/calendar", responses=error_responses(*WORKSPACE_ERRORS, InvalidInput, InvalidCursor))
async def list_calendar(
    ctx: Reader,
    session: SessionDep,
    settings: SettingsDep,
    page: PageDep,
    start: Annotated[DateTimeInput, Query(alias="from", description="Inclusive, with a zone.")],
    end: Annotated[DateTimeInput, Query(alias="to", description="Exclusive; at most 62 days on.")],
    account_id: uuid.UUID | None = None,
    platform: Platform | None = None,
    campaign_id: uuid.UUID | None = None,
) -> Page[CalendarItem]:
    """The workspace's posts placed in `[from, to)`, oldest first: published ones at the time
    they went out, planned ones at their `publish_at`, ones sent as soon as approved at when
    they were created. Every state is included (cancelled and failed too); pages follow
    `next_cursor` like every list. Move a post with
    `POST /v1/publications/{id}/schedule`."""
    where = CalendarFilter(account_id=account_id, platform=platform, campaign_id=campaign_id)
    items, found = await service.calendar(session, ctx, settings, start, end, where, page.window())
    return page.page(items, found)


@account_times.get(
    "/{account_id}/best-times",
    responses=error_responses(*WORKSPACE_ERRORS, AccountNotFound, InvalidInput),
)
async def best_times(
    account_id: uuid.UUID,
    ctx: AccountReader,
    session: SessionDep,
    tz: Annotated[str, Query(max_length=64, description="IANA time zone of the hours.")] = "UTC",
) -> BestTimesOut:
    """The best hours of the week for this account to post, best first: learnt from its own
    published posts (views about 48 hours after each, relative to its typical post), smoothed
    toward the platform's typical good times; with fewer than 10 measured posts, the platform's
    typical good times alone (the `message` says which)."""
    return await service.account_best_times(session, ctx, account_id, tz)
