"""The pre-flight check's facts about a post and its timing: the account's quota and the
posting windows, the problems that pass by themselves (``retry_at``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from backend.rules.schemas import PlatformRulesDoc

DAY = timedelta(hours=24)


@dataclass(frozen=True)
class PostFacts:
    caption: str  # as the platform receives it
    title: str  # as sent ("" where the platform takes none)
    at: datetime  # when it would go out
    privacy_level: str | None = None
    allowed_privacy_levels: tuple[str, ...] | None = None  # None: any the account offers
    posts_in_last_day: int = 0
    oldest_post_in_day: datetime | None = None


@dataclass(frozen=True)
class Problem:
    code: str
    field: str
    message: str
    retry_at: datetime | None = None


def timing_problems(name: str, post: PostFacts, rules: PlatformRulesDoc) -> list[Problem]:
    found = []
    if rules.posts_per_day is not None and post.posts_in_last_day >= rules.posts_per_day:
        free = (post.oldest_post_in_day or post.at) + DAY
        found.append(
            Problem(
                "quota_used_up",
                "account",
                f"The account has posted "
                f"{post.posts_in_last_day} times in 24 hours; {name} allows "
                f"{rules.posts_per_day}. Room frees up at {free:%Y-%m-%d %H:%M} UTC.",
                free,
            )
        )
    opens = next_window_start(rules, post.at)
    if opens is not None and opens > post.at:
        found.append(
            Problem(
                "outside_posting_window",
                "publish_at",
                f"{name} posts go out only "
                f"in the posting windows; the next opens at {opens:%Y-%m-%d %H:%M} UTC.",
                opens,
            )
        )
    return found


def next_window_start(rules: PlatformRulesDoc, at: datetime) -> datetime | None:
    """``at`` when it is inside a posting window (or there are none: None), else when the next
    window opens."""
    if not rules.posting_windows:
        return None
    day = at.replace(hour=0, minute=0, second=0, microsecond=0)
    starts = []
    for offset in range(8):
        date = day + timedelta(days=offset)
        for window in rules.posting_windows:
            if window.weekday is not None and window.weekday != date.weekday():
                continue
            start = datetime.combine(date.date(), time.fromisoformat(window.start), at.tzinfo)
            end = datetime.combine(date.date(), time.fromisoformat(window.end), at.tzinfo)
            if start <= at < end:
                return at
            if start > at:
                starts.append(start)
    return min(starts) if starts else None
