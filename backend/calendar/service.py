"""The calendar of a workspace's posts, and the best hours for an account to post."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Final
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy.ext.asyncio import AsyncSession

from backend.accounts import repository as accounts
from backend.accounts.service import AccountNotFound
from backend.calendar import best_times, defaults, repository
from backend.calendar.schemas import (
    ApprovalCount,
    BestTime,
    BestTimesOut,
    CalendarFilter,
    CalendarItem,
)
from backend.config import Settings
from backend.errors import InvalidInput
from backend.iam.context import WorkspaceContext
from backend.media import service as media
from backend.models import Publication, VariantState
from backend.pagination import Slice, Window
from backend.platforms.registry import display_name
from core.clock import utcnow

MAX_WINDOW: Final = timedelta(days=62)
# Views are read about this long after a post went out, so posts are compared at the same age.
VIEWS_AGE: Final = timedelta(hours=48)
# Readings younger than this say little about how a post did.
YOUNGEST_READING: Final = timedelta(hours=12)
HISTORY: Final = timedelta(days=365)
HISTORY_POSTS: Final = 500


async def calendar(
    session: AsyncSession,
    ctx: WorkspaceContext,
    settings: Settings,
    start: datetime,
    end: datetime,
    where: CalendarFilter,
    window: Window,
) -> tuple[list[CalendarItem], Slice[Publication]]:
    if start.tzinfo is None or end.tzinfo is None:
        raise InvalidInput("from and to need a time zone, e.g. 2026-12-01T00:00:00Z")
    if end <= start:
        raise InvalidInput("to must come after from.")
    if end - start > MAX_WINDOW:
        raise InvalidInput("The calendar shows at most 62 days at a time; narrow from and to.")
    found = await repository.calendar_page(session, ctx.workspace_id, start, end, where, window)
    details = await repository.calendar_details(session, found.rows)
    counts = await repository.approval_counts(session, [p.id for p in found.rows])
    items = []
    for publication in found.rows:
        asset_name, account, variant, campaign_id = details[publication.id]
        ready = variant is not None and variant.state == VariantState.READY
        items.append(
            CalendarItem(
                publication_id=publication.id,
                clip_id=publication.clip_id,
                asset_name=asset_name,
                cover_url=media.url(settings, variant.cover_key) if ready and variant else None,
                preview_url=media.url(settings, variant.preview_key) if ready and variant else None,
                account_id=account.id,
                account_name=account.display_name or account.username,
                account_handle=account.username,
                platform=publication.platform,
                at=publication.published_at or publication.publish_at or publication.created_at,
                state=publication.state,
                caption=publication.caption,
                campaign_id=campaign_id,
                approvals=ApprovalCount(
                    count=counts.get(publication.id, 0),
                    required=publication.approvals_required,
                ),
            )
        )
    return items, found


def zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise InvalidInput(
            f"Unknown time zone {name!r}; use an IANA name such as Europe/Madrid."
        ) from None


def measured_posts(
    readings: list[tuple[uuid.UUID, datetime, datetime, int]], tz: ZoneInfo
) -> list[best_times.Post]:
    """Each post once, by its views at the reading nearest 48 hours after it went out."""
    nearest: dict[uuid.UUID, tuple[timedelta, datetime, int]] = {}
    for publication_id, published_at, captured_at, views in readings:
        if captured_at - published_at < YOUNGEST_READING:
            continue
        distance = abs(captured_at - published_at - VIEWS_AGE)
        if publication_id not in nearest or distance < nearest[publication_id][0]:
            nearest[publication_id] = (distance, published_at, views)
    return [
        best_times.Post(at=published_at.astimezone(tz), views=views)
        for _, published_at, views in nearest.values()
    ]


async def account_best_times(
    session: AsyncSession, ctx: WorkspaceContext, account_id: uuid.UUID, time_zone: str
) -> BestTimesOut:
    account = await accounts.get_in_workspace(session, ctx.workspace_id, account_id)
    if account is None:
        raise AccountNotFound()
    tz = zone(time_zone)
    readings = await repository.published_with_views(
        session, account.id, utcnow() - HISTORY, HISTORY_POSTS
    )
    posts = measured_posts(readings, tz)
    slots = best_times.score_hours(
        posts, lambda weekday, hour: defaults.default_weight(account.platform, weekday, hour)
    )
    platform = display_name(account.platform)
    if len(posts) >= best_times.MIN_HISTORY:
        message = (
            f"From {len(posts)} published posts of this account, each by its views about 48 "
            f"hours after it went out; hours it has rarely posted at lean on {platform}'s "
            "typical good times."
        )
    else:
        message = (
            f"This account has {len(posts)} published post{'' if len(posts) == 1 else 's'} with "
            f"views so far ({best_times.MIN_HISTORY} are needed to learn from): these are "
            f"typical good times on {platform}, not yet this account's own."
        )
    return BestTimesOut(
        account_id=account.id,
        platform=account.platform,
        time_zone=time_zone,
        based_on_posts=len(posts),
        message=message,
        times=[
            BestTime(
                weekday=slot.weekday,
                time=f"{slot.hour:02d}:00",
                score=slot.score,
                posts=slot.posts,
                source=slot.source,
            )
            for slot in slots
        ],
    )
