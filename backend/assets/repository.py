from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from backend.models import Asset, AssetTimeline, Clip, Variant
from backend.pagination import Key, Slice, Window, keyset


async def add(session: AsyncSession, asset: Asset) -> Asset:
    session.add(asset)
    await session.flush()
    return asset


async def get_in_workspace(
    session: AsyncSession, workspace_id: uuid.UUID, asset_id: uuid.UUID
) -> Asset | None:
    result = await session.execute(
        select(Asset).where(Asset.id == asset_id, Asset.workspace_id == workspace_id)
    )
    return result.scalar_one_or_none()


async def get_by_sha256(
    session: AsyncSession, workspace_id: uuid.UUID, sha256: str
) -> Asset | None:
    result = await session.execute(
        select(Asset).where(Asset.workspace_id == workspace_id, Asset.sha256 == sha256)
    )
    return result.scalar_one_or_none()


async def list_in_workspace(
    session: AsyncSession, workspace_id: uuid.UUID, *, state: str | None, window: Window
) -> Slice[Asset]:
    statement = select(Asset).where(Asset.workspace_id == workspace_id)
    if state is not None:
        statement = statement.where(Asset.state == state)
    keys = (Key(Asset.created_at), Key(Asset.id))
    return await keyset(session, statement, keys, window, count=True)


async def get_timeline(session: AsyncSession, asset_id: uuid.UUID) -> AssetTimeline | None:
    result = await session.execute(select(AssetTimeline).where(AssetTimeline.asset_id == asset_id))
    return result.scalar_one_or_none()


async def variant_keys(session: AsyncSession, asset_id: uuid.UUID) -> list[str]:
    """Every file key of every rendered variant of the asset's clips."""
    result = await session.execute(
        select(Variant.storage_key, Variant.cover_key, Variant.preview_key)
        .join(Clip, Clip.id == Variant.clip_id)
        .where(Clip.asset_id == asset_id)
    )
    return [key for row in result.all() for key in row if key]


async def delete(session: AsyncSession, asset: Asset) -> None:
    """The database cascades to timelines, clips, variants and jobs; uploads keep a null link."""
    await session.delete(asset)
    await session.flush()
