"""Turning noisy per-sample subject positions into a camera path a viewer can watch: no jitter
(hysteresis), no whip pans (velocity limit), smooth moves (zero-phase exponential smoothing),
and a clean jump at a shot cut instead of a slow pan across it."""

from __future__ import annotations

import itertools
import math
import statistics
from collections.abc import Sequence

DEAD_BAND = 0.04  # fraction of the width the subject may drift before the camera follows
TAU_SECONDS = 0.5  # time constant of the exponential smoothing
MAX_SPEED = 0.35  # fraction of the width per second: faster reads as a whip pan
MEDIAN_WINDOW = 5  # samples: removes single-sample detector outliers


def fill_gaps(values: Sequence[float | None], default: float) -> list[float]:
    """Hold the last known value; before the first one, use the first one."""
    known = [v for v in values if v is not None]
    last = known[0] if known else default
    filled = []
    for value in values:
        last = value if value is not None else last
        filled.append(last)
    return filled


def _median(values: list[float], window: int) -> list[float]:
    half = window // 2
    return [statistics.median(values[max(0, i - half) : i + half + 1]) for i in range(len(values))]


def _hysteresis(values: list[float], band: float) -> list[float]:
    held = values[0]
    out = []
    for value in values:
        if abs(value - held) > band:
            held = value
        out.append(held)
    return out


def _ema(values: list[float], alpha: float) -> list[float]:
    out, state = [], values[0]
    for value in values:
        state += alpha * (value - state)
        out.append(state)
    return out


def _clamp_speed(values: list[float], max_step: float) -> list[float]:
    out = [values[0]]
    for value in values[1:]:
        out.append(out[-1] + max(-max_step, min(max_step, value - out[-1])))
    return out


def smooth_segment(values: list[float], dt: float) -> list[float]:
    if len(values) < 2:
        return list(values)
    steady = _hysteresis(_median(values, MEDIAN_WINDOW), DEAD_BAND)
    alpha = 1 - math.exp(-dt / TAU_SECONDS)
    # Forward then backward: zero phase, so the camera does not lag behind the subject.
    smoothed = _ema(_ema(steady, alpha)[::-1], alpha)[::-1]
    return _clamp_speed(smoothed, MAX_SPEED * dt)


def smooth_path(
    values: Sequence[float | None], cuts: Sequence[int], dt: float, *, low: float, high: float
) -> list[float]:
    """Smooth each shot on its own (``cuts`` are the sample indexes where a new shot starts)
    and keep the window inside the frame, [low, high] being the allowed centre range."""
    bounds = [0, *sorted(c for c in cuts if 0 < c < len(values)), len(values)]
    path: list[float] = []
    for begin, end in itertools.pairwise(bounds):
        shot = fill_gaps(values[begin:end], path[-1] if path else 0.5)
        path += smooth_segment([min(high, max(low, v)) for v in shot], dt)
    return [min(high, max(low, v)) for v in path]
