from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from backend.models import PlatformRule, ScoringWeights
from backend.pagination import Key, Slice, Window, keyset


async def active_rules(session: AsyncSession) -> dict[str, PlatformRule]:
    """The newest approved version of each platform's rules."""
    newest = (
        select(PlatformRule.platform, func.max(PlatformRule.version).label("version"))
        .where(PlatformRule.approved_at.is_not(None))
        .group_by(PlatformRule.platform)
        .subquery()
    )
    result = await session.execute(
        select(PlatformRule).join(
            newest,
            (PlatformRule.platform == newest.c.platform)
            & (PlatformRule.version == newest.c.version),
        )
    )
    return {rule.platform: rule for rule in result.scalars().all()}


async def rules_page(session: AsyncSession, window: Window) -> Slice[PlatformRule]:
    keys = (
        Key(PlatformRule.platform, descending=False),
        Key(PlatformRule.version, descending=False),
        Key(PlatformRule.id, descending=False),
    )
    return await keyset(session, select(PlatformRule), keys, window, count=True)


async def active_weights(session: AsyncSession) -> ScoringWeights | None:
    result = await session.execute(
        select(ScoringWeights)
        .where(ScoringWeights.activated_at.is_not(None))
        .order_by(ScoringWeights.version.desc())
        .limit(1)
    )
    return result.scalar_one_or_none()


async def all_weights(session: AsyncSession) -> Sequence[ScoringWeights]:
    result = await session.execute(select(ScoringWeights).order_by(ScoringWeights.version))
    return result.scalars().all()


async def weights_page(session: AsyncSession, window: Window) -> Slice[ScoringWeights]:
    keys = (Key(ScoringWeights.version, descending=False), Key(ScoringWeights.id, descending=False))
    return await keyset(session, select(ScoringWeights), keys, window, count=True)
