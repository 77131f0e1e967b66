"""The campaign planner: a pure function from plain facts to picks and skips, each with its reason.

No database and no clock of its own (``now`` is given), deterministic for a given campaign (its
random choices are seeded from the campaign id and the slot), so that the same facts always give
the same plan, a property test can throw random campaigns at it, and 4,500 slots take well under
a second. The service (service.py) gathers the facts and writes the result.
"""

from __future__ import annotations

import random
from bisect import bisect_left, insort
from collections import defaultdict
from collections.abc import Mapping
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from backend.campaigns import slots as slotting
from backend.campaigns.facts import (
    CampaignRules,
    ClipFacts,
    Limits,
    PastPost,
    Pick,
    Plan,
    PlanInput,
    Skip,
    Target,
)
from backend.campaigns.slots import LocalSlot
from backend.platforms.registry import display_name

SAME_SOURCE_PENALTY = 0.10  # the same source as the account's previous post
SPREAD_PENALTY = 0.02  # per other account given the same source that day (at most 5)
EXPLORATION_POOL = 20  # how far down the ranking an exploration pick may reach


def in_sources(clip: ClipFacts, rules: CampaignRules) -> bool:
    if not rules.source_asset_ids and not rules.source_tags:
        return True
    return clip.asset_id in rules.source_asset_ids or bool(clip.tags & rules.source_tags)


def fits(clip: ClipFacts, limits: Limits) -> bool:
    return limits.min_duration <= clip.duration <= limits.max_duration


def target_slots(rules: CampaignRules, target: Target, limits: Limits) -> list[LocalSlot]:
    zone = ZoneInfo(rules.time_zone)
    if rules.mode == "cadence":
        times = slotting.cadence_times(rules.posts_per_day or 1, limits.window)
        return slotting.cadence(rules.starts_on, rules.ends_on, zone, times)
    return slotting.weekly(rules.starts_on, rules.ends_on, zone, list(target.slots))


class _Accounts:
    """What the plan so far has put on each account: times, days, clips, sources."""

    def __init__(self, plan: PlanInput, zone: ZoneInfo) -> None:
        self.zone = zone
        self.times: dict[str, list[tuple[datetime, str]]] = defaultdict(list)
        self.per_day: dict[tuple[str, date], int] = defaultdict(int)
        self.uses: dict[tuple[str, str], list[PastPost]] = defaultdict(list)
        self.clips_of: dict[str, set[str]] = defaultdict(set)
        self.asset_day: dict[tuple[str, date], set[str]] = defaultdict(set)
        for post in plan.history:
            self.add(post)

    def add(self, post: PastPost) -> None:
        insort(self.times[post.account_id], (post.at, post.asset_id))
        day = post.at.astimezone(self.zone).date()
        self.per_day[(post.account_id, day)] += 1
        self.uses[(post.account_id, post.clip_id)].append(post)
        self.clips_of[post.account_id].add(post.clip_id)
        self.asset_day[(post.asset_id, day)].add(post.account_id)

    def too_close(self, account: str, at: datetime, gap: timedelta) -> datetime | None:
        times = self.times[account]
        i = bisect_left(times, (at, ""))
        for j in (i - 1, i):
            if 0 <= j < len(times) and abs(times[j][0] - at) < gap:
                return times[j][0]
        return None

    def previous_asset(self, account: str, at: datetime) -> str | None:
        times = self.times[account]
        i = bisect_left(times, (at, ""))
        return times[i - 1][1] if i > 0 else None


def _reusable(uses: list[PastPost], at: datetime, rules: CampaignRules) -> bool:
    """Evergreen: every earlier post of the clip on the account was published at least the
    cooldown before, and it came back fewer than K times."""
    cooldown = timedelta(days=rules.cooldown_days)
    return (
        rules.evergreen
        and len(uses) <= rules.max_reuses
        and all(use.published and use.at <= at - cooldown for use in uses)
    )


def plan(facts: PlanInput) -> Plan:
    rules = facts.campaign
    zone = ZoneInfo(rules.time_zone)
    state = _Accounts(facts, zone)
    gap = timedelta(minutes=rules.min_gap_minutes)
    ranked: dict[str, list[tuple[float, ClipFacts]]] = {}
    for platform, limits in facts.limits.items():
        usable = [
            c for c in facts.clips if not c.rejected and in_sources(c, rules) and fits(c, limits)
        ]
        ranked[platform] = sorted(
            ((c.scores.get(platform, 0.0), c) for c in usable), key=lambda e: (-e[0], e[1].id)
        )
    by_id = {clip.id: clip for clip in facts.clips}
    work = [
        (slot, target)
        for target in facts.targets
        if target.platform in facts.limits
        for slot in target_slots(rules, target, facts.limits[target.platform])
    ]
    work.sort(key=lambda item: (item[0].at, item[1].account_id))
    result = Plan()
    for slot, target in work:
        account, at = target.account_id, slot.at
        if (account, at) in facts.taken:
            result.kept += 1
            continue
        refusal = _refusal(facts, state, target, slot, gap)
        if refusal is not None:
            result.skips.append(Skip(account, at, *refusal))
            continue
        pick = _choose(facts, state, target, slot, ranked[target.platform], by_id)
        if pick is None:
            result.skips.append(
                Skip(
                    account,
                    at,
                    "no_clip",
                    "No clip left that fits this account's platform, "
                    "the campaign's sources and the no-repeat rule.",
                )
            )
            continue
        result.picks.append(pick)
        state.add(PastPost(account, pick.clip_id, pick.asset_id, at, published=False))
    return result


def _refusal(
    facts: PlanInput, state: _Accounts, target: Target, slot: LocalSlot, gap: timedelta
) -> tuple[str, str] | None:
    rules = facts.campaign
    when = f"{slot.day.isoformat()} {slot.clock.strftime('%H:%M')}"
    if not slot.exists:
        return (
            "nonexistent_time",
            f"{when} does not exist in {rules.time_zone} (clocks go forward).",
        )
    if slot.day in rules.blackout:
        return "blackout", f"{slot.day.isoformat()} is a blackout date."
    if slot.at <= facts.now:
        return "past", f"{when} ({rules.time_zone}) has passed."
    near = state.too_close(target.account_id, slot.at, gap)
    if near is not None:
        return "min_gap", (
            f"Another post on this account at "
            f"{near.astimezone(state.zone).strftime('%Y-%m-%d %H:%M')} is less "
            f"than {rules.min_gap_minutes} minutes away."
        )
    quota = facts.limits[target.platform].posts_per_day
    if state.per_day[(target.account_id, slot.day)] >= quota:
        return "daily_quota", f"This account already has {quota} posts on {slot.day.isoformat()}."
    return None


def _penalty(
    state: _Accounts, account: str, clip: ClipFacts, slot: LocalSlot
) -> tuple[float, list[str]]:
    penalty, notes = 0.0, []
    if state.previous_asset(account, slot.at) == clip.asset_id:
        penalty += SAME_SOURCE_PENALTY
        notes.append(f"-{SAME_SOURCE_PENALTY:.2f}: same source as this account's previous post")
    others = len(state.asset_day[(clip.asset_id, slot.day)] - {account})
    if others:
        spread = SPREAD_PENALTY * min(others, 5)
        penalty += spread
        notes.append(f"-{spread:.2f}: source already given to {others} other account(s) that day")
    return penalty, notes


def _choose(
    facts: PlanInput,
    state: _Accounts,
    target: Target,
    slot: LocalSlot,
    ranked: list[tuple[float, ClipFacts]],
    by_id: Mapping[str, ClipFacts],
) -> Pick | None:
    account, platform = target.account_id, target.platform
    used = state.clips_of[account]
    best: tuple[float, float, ClipFacts, list[str]] | None = None
    top: tuple[float, float, ClipFacts, list[str]] | None = None  # the best before penalties
    for score, clip in ranked:
        if best is not None and score <= best[0]:
            break  # penalties only lower a score: nothing further down can win
        if clip.id in used:
            continue
        penalty, notes = _penalty(state, account, clip, slot)
        top = top or (score - penalty, score, clip, notes)
        if best is None or score - penalty > best[0]:
            best = (score - penalty, score, clip, notes)
    # Seeded by campaign and slot: the same plan every run, no matter what else changed.
    rng = random.Random(f"{facts.campaign.seed}|{account}|{slot.at.isoformat()}")  # noqa: S311
    if best is not None and rng.random() < facts.campaign.exploration_share:
        explored = _explore(facts, state, target, slot, ranked, best[2], rng)
        if explored is not None:
            return explored
    if best is not None:
        effective, score, clip, notes = best
        text = f"Highest score left for {display_name(platform)} ({score:.2f})"
        if top is not None and top[2].id != clip.id:
            text = (
                f"Best for {display_name(platform)} after diversity ({score:.2f}); a "
                f"{top[1]:.2f} clip was held back ({'; '.join(top[3])})"
            )
        text += "; " + "; ".join(notes) if notes else "; " + _freshness(state, account, clip, slot)
        reason = {
            "text": text,
            "score": round(score, 4),
            "effective": round(effective, 4),
            "penalties": notes,
            "constraint": None,
        }
        return Pick(account, platform, slot.at, clip.id, clip.asset_id, score, False, 0, reason)
    return _evergreen(facts, state, target, slot, by_id)


def _explore(
    facts: PlanInput,
    state: _Accounts,
    target: Target,
    slot: LocalSlot,
    ranked: list[tuple[float, ClipFacts]],
    best: ClipFacts,
    rng: random.Random,
) -> Pick | None:
    published = facts.published_on.get(target.platform, frozenset())
    used = state.clips_of[target.account_id]
    pool = []
    for score, clip in ranked:
        if clip.id in used or clip.id in published or clip.id == best.id:
            continue
        pool.append((score, clip))
        if len(pool) >= EXPLORATION_POOL:
            break
    if not pool:
        return None
    score, clip = pool[rng.randrange(len(pool))]
    text = (
        f"Exploration ({facts.campaign.exploration_share:.0%} of slots): a lower-ranked clip "
        f"never published on {display_name(target.platform)}, score {score:.2f}"
    )
    reason = {"text": text, "score": round(score, 4), "constraint": None, "exploration": True}
    return Pick(
        target.account_id, target.platform, slot.at, clip.id, clip.asset_id, score, True, 0, reason
    )


def _evergreen(
    facts: PlanInput,
    state: _Accounts,
    target: Target,
    slot: LocalSlot,
    by_id: Mapping[str, ClipFacts],
) -> Pick | None:
    """No fresh clip is left: bring back a published one, best performers first."""
    rules = facts.campaign
    if not rules.evergreen:
        return None
    limits = facts.limits[target.platform]
    candidates = []
    for clip_id in state.clips_of[target.account_id]:
        clip = by_id.get(clip_id)
        uses = state.uses[(target.account_id, clip_id)]
        if clip is None or clip.rejected or not in_sources(clip, rules) or not fits(clip, limits):
            continue
        if _reusable(uses, slot.at, rules):
            readings = [u.performance for u in uses if u.performance is not None]
            performance = max(readings) if readings else None
            score = clip.scores.get(target.platform, 0.0)
            candidates.append((performance is not None, performance or 0.0, score, clip.id, clip))
    if not candidates:
        return None
    measured, performance, score, _, clip = max(candidates)
    reuse = len(state.uses[(target.account_id, clip.id)])
    basis = f"{performance:.1f}x the account's median views" if measured else f"score {score:.2f}"
    text = (
        f"Evergreen: no fresh clip left; brought back ({basis}), reuse {reuse} of "
        f"{rules.max_reuses}, last posted here {rules.cooldown_days}+ days ago"
    )
    reason = {
        "text": text,
        "score": round(score, 4),
        "constraint": None,
        "reuse": reuse,
        "performance": performance if measured else None,
    }
    return Pick(
        target.account_id,
        target.platform,
        slot.at,
        clip.id,
        clip.asset_id,
        score,
        False,
        reuse,
        reason,
    )


def _freshness(state: _Accounts, account: str, clip: ClipFacts, slot: LocalSlot) -> str:
    last = None
    for at, asset in state.times[account]:
        if asset == clip.asset_id and at < slot.at:
            last = at
    if last is None:
        return "source new to this account"
    return f"source not used on this account for {(slot.at - last).days} days"
