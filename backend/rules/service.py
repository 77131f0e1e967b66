"""What the pipeline follows: the active rules per platform and the active scoring weights."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from backend.models import PlatformRule, ScoringWeights
from backend.pagination import Slice, Window
from backend.rules import repository
from core.errors import PermanentError


class RulesMissing(PermanentError):
    """The database has no approved rules or weights (a migration was not applied)."""


@dataclass(frozen=True)
class ScoringSetup:
    rules: dict[str, dict[str, Any]]
    weights: dict[str, dict[str, float]]
    weights_version: int


async def scoring_setup(session: AsyncSession) -> ScoringSetup:
    rules = await repository.active_rules(session)
    weights = await repository.active_weights(session)
    if not rules or weights is None:
        raise RulesMissing("no approved platform rules or scoring weights: run `stakazo migrate`")
    platforms = [p for p in weights.weights if p in rules]
    return ScoringSetup(
        rules={platform: rules[platform].rules for platform in platforms},
        weights={platform: weights.weights[platform] for platform in platforms},
        weights_version=weights.version,
    )


async def rules_for(session: AsyncSession, platform: str) -> dict[str, Any] | None:
    rule = (await repository.active_rules(session)).get(platform)
    return None if rule is None else rule.rules


async def all_weights(session: AsyncSession) -> Sequence[ScoringWeights]:
    return await repository.all_weights(session)


async def rules_page(session: AsyncSession, window: Window) -> Slice[PlatformRule]:
    return await repository.rules_page(session, window)


async def weights_page(session: AsyncSession, window: Window) -> Slice[ScoringWeights]:
    return await repository.weights_page(session, window)
