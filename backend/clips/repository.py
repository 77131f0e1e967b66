from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlalchemy import Select, bindparam, delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import defer

from backend.models import Asset, AssetTimeline, Clip, Publication, Variant
from backend.pagination import Key, Slice, Window, keyset

UNSCORED = -1000.0  # below any score (scores are bounded well inside ±10)


@dataclass(frozen=True)
class ClipMedia:
    """What a listed clip shows besides its own row: its source video's name and file, and the
    cover and preview of its first ready variant (by platform), if any."""

    asset_name: str
    source_key: str
    cover_key: str | None
    preview_key: str | None


async def get(session: AsyncSession, workspace_id: uuid.UUID, clip_id: uuid.UUID) -> Clip | None:
    result = await session.execute(
        select(Clip).where(Clip.id == clip_id, Clip.workspace_id == workspace_id)
    )
    return result.scalar_one_or_none()


async def get_by_id(session: AsyncSession, clip_id: uuid.UUID) -> Clip | None:
    return await session.get(Clip, clip_id)


async def search(
    session: AsyncSession,
    workspace_id: uuid.UUID,
    *,
    asset_id: uuid.UUID | None,
    platform: str | None,
    min_score: float | None,
    status: str | None,
    sort: str,
    window: Window,
    all_versions: bool = False,
) -> Slice[tuple[Clip, ClipMedia]]:
    """A page of the workspace's clips, each with what the list shows of its source video and
    ready variant (one query)."""
    # A list shows no features (a clip's detail does): their JSON is most of a clip's row.
    statement = _with_media(select(Clip).options(defer(Clip.features, raiseload=True))).where(
        Clip.workspace_id == workspace_id
    )
    if not all_versions:
        statement = statement.where(Clip.latest.is_(True))
    if asset_id is not None:
        statement = statement.where(Clip.asset_id == asset_id)
    if status is not None:
        statement = statement.where(Clip.status == status)
    # A clip without a score for the platform sorts below every score (never NULL: a keyset
    # comparison with NULL matches nothing, and databases disagree on where NULLs sort).
    score: Any = (
        func.coalesce(Clip.scores[platform].as_float(), UNSCORED) if platform else Clip.score
    )
    if min_score is not None:
        statement = statement.where(score >= min_score)
    columns = {"score": score, "start": Clip.start_seconds, "created_at": Clip.created_at}
    keys = (
        Key(columns[sort.lstrip("-")], descending=sort.startswith("-")),
        Key(Clip.rank, descending=False),
        Key(Clip.id, descending=False),
    )
    found = await keyset(session, statement, keys, window, count=True)
    rows = [(row[0], ClipMedia(*row[1:])) for row in found.rows]
    return Slice(rows=rows, last=found.last, total=found.total)


async def of_asset(session: AsyncSession, asset_id: uuid.UUID) -> Sequence[Clip]:
    result = await session.execute(
        select(Clip).where(Clip.asset_id == asset_id).order_by(Clip.rank)
    )
    return result.scalars().all()


async def in_use_of_asset(session: AsyncSession, asset_id: uuid.UUID) -> Sequence[Clip]:
    """Clips someone has decided on (approved, rejected) or published, scheduled or tried to."""
    published = select(Publication.id).where(Publication.clip_id == Clip.id).exists()
    result = await session.execute(
        select(Clip)
        .where(Clip.asset_id == asset_id, (Clip.status != "candidate") | published)
        .order_by(Clip.rank)
    )
    return result.scalars().all()


async def delete_of_asset(
    session: AsyncSession, asset_id: uuid.UUID, *, keep: Sequence[uuid.UUID] = ()
) -> None:
    statement = delete(Clip).where(Clip.asset_id == asset_id)
    if keep:
        statement = statement.where(Clip.id.not_in(keep))
    await session.execute(statement)


async def variant_page(session: AsyncSession, clip_id: uuid.UUID, window: Window) -> Slice[Variant]:
    keys = (
        Key(Variant.platform, descending=False),
        Key(Variant.captions, descending=False),
        Key(Variant.id, descending=False),
    )
    statement = select(Variant).where(Variant.clip_id == clip_id)
    return await keyset(session, statement, keys, window, count=True)


async def variants_of(session: AsyncSession, clip_id: uuid.UUID) -> Sequence[Variant]:
    result = await session.execute(
        select(Variant)
        .where(Variant.clip_id == clip_id)
        .order_by(Variant.platform, Variant.captions)
    )
    return result.scalars().all()


async def find_variant(
    session: AsyncSession, clip_id: uuid.UUID, platform: str, captions: bool
) -> Variant | None:
    result = await session.execute(
        select(Variant).where(
            Variant.clip_id == clip_id, Variant.platform == platform, Variant.captions == captions
        )
    )
    return result.scalar_one_or_none()


async def media_of(
    session: AsyncSession, clip_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, ClipMedia]:
    """Each clip's ``ClipMedia``, in one query whatever the number of clips."""
    if not clip_ids:
        return {}
    result = await session.execute(_media_statement(), {"clip_ids": list(set(clip_ids))})
    return {row[0]: ClipMedia(*row[1:]) for row in result.all()}


@cache
def _media_statement() -> Select[uuid.UUID, str, str, str | None, str | None]:
    # Built once: building it cost as much as running it.
    return _with_media(select(Clip.id)).where(Clip.id.in_(bindparam("clip_ids", expanding=True)))


def _with_media(statement: Select[Any]) -> Select[Any]:
    """``statement`` (over clips) with the ``ClipMedia`` columns after its own, in order."""
    first_ready = (
        select(Variant.id)
        .where(Variant.clip_id == Clip.id, Variant.state == "ready")
        .order_by(Variant.platform, Variant.captions)
        .limit(1)
        .correlate(Clip)
        .scalar_subquery()
    )
    return (
        statement.add_columns(
            Asset.display_name, Asset.storage_key, Variant.cover_key, Variant.preview_key
        )
        .join(Asset, Asset.id == Clip.asset_id)
        .outerjoin(Variant, Variant.id == first_ready)
    )


async def get_variant(session: AsyncSession, variant_id: uuid.UUID) -> Variant | None:
    return await session.get(Variant, variant_id, populate_existing=True)


async def add(session: AsyncSession, *rows: object) -> None:
    session.add_all(rows)
    await session.flush()


async def source_of(
    session: AsyncSession, asset_id: uuid.UUID
) -> tuple[Asset | None, AssetTimeline | None]:
    """The asset a clip was cut from, fresh from the database, and its timeline (a render reads
    both; asking the assets domain would make clips and assets import each other)."""
    asset = await session.get(Asset, asset_id, populate_existing=True)
    timeline = await session.execute(
        select(AssetTimeline).where(AssetTimeline.asset_id == asset_id)
    )
    return asset, timeline.scalar_one_or_none()


async def versions_of(session: AsyncSession, clip: Clip) -> list[Clip]:
    """Every version connected to ``clip`` by parent links, up to its first and down through
    every edit, split and merge made from it. Chains are short (one row per edit by a person),
    so walking them a level per query is cheap."""
    root = clip
    while root.parent_id is not None:
        parent = await session.get(Clip, root.parent_id)
        if parent is None:
            break
        root = parent
    found = {root.id: root}
    frontier = [root.id]
    while frontier:
        result = await session.execute(select(Clip).where(Clip.parent_id.in_(frontier)))
        children = [c for c in result.scalars().all() if c.id not in found]
        found.update({c.id: c for c in children})
        frontier = [c.id for c in children]
    return list(found.values())


async def newer_overlapping(session: AsyncSession, clip: Clip) -> Sequence[Clip]:
    """Latest clips of the same video, of a higher version, that overlap ``clip``: where a clip
    merged into another went (a merged clip's parent link names only the earlier of the two)."""
    result = await session.execute(
        select(Clip).where(
            Clip.asset_id == clip.asset_id,
            Clip.latest.is_(True),
            Clip.version > clip.version,
            Clip.start_seconds < clip.end_seconds,
            Clip.end_seconds > clip.start_seconds,
        )
    )
    return result.scalars().all()
