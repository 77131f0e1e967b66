"""Where the keyframes are and when every frame is shown, from a demux-only pass.

Copying packets decodes nothing (hundreds of times realtime), and it tells the shot detector
where it may start decoding (keyframes), how many frames a coarse pass stepped over, and where
the picture is still (tiny packets between keyframes).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from workers.media.info import MediaInfo
from workers.media.probe import _input_args
from workers.media.runner import CancelSignal, run_ffmpeg

_NOPTS = -(2**63)


@dataclass(frozen=True)
class FrameIndex:
    times: np.ndarray
    """Presentation time of every frame, seconds from the start of the file, increasing."""
    sizes: np.ndarray
    """Packet bytes, in the order of ``times``."""
    keyframes: np.ndarray
    """Times of the frames a decoder can start from, increasing; the first frame always counts."""

    def keyframe_at_or_before(self, moment: float) -> float:
        position = int(np.searchsorted(self.keyframes, moment + 1e-6, side="right"))
        return float(self.keyframes[position - 1]) if position else 0.0

    def frames_between(self, earlier: float, later: float) -> int:
        """Frames shown strictly between two moments."""
        low = int(np.searchsorted(self.times, earlier + 0.0005, side="left"))
        high = int(np.searchsorted(self.times, later - 0.0005, side="right"))
        return max(0, high - low)


def parse_packets(text: str, origin: float) -> FrameIndex:
    ticks_per_second = 1.0
    times: list[float] = []
    sizes: list[int] = []
    keys: list[float] = []
    for line in text.splitlines():
        if line.startswith("#"):
            if line.startswith("#tb 0:"):
                num, _, den = line.split(":", 1)[1].strip().partition("/")
                ticks_per_second = int(den) / int(num)
            continue
        parts = [part.strip() for part in line.split(",")]
        if len(parts) < 6 or parts[0] != "0":
            continue
        stamp = int(parts[2]) if parts[2].lstrip("-").isdigit() else _NOPTS
        if stamp == _NOPTS:
            stamp = int(parts[1]) if parts[1].lstrip("-").isdigit() else _NOPTS
        if stamp == _NOPTS:
            continue
        seconds = stamp / ticks_per_second - origin
        times.append(seconds)
        sizes.append(int(parts[4]))
        # framecrc writes the flags only when they are not "keyframe" alone.
        flags = next((p for p in parts[6:] if p.startswith("F=")), None)
        if flags is None or int(flags[2:], 16) & 1:
            keys.append(seconds)
    order = np.argsort(np.asarray(times), kind="stable")
    keyframes = np.unique(np.asarray(keys, dtype=np.float64))
    ordered_times = np.asarray(times, dtype=np.float64)[order]
    if len(ordered_times) and (not len(keyframes) or keyframes[0] > ordered_times[0]):
        keyframes = np.concatenate([[ordered_times[0]], keyframes])
    return FrameIndex(ordered_times, np.asarray(sizes, dtype=np.int64)[order], keyframes)


def scan_packets(
    path: Path,
    info: MediaInfo,
    *,
    ffmpeg_path: str | None,
    timeout: float,
    cancel: CancelSignal | None = None,
    until: float | None = None,
    nice: int = 0,
) -> FrameIndex:
    """The frames of the file, or of its first ``until`` seconds."""
    result = run_ffmpeg(
        [
            *(["-t", f"{until:.6f}"] if until is not None else []),
            *_input_args(path),
            *("-map", f"0:{info.video.index}", "-c", "copy", "-copyts", "-f", "framecrc", "-"),
        ],
        what="shot detection packet scan",
        timeout=timeout,
        ffmpeg_path=ffmpeg_path,
        cancel=cancel,
        nice=nice,
    )
    return parse_packets(result.stdout.decode("ascii", errors="replace"), info.start_time or 0.0)
