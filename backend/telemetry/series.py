"""A metric's series: the workspace's stored snapshots, averaged into fixed buckets."""

from __future__ import annotations

import math
import uuid
from collections import defaultdict
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from backend.config import Settings
from backend.telemetry import repository
from backend.telemetry.errors import InvalidSeriesWindow, UnknownMetric
from backend.telemetry.metrics import KNOWN_METRICS
from backend.telemetry.schemas import Series, SeriesPoint
from core.clock import utcnow

MAX_POINTS = 1000
DEFAULT_SPAN = timedelta(hours=1)
# Without a step, about this many points: enough for a chart's width.
DEFAULT_POINTS = 360


def _step(start: datetime, end: datetime, step: int | None, interval: float) -> int:
    span = (end - start).total_seconds()
    if span <= 0:
        raise InvalidSeriesWindow("`from` must be before `to`.")
    if step is None:
        return max(math.ceil(interval), math.ceil(span / DEFAULT_POINTS))
    if math.ceil(span / step) > MAX_POINTS:
        raise InvalidSeriesWindow(
            f"{math.ceil(span / step)} points asked for; at most {MAX_POINTS}: "
            f"make `step` at least {math.ceil(span / MAX_POINTS)} s, or the window shorter."
        )
    return step


async def series(
    session: AsyncSession,
    settings: Settings,
    workspace_id: uuid.UUID,
    metric: str,
    start: datetime | None = None,
    end: datetime | None = None,
    step: int | None = None,
) -> Series:
    if metric not in KNOWN_METRICS:
        raise UnknownMetric(f"Unknown metric {metric!r}. {UnknownMetric.default_message}")
    end = end or utcnow()
    start = start or end - DEFAULT_SPAN
    step = _step(start, end, step, settings.telemetry_interval_seconds)
    buckets: dict[int, list[float]] = defaultdict(list)
    for taken_at, value in await repository.metric_values(
        session, workspace_id, metric, start, end
    ):
        buckets[int((taken_at - start).total_seconds() // step)].append(value)
    points = [
        SeriesPoint(at=start + timedelta(seconds=index * step), value=sum(values) / len(values))
        for index, values in sorted(buckets.items())
    ]
    return Series(metric=metric, start=start, end=end, step_seconds=step, points=points)
