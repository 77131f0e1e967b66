from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from backend.models import Clip, Publication, PublicationMetric, ScoringModel, Workspace
from backend.pagination import Key, Slice, Window, keyset
from backend.scoring.labels import Published, Reading, flatten

READINGS_BATCH = 500


async def published(
    session: AsyncSession, workspace_id: uuid.UUID, platform: str
) -> list[Published]:
    """The workspace's published posts on ``platform`` with their clip's features and readings."""
    rows = (
        await session.execute(
            select(
                Publication.id,
                Publication.account_id,
                Publication.published_at,
                Clip.asset_id,
                Clip.features,
            )
            .join(Clip, Clip.id == Publication.clip_id)
            .where(
                Publication.workspace_id == workspace_id,
                Publication.platform == platform,
                Publication.published_at.is_not(None),
            )
        )
    ).all()
    readings: dict[uuid.UUID, list[Reading]] = {}
    ids = [row.id for row in rows]
    for start in range(0, len(ids), READINGS_BATCH):
        found = await session.execute(
            select(
                PublicationMetric.publication_id,
                PublicationMetric.captured_at,
                PublicationMetric.views,
                PublicationMetric.watch_time_seconds,
            ).where(
                PublicationMetric.publication_id.in_(ids[start : start + READINGS_BATCH]),
                PublicationMetric.views.is_not(None),
            )
        )
        for metric in found:
            readings.setdefault(metric.publication_id, []).append(
                Reading(metric.captured_at, int(metric.views), metric.watch_time_seconds)
            )
    return [
        Published(
            publication_id=row.id,
            account_id=row.account_id,
            group=row.asset_id,
            published_at=row.published_at,
            features=flatten(row.features or {}, platform),
            readings=readings.get(row.id, []),
        )
        for row in rows
    ]


async def results_count(session: AsyncSession, workspace_id: uuid.UUID, platform: str) -> int:
    """Published posts on ``platform`` with at least one reading."""
    counted = await session.scalar(
        select(func.count(func.distinct(PublicationMetric.publication_id)))
        .join(Publication, Publication.id == PublicationMetric.publication_id)
        .where(Publication.workspace_id == workspace_id, Publication.platform == platform)
    )
    return int(counted or 0)


async def models_page(
    session: AsyncSession,
    workspace_id: uuid.UUID,
    window: Window,
    *,
    platform: str | None,
    state: str | None,
) -> Slice[ScoringModel]:
    statement = select(ScoringModel).where(ScoringModel.workspace_id == workspace_id)
    if platform is not None:
        statement = statement.where(ScoringModel.platform == platform)
    if state is not None:
        statement = statement.where(ScoringModel.state == state)
    keys = (
        Key(ScoringModel.created_at, descending=True),
        Key(ScoringModel.id, descending=True),
    )
    return await keyset(session, statement, keys, window, count=True)


async def get_model(
    session: AsyncSession, workspace_id: uuid.UUID, model_id: uuid.UUID
) -> ScoringModel | None:
    result = await session.execute(
        select(ScoringModel).where(
            ScoringModel.workspace_id == workspace_id, ScoringModel.id == model_id
        )
    )
    return result.scalar_one_or_none()


async def active_model(
    session: AsyncSession, workspace_id: uuid.UUID, platform: str
) -> ScoringModel | None:
    result = await session.execute(
        select(ScoringModel).where(
            ScoringModel.workspace_id == workspace_id,
            ScoringModel.platform == platform,
            ScoringModel.state == "active",
        )
    )
    return result.scalar_one_or_none()


async def active_models(session: AsyncSession, workspace_id: uuid.UUID) -> Sequence[ScoringModel]:
    result = await session.execute(
        select(ScoringModel).where(
            ScoringModel.workspace_id == workspace_id, ScoringModel.state == "active"
        )
    )
    return result.scalars().all()


async def lock_scoring(session: AsyncSession, workspace_id: uuid.UUID) -> None:
    """One training run or activation at a time per workspace (PostgreSQL; SQLite has one
    writer anyway): two would both take the next version number, or leave two versions
    active."""
    await session.execute(
        select(Workspace.id).where(Workspace.id == workspace_id).with_for_update()
    )


async def next_version(session: AsyncSession, workspace_id: uuid.UUID, platform: str) -> int:
    newest = await session.scalar(
        select(func.max(ScoringModel.version)).where(
            ScoringModel.workspace_id == workspace_id, ScoringModel.platform == platform
        )
    )
    return int(newest or 0) + 1


async def add(session: AsyncSession, model: ScoringModel) -> None:
    session.add(model)
    await session.flush()


async def unpublished_clips(session: AsyncSession, workspace_id: uuid.UUID) -> Sequence[Clip]:
    """Clips no post has gone out with yet: their scores still steer what is planned."""
    out = select(Publication.clip_id).where(Publication.published_at.is_not(None))
    result = await session.execute(
        select(Clip).where(Clip.workspace_id == workspace_id, Clip.id.not_in(out))
    )
    return result.scalars().all()


async def with_new_results(session: AsyncSession) -> list[tuple[uuid.UUID, str]]:
    """(workspace, platform) pairs with a reading newer than their newest training run."""
    newest_reading = (
        select(
            Publication.workspace_id,
            Publication.platform,
            func.max(PublicationMetric.captured_at).label("read_at"),
        )
        .join(Publication, Publication.id == PublicationMetric.publication_id)
        .group_by(Publication.workspace_id, Publication.platform)
        .subquery()
    )
    newest_run = (
        select(
            ScoringModel.workspace_id,
            ScoringModel.platform,
            func.max(ScoringModel.created_at).label("trained_at"),
        )
        .group_by(ScoringModel.workspace_id, ScoringModel.platform)
        .subquery()
    )
    rows = await session.execute(
        select(newest_reading.c.workspace_id, newest_reading.c.platform)
        .outerjoin(
            newest_run,
            (newest_run.c.workspace_id == newest_reading.c.workspace_id)
            & (newest_run.c.platform == newest_reading.c.platform),
        )
        .where(
            newest_run.c.trained_at.is_(None) | (newest_reading.c.read_at > newest_run.c.trained_at)
        )
    )
    return [(row.workspace_id, row.platform) for row in rows]
