"""The planner's facts, read from the database: the campaign, its accounts, the workspace's
clips, the accounts' calendars and how their posts did, and the active platform rules."""

from __future__ import annotations

import statistics
import uuid
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from backend.campaigns import repository
from backend.campaigns.facts import (
    CampaignRules,
    ClipFacts,
    Limits,
    PastPost,
    PlanInput,
    Target,
)
from backend.campaigns.slots import DEFAULT_WINDOW, parse_clock
from backend.models import Campaign, CampaignPost, CampaignTarget, Clip, PlatformAccount
from backend.platforms import registry
from backend.rules import repository as rules_repository
from core.clock import utcnow


@dataclass
class Gathered:
    facts: PlanInput
    rules: dict[str, dict[str, Any]]
    accounts: dict[uuid.UUID, PlatformAccount]
    clips: dict[uuid.UUID, tuple[Clip, list[str], str]]
    posts: list[CampaignPost]
    unavailable: list[Target]


def _published_posts_per_day(platform: str) -> int:
    """The platform's documented posts per day (its plugin's posting rules; YouTube's default
    10,000-unit daily quota pays for 6 uploads), when its active rules do not set one."""
    value = registry.plugin(platform).posting_rules.get("posts_per_day")
    return int(value) if isinstance(value, int) and value > 0 else 10


def limits_from_rules(platform: str, rules: Mapping[str, Any]) -> Limits:
    window = rules.get("posting_window")
    start, end = DEFAULT_WINDOW
    if isinstance(window, dict) and window.get("start") and window.get("end"):
        start, end = parse_clock(str(window["start"])), parse_clock(str(window["end"]))
    per_day = rules.get("posts_per_day")
    return Limits(
        min_duration=float(rules.get("min_duration_seconds") or 0),
        max_duration=float(rules.get("max_duration_seconds") or 24 * 3600),
        posts_per_day=int(per_day)
        if isinstance(per_day, int) and per_day > 0
        else _published_posts_per_day(platform),
        window=(start, end),
    )


def rules_of(campaign: Campaign) -> CampaignRules:
    return CampaignRules(
        seed=str(campaign.id),
        time_zone=campaign.time_zone,
        starts_on=campaign.starts_on,
        ends_on=campaign.ends_on,
        mode=campaign.schedule_mode,
        posts_per_day=campaign.posts_per_day,
        min_gap_minutes=campaign.min_gap_minutes,
        blackout=frozenset(date.fromisoformat(day) for day in campaign.blackout_dates),
        source_asset_ids=frozenset(campaign.source_asset_ids),
        source_tags=frozenset(campaign.source_tags),
        evergreen=campaign.evergreen,
        cooldown_days=campaign.evergreen_cooldown_days,
        max_reuses=campaign.evergreen_max_reuses,
        exploration_share=campaign.exploration_share,
    )


def target_of(target: CampaignTarget, account: PlatformAccount) -> Target:
    slots = tuple((int(s["weekday"]), parse_clock(str(s["time"]))) for s in target.slots)
    return Target(str(target.account_id), account.platform, slots)


def clip_facts(clip: Clip, tags: list[str], platforms: Sequence[str]) -> ClipFacts:
    return ClipFacts(
        id=str(clip.id),
        asset_id=str(clip.asset_id),
        duration=clip.end_seconds - clip.start_seconds,
        scores={p: float((clip.scores or {}).get(p, clip.score)) for p in platforms},
        tags=frozenset(tags),
        rejected=clip.status == "rejected",
    )


async def history(session: AsyncSession, account_ids: Sequence[uuid.UUID]) -> tuple[PastPost, ...]:
    """The accounts' live publications, each published one rated by its views over the
    account's median views."""
    publications = await repository.live_publications(session, account_ids)
    published = [p.id for p in publications if p.state == "published"]
    views = await repository.latest_views(session, published)
    by_account: dict[uuid.UUID, list[int]] = defaultdict(list)
    for publication in publications:
        if publication.id in views:
            by_account[publication.account_id].append(views[publication.id])
    medians = {account: statistics.median(v) for account, v in by_account.items()}
    found = []
    for p in publications:
        median = medians.get(p.account_id) or 0
        performance = views[p.id] / median if p.id in views and median > 0 else None
        at: datetime = p.published_at or p.publish_at or p.created_at
        found.append(
            PastPost(str(p.account_id), str(p.clip_id), "", at, p.state == "published", performance)
        )
    return tuple(found)


async def gather(session: AsyncSession, campaign: Campaign) -> Gathered:
    targets = await repository.targets_of(session, [campaign.id])
    accounts = await repository.accounts(
        session, campaign.workspace_id, [t.account_id for t in targets]
    )
    active = await rules_repository.active_rules(session)
    rules = {platform: dict(rule.rules) for platform, rule in active.items()}
    usable: list[Target] = []
    unavailable: list[Target] = []
    for target in targets:
        account = accounts.get(target.account_id)
        if account is None:
            continue
        planned = target_of(target, account)
        (usable if account.status == "connected" else unavailable).append(planned)
    platforms = sorted({t.platform for t in usable + unavailable})
    limits = {p: limits_from_rules(p, rules.get(p, {})) for p in platforms}
    rows = await repository.clips_with_tags(session, campaign.workspace_id)
    clips = {clip.id: (clip, tags, name) for clip, tags, name in rows}
    past = await history(session, list(accounts))
    asset_of = {str(clip.id): str(clip.asset_id) for clip, _, _ in rows}
    past = tuple(
        PastPost(
            p.account_id, p.clip_id, asset_of.get(p.clip_id, ""), p.at, p.published, p.performance
        )
        for p in past
    )
    posts = await repository.posts_of(session, campaign.id)
    published: dict[str, set[str]] = defaultdict(set)
    for platform, clip_id in await repository.published_clip_ids(session, campaign.workspace_id):
        published[platform].add(str(clip_id))
    facts = PlanInput(
        campaign=rules_of(campaign),
        targets=tuple(usable),
        # Only latest versions are planned; older ones stay above for the posts made with them.
        clips=tuple(clip_facts(clip, tags, platforms) for clip, tags, _ in rows if clip.latest),
        limits=limits,
        now=utcnow(),
        history=past,
        taken=frozenset(
            (str(post.account_id), post.slot_at) for post in posts if post.state != "cancelled"
        ),
        published_on={p: frozenset(ids) for p, ids in published.items()},
    )
    return Gathered(facts, rules, accounts, clips, posts, unavailable)
