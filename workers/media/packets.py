"""Frame timing from packet timestamps, read by stream copy into ffmpeg's ``framecrc`` muxer.

Copying packets costs no decoding, so the first few hundred frames' timestamps come almost for
free; they tell still images from videos and constant from variable frame rates.
"""

from __future__ import annotations

import itertools
import re
import statistics
from dataclasses import dataclass
from fractions import Fraction
from typing import Final

# Phones and screen recorders show their irregular timing within seconds.
PACKETS_TO_SCAN: Final = 300
# A CFR stream stored with coarse timestamps (Matroska and WebM keep milliseconds) alternates
# 33/34 ms at 29.97 fps: deltas within 1.5 ms or 5 % of the typical frame interval are the
# same interval, rounded. Real variable rates differ by whole frames' worth (33 vs 40 vs 67 ms).
VFR_ABSOLUTE_TOLERANCE_SECONDS: Final = 0.0015
VFR_RELATIVE_TOLERANCE: Final = 0.05
# With B-frames a packet is presented after later-decoded ones, by at most this many (H.264).
_MAX_REORDER: Final = 16
_NOPTS: Final = -(2**63)
_TIME_BASE = re.compile(r"^#tb 0: (?P<num>\d+)/(?P<den>\d+)$")


@dataclass(frozen=True, slots=True)
class PacketScan:
    time_base: Fraction | None
    dts: tuple[int | None, ...]
    pts: tuple[int | None, ...]
    complete: bool
    """Every packet of the stream was read (fewer than the limit exist)."""

    @property
    def count(self) -> int:
        return len(self.dts)


def parse_framecrc(text: str, *, limit: int = PACKETS_TO_SCAN) -> PacketScan:
    """Packets of output stream 0 from ``-f framecrc`` ("stream, dts, pts, duration, size, crc")."""
    time_base: Fraction | None = None
    dts: list[int | None] = []
    pts: list[int | None] = []
    for line in text.splitlines():
        if line.startswith("#"):
            if (match := _TIME_BASE.match(line)) is not None and int(match["den"]):
                time_base = Fraction(int(match["num"]), int(match["den"]))
            continue
        parts = [part.strip() for part in line.split(",")]
        if len(parts) < 4 or parts[0] != "0":
            continue
        dts.append(_stamp(parts[1]))
        pts.append(_stamp(parts[2]))
    return PacketScan(time_base, tuple(dts), tuple(pts), complete=len(dts) < limit)


def _stamp(text: str) -> int | None:
    try:
        value = int(text)
    except ValueError:
        return None
    return None if value == _NOPTS else value


def frame_intervals(scan: PacketScan) -> list[int]:
    """Gaps between consecutive presentation times, in time-base ticks."""
    stamps = [p if p is not None else d for p, d in zip(scan.pts, scan.dts, strict=True)]
    known = [stamp for stamp in stamps if stamp is not None]
    if not scan.complete:
        # Packets not yet read have dts beyond the last one read and pts >= dts, so every
        # presentation time up to that dts is known; beyond it the sorted list has holes.
        last_dts = next((d for d in reversed(scan.dts) if d is not None), None)
        if last_dts is not None:
            known = [stamp for stamp in known if stamp <= last_dts]
        else:
            known = sorted(known)[:-_MAX_REORDER]
    ordered = sorted(set(known))
    return [later - earlier for earlier, later in itertools.pairwise(ordered)]


def typical_frame_interval(scan: PacketScan) -> float | None:
    """The median frame interval in seconds, if the scan shows one."""
    intervals = frame_intervals(scan)
    if not intervals or scan.time_base is None:
        return None
    return float(statistics.median(intervals) * scan.time_base)


def is_variable_frame_rate(scan: PacketScan) -> bool:
    """True when some frame interval differs from the typical one by more than rounding can.

    One irregular gap is enough (a dropped or inserted frame): frame-exact cutting must then work
    from timestamps, not from frame numbers. Too few frames to compare count as constant.
    """
    intervals = frame_intervals(scan)
    if len(intervals) < 2:
        return False
    typical = statistics.median(intervals)
    tolerance = max(1.0, VFR_RELATIVE_TOLERANCE * typical)
    if scan.time_base is not None:
        tolerance = max(tolerance, VFR_ABSOLUTE_TOLERANCE_SECONDS / float(scan.time_base))
    return any(abs(interval - typical) > tolerance for interval in intervals)


class TimelineExtent:
    """Reads framecrc output as it streams and keeps only where presentation starts and ends,
    so measuring a whole hour-long track needs no memory."""

    def __init__(self) -> None:
        self.time_base: Fraction | None = None
        self._pending = b""
        self._start: int | None = None
        self._end: int | None = None

    def feed(self, chunk: bytes) -> None:
        *lines, self._pending = (self._pending + chunk).split(b"\n")
        for line in lines:
            self._line(line.decode("ascii", errors="replace"))

    def _line(self, line: str) -> None:
        if line.startswith("#"):
            if (match := _TIME_BASE.match(line)) is not None and int(match["den"]):
                self.time_base = Fraction(int(match["num"]), int(match["den"]))
            return
        parts = [part.strip() for part in line.split(",")]
        if len(parts) < 4 or parts[0] != "0":
            return
        stamp = _stamp(parts[2])
        if stamp is None:
            stamp = _stamp(parts[1])
        if stamp is None:
            return
        length = _stamp(parts[3]) or 0
        self._start = stamp if self._start is None else min(self._start, stamp)
        end = stamp + max(0, length)
        self._end = end if self._end is None else max(self._end, end)

    def seconds(self) -> float | None:
        """From the first frame's start to the last frame's end; None if nothing was timed."""
        if self._pending:
            self._line(self._pending.decode("ascii", errors="replace"))
            self._pending = b""
        if self.time_base is None or self._start is None or self._end is None:
            return None
        return float((self._end - self._start) * self.time_base)
