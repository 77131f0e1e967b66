"""Scoring the hours of the week from an account's own posts: pure, so it is tested alone.

Each post counts by its views relative to the account's median (so a big account and a small
one are read alike). An hour's score is the mean of its posts' relative views, shrunk toward the
platform's default for that hour as if the default were ``PRIOR_POSTS`` more posts: one lucky
post moves an hour a little, a habit of good posts moves it a lot.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Final, Literal

PRIOR_POSTS: Final = 3.0
# Fewer measured posts than this, and the account's history says too little: defaults alone.
MIN_HISTORY: Final = 10
TOP: Final = 7

Prior = Callable[[int, int], float]  # (weekday, hour) -> expected relative views


@dataclass(frozen=True)
class Post:
    at: datetime  # local time of publishing, in the zone the buckets are read in
    views: int


@dataclass(frozen=True)
class Slot:
    weekday: int
    hour: int
    score: float
    posts: int
    source: Literal["history", "platform_default"]


def score_hours(posts: Sequence[Post], prior: Prior, *, top: int = TOP) -> list[Slot]:
    """The ``top`` best hours of the week, best first (ties: earlier in the week first).
    With fewer than ``MIN_HISTORY`` posts the prior alone ranks them (their posts still count
    in ``posts``, so a user sees where the account has posted)."""
    learns = len(posts) >= MIN_HISTORY
    median = (statistics.median(post.views for post in posts) or 1) if learns else 1
    sums: dict[tuple[int, int], float] = {}
    counts: dict[tuple[int, int], int] = {}
    for post in posts:
        bucket = (post.at.weekday(), post.at.hour)
        sums[bucket] = sums.get(bucket, 0.0) + post.views / median
        counts[bucket] = counts.get(bucket, 0) + 1
    slots = []
    for weekday in range(7):
        for hour in range(24):
            bucket, expected = (weekday, hour), prior(weekday, hour)
            seen = counts.get(bucket, 0)
            if learns and seen:
                score = (sums[bucket] + PRIOR_POSTS * expected) / (seen + PRIOR_POSTS)
                slots.append(Slot(weekday, hour, round(score, 3), seen, "history"))
            else:
                slots.append(Slot(weekday, hour, round(expected, 3), seen, "platform_default"))
    slots.sort(key=lambda slot: (-slot.score, slot.weekday, slot.hour))
    return slots[:top]
