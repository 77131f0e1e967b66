from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from backend.models import Membership, PlatformRule, Role, ScoringWeights, User
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


async def rules_page(
    session: AsyncSession, window: Window, *, platform: str | None, status: str | None
) -> Slice[PlatformRule]:
    keys = (
        Key(PlatformRule.platform, descending=False),
        Key(PlatformRule.version, descending=False),
        Key(PlatformRule.id, descending=False),
    )
    query = select(PlatformRule)
    if platform is not None:
        query = query.where(PlatformRule.platform == platform)
    if status is not None:
        query = query.where(PlatformRule.status == status)
    return await keyset(session, query, keys, window, count=True)


async def get_for_update(session: AsyncSession, rule_id: uuid.UUID) -> PlatformRule | None:
    result = await session.execute(
        select(PlatformRule).where(PlatformRule.id == rule_id).with_for_update()
    )
    return result.scalar_one_or_none()


async def next_version(session: AsyncSession, platform: str) -> int:
    newest = await session.scalar(
        select(func.max(PlatformRule.version)).where(PlatformRule.platform == platform)
    )
    return int(newest or 0) + 1


async def add(session: AsyncSession, rule: PlatformRule) -> PlatformRule:
    session.add(rule)
    await session.flush()
    return rule


async def count_instance_admins(session: AsyncSession) -> int:
    """People who are an active admin of some workspace on this instance."""
    statement = (
        select(func.count(func.distinct(Membership.user_id)))
        .join(Role, Role.id == Membership.role_id)
        .join(User, User.id == Membership.user_id)
        .where(Role.name == "admin", User.is_active)
    )
    return int(await session.scalar(statement) or 0)


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


async def members_among(
    session: AsyncSession, workspace_id: uuid.UUID, user_ids: set[uuid.UUID]
) -> set[uuid.UUID]:
    if not user_ids:
        return set()
    result = await session.scalars(
        select(Membership.user_id).where(
            Membership.workspace_id == workspace_id, Membership.user_id.in_(user_ids)
        )
    )
    return set(result.all())
