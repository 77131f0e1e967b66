"""The order of work: where the keyframes are, a coarse pass over reference frames in time
ranges on every core, then every frame only around the changes that could be cuts.

A hard cut is as large between frames two apart as between neighbours, so skipping the frames
nothing refers to (half of a B-frame stream, the cheap half to decode but half the scaling and
transfer) loses no cut; it only leaves the exact frame open when the cut falls between two
decoded ones. Those gaps, and only those, are decoded again in full.
"""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Final

import numpy as np
import structlog

from workers.media.info import MediaInfo
from workers.media.runner import CancelSignal, ProgressCallback
from workers.media.shots.change import Features, consecutive_changes, features
from workers.media.shots.cuts import STRICT, find_cuts
from workers.media.shots.packets import FrameIndex, scan_packets
from workers.media.shots.parallel import cores, run_all
from workers.media.shots.tiny import TinyFrames, decode_tiny, merge_order

log = structlog.get_logger(__name__)

# Below this a second range costs more (another ffmpeg start, another seek) than it saves.
MIN_RANGE_SECONDS: Final = 20.0
RANGES_PER_CORE: Final = 2
# Decoding a range runs this far past its end, so no frame at the border is lost to rounding.
RANGE_OVERLAP_SECONDS: Final = 0.5
# Candidates for a closer look: cuts by looser thresholds (a change diluted over two frames).
CANDIDATE_LOOSENING: Final = 0.6
# Share of the step's progress given to the coarse pass; the rest is the closer look.
COARSE_SHARE: Final = 0.9


@dataclass(frozen=True)
class Shots:
    frames: TinyFrames
    score: np.ndarray
    """Cut score of each frame against the decoded frame before it."""
    light: np.ndarray
    """Mean luminance change per source frame stepped over, 0..1: the motion measure."""
    cuts: list[float]


def split_ranges(
    index: FrameIndex, duration: float, parts: int, *, last_end: float = float("inf")
) -> list[tuple[float, float]]:
    """Time ranges starting on keyframes, about equally long, ``(start, end)``; the last ends
    at ``last_end``: by default at infinity, so nothing after the last keyframe is lost."""
    parts = max(1, min(parts, int(duration // MIN_RANGE_SECONDS)))
    starts = [0.0]
    for part in range(1, parts):
        keyframe = index.keyframe_at_or_before(duration * part / parts)
        if keyframe > starts[-1] + MIN_RANGE_SECONDS / 2:
            starts.append(keyframe)
    ends = [*starts[1:], last_end]
    return list(zip(starts, ends, strict=True))


def _decode_range(
    path: Path,
    info: MediaInfo,
    span: tuple[float, float],
    ffmpeg_path: str | None,
    nice: int,
    report: ProgressCallback,
    stop: CancelSignal,
    remaining: float,
) -> tuple[TinyFrames, Features]:
    start, end = span
    length = None if end == float("inf") else end - start + RANGE_OVERLAP_SECONDS
    frames = decode_tiny(
        path,
        info,
        start=start,
        duration=length,
        reference_only=True,
        ffmpeg_path=ffmpeg_path,
        timeout=remaining,
        progress=lambda seconds: report(max(0.0, seconds - start) * COARSE_SHARE),
        cancel=stop,
        nice=nice,
    )
    own = frames.between(start - 1e-3 if start > 0 else -np.inf, end - 1e-3)
    # Here, on the range's thread, numpy works while the other ranges still decode.
    return own, features(own)


def _decode_windows(
    path: Path,
    info: MediaInfo,
    keyframe: float,
    windows: list[tuple[float, float]],
    ffmpeg_path: str | None,
    nice: int,
    report: ProgressCallback,
    stop: CancelSignal,
    remaining: float,
) -> tuple[TinyFrames, Features]:
    del report  # a few frames: the coarse pass's progress stands for it
    last = max(end for _, end in windows)
    frames = decode_tiny(
        path,
        info,
        start=keyframe,
        duration=last - keyframe + RANGE_OVERLAP_SECONDS,
        only_between=[(low - 1e-3, high + 1e-3) for low, high in windows],
        ffmpeg_path=ffmpeg_path,
        timeout=remaining,
        cancel=stop,
        nice=nice,
    )
    return frames, features(frames)


def _merge(parts: list[tuple[TinyFrames, Features]]) -> tuple[TinyFrames, Features]:
    pick = merge_order([frames.times for frames, _ in parts])
    frames = TinyFrames.merge([frames for frames, _ in parts])
    return frames, Features.take([feats for _, feats in parts], pick)


def detect_shots(
    path: Path,
    info: MediaInfo,
    *,
    ffmpeg_path: str | None,
    timeout: float,
    progress: ProgressCallback | None,
    cancel: CancelSignal | None,
    until: float | None = None,
    nice: int = 0,
) -> Shots:
    """Cuts in the file, or in its first ``until`` seconds; ``nice`` lowers the priority of
    every ffmpeg run (see ``run_ffmpeg``)."""
    deadline = time.monotonic() + timeout

    def left() -> float:
        return max(0.001, deadline - time.monotonic())

    index = scan_packets(
        path, info, ffmpeg_path=ffmpeg_path, timeout=left(), cancel=cancel, until=until, nice=nice
    )
    duration = max(info.duration, float(index.times[-1]) if len(index.times) else 0.0)
    if until is not None:
        duration = min(duration, until)
    # Twice as many ranges as cores: one that decodes slower does not hold the other core idle.
    ranges = split_ranges(
        index, duration, RANGES_PER_CORE * cores(), last_end=until or float("inf")
    )
    coarse, coarse_feats = _merge(
        run_all(
            [partial(_decode_range, path, info, span, ffmpeg_path, nice) for span in ranges],
            timeout=left(),
            progress=progress,
            cancel=cancel,
        )
    )
    score, _ = consecutive_changes(coarse_feats)
    candidates = find_cuts(coarse_feats, coarse.times, score, STRICT.loosened(CANDIDATE_LOOSENING))
    by_keyframe: dict[float, list[tuple[float, float]]] = defaultdict(list)
    for position in candidates:
        earlier, later = float(coarse.times[position - 1]), float(coarse.times[position])
        if index.frames_between(earlier, later):
            by_keyframe[index.keyframe_at_or_before(earlier)].append((earlier, later))
    refined = run_all(
        [
            partial(_decode_windows, path, info, keyframe, windows, ffmpeg_path, nice)
            for keyframe, windows in sorted(by_keyframe.items())
        ],
        timeout=left(),
        progress=progress,
        cancel=cancel,
        base_seconds=duration * COARSE_SHARE,
    )
    frames, feats = _merge([(coarse, coarse_feats), *refined])
    score, light = consecutive_changes(feats)
    steps = np.ones(len(frames))
    for position in range(1, len(frames)):
        steps[position] += index.frames_between(frames.times[position - 1], frames.times[position])
    cuts = find_cuts(feats, frames.times, score)
    log.debug(
        "media.shots.detected",
        coarse_frames=len(coarse),
        windows=sum(len(w) for w in by_keyframe.values()),
        frames=len(frames),
        source_frames=len(index.times),
        cuts=len(cuts),
    )
    if progress is not None:
        progress(duration)
    return Shots(frames, score, light / steps, [round(float(frames.times[i]), 3) for i in cuts])
