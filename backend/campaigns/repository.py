from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from backend.models import (
    Asset,
    Campaign,
    CampaignPost,
    CampaignTarget,
    Clip,
    PlatformAccount,
    Publication,
    PublicationMetric,
)
from backend.pagination import Key, Slice, Window, keyset

# Publications that occupy an account's calendar: on their way or out.
LIVE_STATES = ("awaiting_approval", "scheduled", "queued", "uploading", "processing", "published")


async def add(session: AsyncSession, campaign: Campaign) -> Campaign:
    session.add(campaign)
    await session.flush()
    return campaign


async def get_in_workspace(
    session: AsyncSession, workspace_id: uuid.UUID, campaign_id: uuid.UUID, *, lock: bool = False
) -> Campaign | None:
    statement = select(Campaign).where(
        Campaign.id == campaign_id, Campaign.workspace_id == workspace_id
    )
    if lock:
        statement = statement.with_for_update()
    return (await session.execute(statement)).scalar_one_or_none()


async def page(
    session: AsyncSession, workspace_id: uuid.UUID, state: str | None, window: Window
) -> Slice[Campaign]:
    statement = select(Campaign).where(Campaign.workspace_id == workspace_id)
    if state is not None:
        statement = statement.where(Campaign.state == state)
    keys = (Key(Campaign.created_at), Key(Campaign.id))
    return await keyset(session, statement, keys, window, count=True)


async def targets_of(
    session: AsyncSession, campaign_ids: Sequence[uuid.UUID]
) -> list[CampaignTarget]:
    if not campaign_ids:
        return []
    result = await session.scalars(
        select(CampaignTarget).where(CampaignTarget.campaign_id.in_(campaign_ids))
    )
    return list(result)


async def replace_targets(
    session: AsyncSession, campaign_id: uuid.UUID, targets: list[CampaignTarget]
) -> None:
    await session.execute(delete(CampaignTarget).where(CampaignTarget.campaign_id == campaign_id))
    session.add_all(targets)
    await session.flush()


async def accounts(
    session: AsyncSession, workspace_id: uuid.UUID, account_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, PlatformAccount]:
    if not account_ids:
        return {}
    result = await session.scalars(
        select(PlatformAccount).where(
            PlatformAccount.workspace_id == workspace_id, PlatformAccount.id.in_(account_ids)
        )
    )
    return {account.id: account for account in result}


async def asset_ids_in_workspace(
    session: AsyncSession, workspace_id: uuid.UUID, asset_ids: Sequence[uuid.UUID]
) -> set[uuid.UUID]:
    if not asset_ids:
        return set()
    result = await session.scalars(
        select(Asset.id).where(Asset.workspace_id == workspace_id, Asset.id.in_(asset_ids))
    )
    return set(result)


async def clips_with_tags(
    session: AsyncSession, workspace_id: uuid.UUID
) -> list[tuple[Clip, list[str], str]]:
    """The workspace's clips, each with its asset's tags and name."""
    result = await session.execute(
        select(Clip, Asset.tags, Asset.display_name)
        .join(Asset, Asset.id == Clip.asset_id)
        .where(Clip.workspace_id == workspace_id)
    )
    return [(clip, list(tags or []), name) for clip, tags, name in result]


async def live_publications(
    session: AsyncSession, account_ids: Sequence[uuid.UUID]
) -> list[Publication]:
    if not account_ids:
        return []
    result = await session.scalars(
        select(Publication).where(
            Publication.account_id.in_(account_ids), Publication.state.in_(LIVE_STATES)
        )
    )
    return list(result)


async def published_clip_ids(
    session: AsyncSession, workspace_id: uuid.UUID
) -> list[tuple[str, uuid.UUID]]:
    result = await session.execute(
        select(Publication.platform, Publication.clip_id)
        .where(Publication.workspace_id == workspace_id, Publication.state == "published")
        .distinct()
    )
    return [(platform, clip_id) for platform, clip_id in result]


async def latest_views(
    session: AsyncSession, publication_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, int]:
    """Each publication's views at its newest reading that has them."""
    if not publication_ids:
        return {}
    newest = (
        select(
            PublicationMetric.publication_id,
            func.max(PublicationMetric.captured_at).label("captured_at"),
        )
        .where(
            PublicationMetric.publication_id.in_(publication_ids),
            PublicationMetric.views.is_not(None),
        )
        .group_by(PublicationMetric.publication_id)
        .subquery()
    )
    result = await session.execute(
        select(PublicationMetric.publication_id, PublicationMetric.views).join(
            newest,
            (PublicationMetric.publication_id == newest.c.publication_id)
            & (PublicationMetric.captured_at == newest.c.captured_at),
        )
    )
    return {pid: int(views or 0) for pid, views in result}


async def posts_of(session: AsyncSession, campaign_id: uuid.UUID) -> list[CampaignPost]:
    result = await session.scalars(
        select(CampaignPost).where(CampaignPost.campaign_id == campaign_id)
    )
    return list(result)


async def add_post(session: AsyncSession, post: CampaignPost) -> CampaignPost:
    session.add(post)
    await session.flush()
    return post


async def posts_page(
    session: AsyncSession,
    campaign_id: uuid.UUID,
    since: datetime | None,
    until: datetime | None,
    window: Window,
) -> Slice[CampaignPost]:
    statement = select(CampaignPost).where(CampaignPost.campaign_id == campaign_id)
    if since is not None:
        statement = statement.where(CampaignPost.slot_at >= since)
    if until is not None:
        statement = statement.where(CampaignPost.slot_at < until)
    keys = (Key(CampaignPost.slot_at, descending=False), Key(CampaignPost.id, descending=False))
    return await keyset(session, statement, keys, window, count=True)


async def publications(
    session: AsyncSession, publication_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, Publication]:
    if not publication_ids:
        return {}
    result = await session.scalars(select(Publication).where(Publication.id.in_(publication_ids)))
    return {publication.id: publication for publication in result}


async def delete_campaign(session: AsyncSession, campaign: Campaign) -> None:
    await session.delete(campaign)
    await session.flush()
