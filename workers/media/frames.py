"""Shot cuts and motion, decoding only what that needs (see ``workers/media/shots/``).

A coarse pass decodes the reference frames of time ranges on every core as tiny colour frames
with their real timestamps; every frame is decoded only around changes that could be cuts, to
put each cut on its exact frame. A cut is a change of light, colour, texture or the histograms
of light and colour that stands out against its neighbourhood and lasts: flicker, flashes,
fades and slow morphs are not cuts.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from workers.media.info import MediaInfo
from workers.media.runner import CancelSignal, ProgressCallback
from workers.media.shots.plan import detect_shots


@dataclass(frozen=True)
class FrameAnalysis:
    fps: float
    shots: list[float] = field(default_factory=list)  # cut times, seconds
    motion: list[tuple[float, float]] = field(default_factory=list)  # (second, energy 0..1)
    change: list[float] = field(default_factory=list)  # per decoded frame, for diagnostics


def motion_per_second(
    times: np.ndarray, light: np.ndarray, duration: float
) -> list[tuple[float, float]]:
    """Mean luminance change per frame in each whole second; a second with no decoded frame
    (nothing changed enough to look closer, or a gap in the stream) counts as still."""
    seconds = max(1, math.ceil(duration - 1e-6)) if duration > 0 else 1
    if len(times):
        seconds = max(seconds, int(times[-1]) + 1)
    bucket = np.clip(times.astype(np.int64), 0, seconds - 1)
    totals = np.bincount(bucket, weights=light, minlength=seconds)
    counts = np.bincount(bucket, minlength=seconds)
    means = np.divide(totals, counts, out=np.zeros(seconds), where=counts > 0)
    return [(float(second), round(float(means[second]), 5)) for second in range(seconds)]


def analyze_frames(
    path: Path,
    info: MediaInfo,
    *,
    ffmpeg_path: str | None = None,
    timeout: float = 3600.0,
    progress: ProgressCallback | None = None,
    cancel: CancelSignal | None = None,
    until: float | None = None,
    nice: int = 0,
) -> FrameAnalysis:
    """Cuts and motion of the whole video, or of its first ``until`` seconds."""
    shots = detect_shots(
        path,
        info,
        ffmpeg_path=ffmpeg_path,
        timeout=timeout,
        progress=progress,
        cancel=cancel,
        until=until,
        nice=nice,
    )
    # The first frame has nothing before it: its change would read as stillness.
    times, light = shots.frames.times[1:], shots.light[1:]
    return FrameAnalysis(
        fps=info.frame_rate or 30.0,
        shots=shots.cuts,
        motion=motion_per_second(times, light, until or info.duration),
        change=[round(float(value), 4) for value in shots.score],
    )
