"""Shot cuts and motion from one fast decode of tiny grey frames.

Analysis needs the change between frames, not the picture: the decoder skips its loop filter,
frames are scaled to 64x36 grey on the way out, and numpy does the rest. A cut is a frame whose
change stands out against its neighbourhood (an adaptive threshold), which keeps flicker, flashes
and slow morphs — high change over many frames — from counting as cuts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from workers.media.grey import grey_frames
from workers.media.info import MediaInfo
from workers.media.runner import CancelSignal, ProgressCallback

WIDTH, HEIGHT = 64, 36
CUT_MIN_CHANGE = 0.08  # mean absolute grey difference (0..1) a cut must at least reach
CUT_CONTRAST = 2.0  # ...and this many times the typical change around it
NEIGHBOURHOOD = 12  # frames on each side that define "typical"
MIN_SHOT_FRAMES = 3  # the shortest real shot seen in trailers
FLICKER_WINDOW = 8  # frames on each side searched for sister spikes
FLICKER_SIMILAR = 0.7  # a spike this close in size to the candidate counts as a sister


@dataclass(frozen=True)
class FrameAnalysis:
    fps: float
    shots: list[float] = field(default_factory=list)  # cut times, seconds
    motion: list[tuple[float, float]] = field(default_factory=list)  # (second, energy 0..1)
    change: list[float] = field(default_factory=list)  # per-frame change, for diagnostics


def _frame_changes(frames: np.ndarray) -> np.ndarray:
    """Mean absolute difference to the previous frame, 0..1; the first frame gets 0."""
    if len(frames) < 2:
        return np.zeros(len(frames))
    as_float = frames.astype(np.int16)
    diffs = np.abs(np.diff(as_float, axis=0)).mean(axis=(1, 2)) / 255.0
    return np.concatenate([[0.0], diffs])


def _flickers(change: np.ndarray, index: int) -> bool:
    """A flash or flicker is a burst of similar spikes; a cut (even two, around a very short
    shot) stands almost alone."""
    low, high = max(1, index - FLICKER_WINDOW), min(len(change), index + FLICKER_WINDOW + 1)
    similar = np.count_nonzero(change[low:high] >= FLICKER_SIMILAR * change[index]) - 1
    return bool(similar >= 2)


def find_cuts(change: np.ndarray) -> list[int]:
    """Frame indexes where a new shot starts."""
    cuts: list[int] = []
    for index in range(1, len(change)):
        value = change[index]
        if value < CUT_MIN_CHANGE:
            continue
        low, high = max(1, index - NEIGHBOURHOOD), min(len(change), index + NEIGHBOURHOOD + 1)
        around = np.delete(change[low:high], index - low)
        typical = float(np.median(around)) if len(around) else 0.0
        local_peak = value >= change[max(1, index - 1) : index + 2].max()
        if (
            local_peak
            and value >= CUT_CONTRAST * max(typical, 0.01)
            and not _flickers(change, index)
        ):
            if cuts and index - cuts[-1] < MIN_SHOT_FRAMES:
                if value > change[cuts[-1]]:
                    cuts[-1] = index
                continue
            cuts.append(index)
    return cuts


def motion_per_second(change: np.ndarray, fps: float) -> list[tuple[float, float]]:
    per_second = max(1, round(fps))
    seconds = []
    for start in range(0, len(change), per_second):
        window = change[start : start + per_second]
        seconds.append((round(start / fps, 3), round(float(np.mean(window)), 5)))
    return seconds


def analyze_frames(
    path: Path,
    info: MediaInfo,
    *,
    ffmpeg_path: str | None = None,
    timeout: float = 3600.0,
    progress: ProgressCallback | None = None,
    cancel: CancelSignal | None = None,
) -> FrameAnalysis:
    fps = info.frame_rate or 30.0
    # A variable frame rate is resampled to a constant one so a frame index maps to a time.
    frames = grey_frames(
        path,
        info,
        width=WIDTH,
        height=HEIGHT,
        rate=f"fps={fps:.6f}," if info.is_vfr else "",
        fast_decode=True,
        ffmpeg_path=ffmpeg_path,
        timeout=timeout,
        progress=progress,
        cancel=cancel,
    )
    change = _frame_changes(frames)
    cuts = find_cuts(change)
    return FrameAnalysis(
        fps=fps,
        shots=[round(index / fps, 3) for index in cuts],
        motion=motion_per_second(change, fps),
        change=[round(float(v), 4) for v in change],
    )
