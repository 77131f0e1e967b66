from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import ColumnElement, ScalarSelect, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from backend.calendar.schemas import CalendarFilter
from backend.models import (
    Asset,
    CampaignPost,
    Clip,
    PlatformAccount,
    Publication,
    PublicationApproval,
    PublicationMetric,
    Variant,
)
from backend.pagination import Key, Slice, Window, keyset


def placed_at() -> ColumnElement[datetime]:
    """Where a publication sits on the calendar: published, else planned, else created."""
    return func.coalesce(Publication.published_at, Publication.publish_at, Publication.created_at)


def _campaign_of() -> ScalarSelect[uuid.UUID]:
    return (
        select(CampaignPost.campaign_id)
        .where(CampaignPost.publication_id == Publication.id)
        .limit(1)
        .scalar_subquery()
    )


async def calendar_page(
    session: AsyncSession,
    workspace_id: uuid.UUID,
    start: datetime,
    end: datetime,
    where: CalendarFilter,
    window: Window,
) -> Slice[Publication]:
    """The window's publications, oldest first by where they sit (see ``placed_at``)."""
    at = placed_at()
    statement = select(Publication).where(
        Publication.workspace_id == workspace_id, at >= start, at < end
    )
    if where.account_id is not None:
        statement = statement.where(Publication.account_id == where.account_id)
    if where.platform is not None:
        statement = statement.where(Publication.platform == where.platform)
    if where.campaign_id is not None:
        statement = statement.where(_campaign_of() == where.campaign_id)
    keys = (Key(at, descending=False), Key(Publication.id, descending=False))
    return await keyset(session, statement, keys, window, count=True)


async def calendar_details(
    session: AsyncSession, publications: list[Publication]
) -> dict[uuid.UUID, tuple[str, PlatformAccount, Variant | None, uuid.UUID | None]]:
    """For each publication of a page: its video's name, its account, its variant, its
    campaign."""
    if not publications:
        return {}
    rows = await session.execute(
        select(Publication.id, Asset.display_name, PlatformAccount, Variant, _campaign_of())
        .join(PlatformAccount, PlatformAccount.id == Publication.account_id)
        .join(Clip, Clip.id == Publication.clip_id)
        .join(Asset, Asset.id == Clip.asset_id)
        .outerjoin(Variant, Variant.id == Publication.variant_id)
        .where(Publication.id.in_([p.id for p in publications]))
    )
    return {pid: (name, account, variant, cid) for pid, name, account, variant, cid in rows}


async def approval_counts(
    session: AsyncSession, publication_ids: list[uuid.UUID]
) -> dict[uuid.UUID, int]:
    if not publication_ids:
        return {}
    rows = await session.execute(
        select(PublicationApproval.publication_id, func.count())
        .where(PublicationApproval.publication_id.in_(publication_ids))
        .group_by(PublicationApproval.publication_id)
    )
    return {publication_id: int(count) for publication_id, count in rows}


async def published_with_views(
    session: AsyncSession, account_id: uuid.UUID, since: datetime, limit: int
) -> list[tuple[uuid.UUID, datetime, datetime, int]]:
    """(publication, published_at, captured_at, views) for every views reading of the
    account's posts published since ``since`` (the newest ``limit`` posts)."""
    recent = (
        select(Publication.id)
        .where(
            Publication.account_id == account_id,
            Publication.state == "published",
            Publication.published_at.is_not(None),
            Publication.published_at >= since,
        )
        .order_by(Publication.published_at.desc())
        .limit(limit)
    )
    rows = await session.execute(
        select(
            Publication.id,
            Publication.published_at,
            PublicationMetric.captured_at,
            PublicationMetric.views,
        )
        .join(PublicationMetric, PublicationMetric.publication_id == Publication.id)
        .where(Publication.id.in_(recent), PublicationMetric.views.is_not(None))
    )
    return [
        (pid, published, captured, int(views))
        for pid, published, captured, views in rows
        if published is not None and views is not None
    ]
