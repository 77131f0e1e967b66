"""What a publication's result was, relative to its own account, and the clip features it had.

A publication is labelled by one reading: the one nearest 7 days after publishing when there is
one (captured at least 5 days after), else the one nearest 48 hours (captured 1 to 5 days
after); a post younger than a day has no label yet. The label is
``log((views + 1) / (account median + 1))``, plus half the same ratio for watch time per view
where the platform reports watch time: a post that doubles its account's usual views counts as
much on a small account as on a large one.
"""

from __future__ import annotations

import math
import statistics
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

EARLY, EARLY_FROM = timedelta(hours=48), timedelta(days=1)
LATE, LATE_FROM = timedelta(days=7), timedelta(days=5)
WATCH_WEIGHT = 0.5
WATCH_FLOOR = 0.1  # seconds per view: keeps the ratio finite for posts nobody watched


@dataclass(frozen=True)
class Reading:
    captured_at: datetime
    views: int
    watch_time_seconds: float | None


@dataclass(frozen=True)
class Published:
    publication_id: uuid.UUID
    account_id: uuid.UUID
    group: uuid.UUID  # the source video
    published_at: datetime
    features: dict[str, float]
    readings: Sequence[Reading]


@dataclass(frozen=True)
class Example:
    publication_id: uuid.UUID
    group: uuid.UUID
    published_at: datetime
    features: dict[str, float]
    label: float
    horizon: str  # "7d" or "48h"


def flatten(features: Mapping[str, Any], platform: str) -> dict[str, float]:
    """A clip's numeric features, with ``duration_fit`` for this platform only."""
    values = {
        name: float(value)
        for name, value in features.items()
        if isinstance(value, int | float) and not isinstance(value, bool)
    }
    fits = features.get("duration_fit")
    values["duration_fit"] = float(fits.get(platform, 0.0)) if isinstance(fits, dict) else 0.0
    return values


def _nearest(
    post: Published, aim: timedelta, start: timedelta, end: timedelta | None
) -> Reading | None:
    fitting = [
        r
        for r in post.readings
        if r.captured_at - post.published_at >= start
        and (end is None or r.captured_at - post.published_at < end)
    ]
    return min(fitting, key=lambda r: abs((r.captured_at - post.published_at) - aim), default=None)


def label_reading(post: Published) -> tuple[str, Reading] | None:
    late = _nearest(post, LATE, LATE_FROM, None)
    if late is not None:
        return "7d", late
    early = _nearest(post, EARLY, EARLY_FROM, LATE_FROM)
    return None if early is None else ("48h", early)


def _per_view(reading: Reading) -> float | None:
    if reading.watch_time_seconds is None:
        return None
    return reading.watch_time_seconds / max(reading.views, 1)


def examples(posts: Sequence[Published]) -> list[Example]:
    """The labelled posts, oldest first."""
    chosen = [(post, found) for post in posts if (found := label_reading(post)) is not None]
    views: dict[uuid.UUID, list[int]] = {}
    watch: dict[uuid.UUID, list[float]] = {}
    for post, (_, reading) in chosen:
        views.setdefault(post.account_id, []).append(reading.views)
        if (per_view := _per_view(reading)) is not None:
            watch.setdefault(post.account_id, []).append(per_view)
    labelled = []
    for post, (horizon, reading) in chosen:
        median = statistics.median(views[post.account_id])
        label = math.log((reading.views + 1) / (median + 1))
        per_view = _per_view(reading)
        if per_view is not None:
            usual = statistics.median(watch[post.account_id])
            label += WATCH_WEIGHT * math.log((per_view + WATCH_FLOOR) / (usual + WATCH_FLOOR))
        labelled.append(
            Example(
                post.publication_id, post.group, post.published_at, post.features, label, horizon
            )
        )
    return sorted(labelled, key=lambda e: (e.published_at, str(e.publication_id)))
