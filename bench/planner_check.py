"""An independent check of a campaign plan: every constraint, restated from the campaign's terms
rather than from the planner's code, over the picks it returned. Used by the bench and the
property tests; a violation is a sentence naming the pick and the rule it breaks."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from backend.campaigns.facts import PastPost, Pick, PlanInput
from backend.campaigns.slots import DEFAULT_WINDOW


def _allowed_clock(facts: PlanInput, pick: Pick, local: datetime) -> bool:
    rules = facts.campaign
    clock = (local.hour, local.minute)
    if rules.mode == "cadence":
        window = facts.limits[pick.platform].window or DEFAULT_WINDOW
        start = window[0].hour * 60 + window[0].minute
        end = max(start, window[1].hour * 60 + window[1].minute)
        n = rules.posts_per_day or 1
        marks = (
            [(start + end) // 2]
            if n == 1
            else [round(start + i * (end - start) / (n - 1)) for i in range(n)]
        )
        return clock in {(min(m, 1439) // 60, min(m, 1439) % 60) for m in marks}
    target = next(t for t in facts.targets if t.account_id == pick.account_id)
    return any(
        weekday == local.weekday() and (at.hour, at.minute) == clock for weekday, at in target.slots
    )


def violations(facts: PlanInput, picks: list[Pick]) -> list[str]:
    rules = facts.campaign
    zone = ZoneInfo(rules.time_zone)
    clips = {clip.id: clip for clip in facts.clips}
    gap = timedelta(minutes=rules.min_gap_minutes)
    found: list[str] = []
    posts: dict[str, list[PastPost]] = defaultdict(list)
    for post in facts.history:
        posts[post.account_id].append(post)
    own: dict[int, PastPost] = {}
    for i, pick in enumerate(picks):
        own[i] = PastPost(pick.account_id, pick.clip_id, pick.asset_id, pick.slot_at, False)
        posts[pick.account_id].append(own[i])
    seen = Counter((p.account_id, p.slot_at) for p in picks)
    for i, pick in enumerate(picks):
        name = f"{pick.account_id} at {pick.slot_at.isoformat()}"
        local = pick.slot_at.astimezone(zone)
        clip = clips[pick.clip_id]
        limits = facts.limits[pick.platform]
        if seen[(pick.account_id, pick.slot_at)] > 1:
            found.append(f"{name}: two picks in one slot")
        if (pick.account_id, pick.slot_at) in facts.taken:
            found.append(f"{name}: slot already filled by the campaign")
        if not rules.starts_on <= local.date() <= rules.ends_on:
            found.append(f"{name}: outside the campaign's dates")
        if local.date() in rules.blackout:
            found.append(f"{name}: on a blackout date")
        if pick.slot_at <= facts.now:
            found.append(f"{name}: in the past")
        if not _allowed_clock(facts, pick, local):
            found.append(f"{name}: not one of the account's slots")
        if clip.rejected:
            found.append(f"{name}: rejected clip")
        if not limits.min_duration <= clip.duration <= limits.max_duration:
            found.append(f"{name}: clip duration {clip.duration} outside the platform's limits")
        if (rules.source_asset_ids or rules.source_tags) and not (
            clip.asset_id in rules.source_asset_ids or clip.tags & rules.source_tags
        ):
            found.append(f"{name}: clip not from the campaign's sources")
        others = [p for p in posts[pick.account_id] if p is not own[i]]
        if any(abs(p.at - pick.slot_at) < gap for p in others):
            found.append(f"{name}: closer than {rules.min_gap_minutes} min to another post")
        same_day = [
            p for p in posts[pick.account_id] if p.at.astimezone(zone).date() == local.date()
        ]
        if len(same_day) > limits.posts_per_day:
            found.append(f"{name}: more than {limits.posts_per_day} posts that day")
        earlier = [p for p in others if p.clip_id == pick.clip_id]
        if earlier:
            cooled = all(
                p.published and p.at <= pick.slot_at - timedelta(days=rules.cooldown_days)
                for p in earlier
            )
            if not (rules.evergreen and cooled and len(earlier) <= rules.max_reuses):
                found.append(f"{name}: clip repeated on the account outside the evergreen rules")
    return found
