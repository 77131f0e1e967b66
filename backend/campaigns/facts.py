"""The planner's plain inputs and outputs (no tables: the service translates)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from backend.campaigns.slots import DEFAULT_WINDOW


@dataclass(frozen=True)
class ClipFacts:
    id: str
    asset_id: str
    duration: float
    scores: Mapping[str, float]
    tags: frozenset[str] = frozenset()
    rejected: bool = False


@dataclass(frozen=True)
class Target:
    account_id: str
    platform: str
    slots: tuple[tuple[int, time], ...] = ()  # (weekday, Monday 0; wall-clock time)


@dataclass(frozen=True)
class Limits:
    min_duration: float
    max_duration: float
    posts_per_day: int
    window: tuple[time, time] = DEFAULT_WINDOW


@dataclass(frozen=True)
class PastPost:
    """A post already on (or going to) an account: a publication not cancelled, failed or a
    draft. ``performance`` is its views over the account's median views, when measured."""

    account_id: str
    clip_id: str
    asset_id: str
    at: datetime
    published: bool
    performance: float | None = None


@dataclass(frozen=True)
class CampaignRules:
    seed: str
    time_zone: str
    starts_on: date
    ends_on: date
    mode: str = "slots"
    posts_per_day: int | None = None
    min_gap_minutes: int = 60
    blackout: frozenset[date] = frozenset()
    source_asset_ids: frozenset[str] = frozenset()
    source_tags: frozenset[str] = frozenset()
    evergreen: bool = False
    cooldown_days: int = 30
    max_reuses: int = 2
    exploration_share: float = 0.0


@dataclass(frozen=True)
class PlanInput:
    campaign: CampaignRules
    targets: tuple[Target, ...]
    clips: tuple[ClipFacts, ...]
    limits: Mapping[str, Limits]
    now: datetime
    history: tuple[PastPost, ...] = ()
    # Slots this campaign already filled: (account id, slot instant). Kept as they are.
    taken: frozenset[tuple[str, datetime]] = frozenset()
    # Per platform, the clips the workspace ever published there (exploration avoids them).
    published_on: Mapping[str, frozenset[str]] = field(default_factory=dict)


@dataclass(frozen=True)
class Pick:
    account_id: str
    platform: str
    slot_at: datetime
    clip_id: str
    asset_id: str
    score: float
    exploration: bool
    reuse: int
    reason: dict[str, Any]


@dataclass(frozen=True)
class Skip:
    account_id: str
    slot_at: datetime
    constraint: str
    reason: str


@dataclass
class Plan:
    picks: list[Pick] = field(default_factory=list)
    skips: list[Skip] = field(default_factory=list)
    kept: int = 0
