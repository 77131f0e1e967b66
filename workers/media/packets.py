"""Packet timing, sizes and keyframe flags, read from ffmpeg's ``framecrc`` muxer: the one
parser of packet listings, for the probe (a few hundred packets by stream copy), for cut planning
and output checks (every packet, demux only) and for decoded-frame counts.

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
_NOPTS: Final = -(2**63)
_TIME_BASE = re.compile(r"^#tb (?P<stream>\d+): (?P<num>\d+)/(?P<den>\d+)$")
_MEDIA_TYPE = re.compile(r"^#media_type (?P<stream>\d+): (?P<kind>\w+)$")


@dataclass(frozen=True, slots=True)
class Packets:
    """One output stream's packets in decode order, times in ``time_base`` units. A missing
    presentation time is filled from the decode time and the other way round; a packet with
    neither is left out (nothing can place it)."""

    time_base: Fraction
    media_type: str
    dts: tuple[int, ...]
    pts: tuple[int, ...]
    duration: tuple[int, ...]
    size: tuple[int, ...]
    key: tuple[bool, ...]
    complete: bool = True
    """Every packet of the stream was read (the listing stopped short of a packet limit)."""

    @property
    def count(self) -> int:
        return len(self.dts)

    def seconds(self, ticks: int) -> float:
        return float(ticks * self.time_base)


def parse_framecrc(text: str | bytes, *, limit: int | None = None) -> list[Packets]:
    """Every stream of a ``-f framecrc`` listing ("stream, dts, pts, duration, size, crc[,
    F=flags]"), by output stream number. A packet whose ``F=`` flags lack bit 0 is not a
    keyframe (keyframes carry no ``F=`` at all). ``limit``: the ``-frames`` cap the listing
    was made with, so that a stream that reached it is marked incomplete."""
    if isinstance(text, bytes):
        text = text.decode("ascii", errors="replace")
    bases: dict[int, Fraction] = {}
    kinds: dict[int, str] = {}
    rows: dict[int, list[tuple[int, int, int, int, bool]]] = {}
    for line in text.splitlines():
        if line.startswith("#"):
            if (match := _TIME_BASE.match(line)) is not None and int(match["den"]):
                bases[int(match["stream"])] = Fraction(int(match["num"]), int(match["den"]))
            elif (match := _MEDIA_TYPE.match(line)) is not None:
                kinds[int(match["stream"])] = match["kind"]
            continue
        if (row := _row(line)) is not None:
            rows.setdefault(row[0], []).append(row[1:])
    return [
        Packets(
            bases[stream],
            kinds.get(stream, ""),
            dts=tuple(r[0] for r in rows.get(stream, [])),
            pts=tuple(r[1] for r in rows.get(stream, [])),
            duration=tuple(r[2] for r in rows.get(stream, [])),
            size=tuple(r[3] for r in rows.get(stream, [])),
            key=tuple(r[4] for r in rows.get(stream, [])),
            complete=limit is None or len(rows.get(stream, [])) < limit,
        )
        for stream in sorted(bases)
    ]


def _row(line: str) -> tuple[int, int, int, int, int, bool] | None:
    cells = [cell.strip() for cell in line.split(",")]
    if len(cells) < 5:
        return None
    try:
        stream, dts, pts, duration, size = (int(cell) for cell in cells[:5])
    except ValueError:
        return None
    if dts == _NOPTS and pts == _NOPTS:
        return None
    dts = pts if dts == _NOPTS else dts
    pts = dts if pts == _NOPTS else pts
    key = not any(cell.startswith("F=") and int(cell[2:], 16) & 1 == 0 for cell in cells[5:])
    return stream, dts, pts, max(0, duration), size, key


def frame_intervals(packets: Packets) -> list[int]:
    """Gaps between consecutive presentation times, in time-base ticks."""
    known = list(packets.pts)
    if not packets.complete and packets.dts:
        # Packets not yet read have dts beyond the last one read and pts >= dts, so every
        # presentation time up to that dts is known; beyond it the sorted list has holes.
        known = [stamp for stamp in known if stamp <= packets.dts[-1]]
    ordered = sorted(set(known))
    return [later - earlier for earlier, later in itertools.pairwise(ordered)]


def typical_frame_interval(packets: Packets) -> float | None:
    """The median frame interval in seconds, if the packets show one."""
    intervals = frame_intervals(packets)
    if not intervals:
        return None
    return float(statistics.median(intervals) * packets.time_base)


def is_variable_frame_rate(packets: Packets) -> bool:
    """True when some frame interval differs from the typical one by more than rounding can.

    One irregular gap is enough (a dropped or inserted frame): frame-exact cutting must then work
    from timestamps, not from frame numbers. Too few frames to compare count as constant.
    """
    intervals = frame_intervals(packets)
    if len(intervals) < 2:
        return False
    typical = statistics.median(intervals)
    tolerance = max(1.0, VFR_RELATIVE_TOLERANCE * typical)
    tolerance = max(tolerance, VFR_ABSOLUTE_TOLERANCE_SECONDS / float(packets.time_base))
    return any(abs(interval - typical) > tolerance for interval in intervals)


class TimelineExtent:
    """Reads framecrc output as it streams and keeps only where presentation starts and ends
    (of output stream 0), so measuring a whole hour-long track needs no memory."""

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
            match = _TIME_BASE.match(line)
            if match is not None and match["stream"] == "0" and int(match["den"]):
                self.time_base = Fraction(int(match["num"]), int(match["den"]))
            return
        row = _row(line)
        if row is None or row[0] != 0:
            return
        stamp, length = row[2], row[3]
        self._start = stamp if self._start is None else min(self._start, stamp)
        end = stamp + length
        self._end = end if self._end is None else max(self._end, end)

    def seconds(self) -> float | None:
        """From the first frame's start to the last frame's end; None if nothing was timed."""
        if self._pending:
            self._line(self._pending.decode("ascii", errors="replace"))
            self._pending = b""
        if self.time_base is None or self._start is None or self._end is None:
            return None
        return float((self._end - self._start) * self.time_base)
