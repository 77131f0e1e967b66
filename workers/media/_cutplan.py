"""Planning a smart cut from the packets around the clip: which frames the clip holds, which
keyframes can bound a stream copy, and whether the source can be matched at all."""

from __future__ import annotations

import itertools
import math
import statistics
from dataclasses import dataclass, field, replace
from fractions import Fraction
from pathlib import Path

from workers.media.errors import MediaError
from workers.media.info import MediaInfo
from workers.media.packets import Packets, parse_framecrc
from workers.media.runner import run_ffmpeg

# Re-encoded edges must carry the same pixel layout and profile as the copied middle.
MATCHABLE_PIX_FMTS = frozenset({"yuv420p", "yuvj420p", "yuv422p", "yuv444p", "yuv420p10le"})
MATCHABLE_PROFILES = frozenset(
    {"constrained baseline", "baseline", "main", "high", "high 10", "high 4:2:2",
     "high 4:4:4 predictive"}
)  # fmt: skip
MIN_GOPS = 2.0  # below this the copied middle saves too little to be worth two extra encodes
_SCAN_LEAD = 1.0  # seek this far before start: a seek may land by dts, just past a keyframe


@dataclass(frozen=True)
class Part:
    frames: int = 0
    seek: float = 0.0  # edges: input -ss (file-relative); middle: concat inpoint (raw time)
    duration: float = 0.0  # seconds the part lasts on the output timeline
    outpoint: float | None = None  # middle only: just below the dts of the first packet left out


@dataclass(frozen=True)
class CutPlan:
    start: float  # file-relative time of the first frame
    end: float  # file-relative time just after the last frame
    frames: int
    first_seek: float  # input -ss that makes an accurate seek keep exactly the first frame
    timescale: int
    delay_frames: int = 0
    level: str | None = None
    head: Part = field(default_factory=Part)
    middle: Part = field(default_factory=Part)
    tail: Part = field(default_factory=Part)
    reason: str | None = None  # set when the clip must be re-encoded whole


def scan_window(
    src: Path, start: float, end: float, *, keyframes: list[float] | None, timeout: float
) -> Packets:
    """Video packets from a keyframe before ``start`` to a second past ``end``, with the
    source's own timestamps (``-copyts``; ``-copypriorss`` keeps the keyframe the seek landed
    on). Demux only: no decoding, so long sources cost no more than short ones."""
    lead = start - _SCAN_LEAD
    if keyframes:
        lead = min([lead, *(k for k in keyframes if k <= start)])
    lead = max(0.0, lead)
    args = ["-ss", f"{lead:.6f}", "-t", f"{end + _SCAN_LEAD - lead:.6f}", "-copyts",
            "-i", str(src), "-map", "0:v:0", "-c", "copy", "-copypriorss", "1",
            "-f", "framecrc", "pipe:1"]  # fmt: skip
    text = run_ffmpeg(args, what="packet scan", timeout=timeout).stdout
    streams = parse_framecrc(text)
    if not streams or not streams[0].pts:
        raise MediaError(f"no video packets in {src} around {start:.3f}..{end:.3f}")
    return streams[0]


def _clean_keys(packets: Packets) -> dict[int, int]:
    """pts -> decode position of the keyframes a copy can start at: no later packet of their
    GOP is shown before them (an open GOP's leading pictures reference the previous GOP)."""
    clean: dict[int, int] = {}
    positions = [i for i, key in enumerate(packets.key) if key]
    for n, pos in enumerate(positions):
        stop = positions[n + 1] if n + 1 < len(positions) else len(packets.pts)
        if all(packets.pts[j] > packets.pts[pos] for j in range(pos + 1, stop)):
            clean[packets.pts[pos]] = pos
    return clean


def _unmatchable(info: MediaInfo, progressive: bool) -> str | None:
    video = info.video
    assert video is not None
    if video.codec != "h264":
        return f"{video.codec} edges cannot be encoded to match"
    if (video.profile or "").lower() not in MATCHABLE_PROFILES:
        return f"profile {video.profile} cannot be matched"
    if video.pixel_format not in MATCHABLE_PIX_FMTS:
        return f"pixel format {video.pixel_format} cannot be matched"
    if not progressive:
        return "interlaced source"
    return None


def plan_cut(
    packets: Packets,
    info: MediaInfo,
    start: float,
    end: float,
    *,
    keyframes: list[float] | None = None,
    level: str | None = None,
    progressive: bool = True,
) -> CutPlan:
    """Snap [start, end) to frame boundaries (nearest), then split it into head, copied middle
    and tail. ``keyframes`` restricts which keyframes may bound the middle."""
    tb = packets.time_base
    origin = round(Fraction(info.start_time) / tb)  # callers and -ss count from the file's start
    shown = sorted(packets.pts)
    gaps = [b - a for a, b in itertools.pairwise(shown)]
    step = int(statistics.median(gaps)) if gaps else packets.duration[0] or 1
    last = packets.duration[packets.pts.index(shown[-1])] or step
    bounds = [*shown, shown[-1] + last]

    def rel(ticks: int) -> float:
        return float((ticks - origin) * tb)

    first = min(range(len(shown)), key=lambda i: abs(rel(shown[i]) - start))
    stop = min(range(len(bounds)), key=lambda i: abs(rel(bounds[i]) - end))
    if stop <= first:
        raise MediaError(f"the range {start:.3f}..{end:.3f} holds no frame")
    half = float(step * tb) / 2
    plan = CutPlan(
        start=rel(shown[first]), end=rel(bounds[stop]), frames=stop - first,
        first_seek=max(0.0, rel(shown[first]) - half),
        timescale=tb.denominator if tb.numerator == 1 else 90000, level=level,
    )  # fmt: skip
    if reason := _unmatchable(info, progressive):
        return replace(plan, reason=reason)

    clean = _clean_keys(packets)
    position = {pts: i for i, pts in enumerate(shown)}
    keys = sorted(position[pts] for pts in clean)
    if keyframes is not None:
        wanted = [round(Fraction(k) / tb) + origin for k in keyframes]
        keys = [i for i in keys if any(abs(shown[i] - w) <= step // 2 for w in wanted)]
    key_gaps = [b - a for a, b in itertools.pairwise(keys)]
    gop = statistics.median(key_gaps) if key_gaps else math.inf
    if stop - first < MIN_GOPS * gop:
        return replace(plan, reason=f"{stop - first} frames is less than {MIN_GOPS:g} GOPs")
    inside = [i for i in keys if first <= i <= stop]
    # The middle ends on a keyframe, or at the end of the file when the clip runs to it.
    if stop == len(shown) and inside and inside[-1] != stop:
        inside.append(stop)
    if len(inside) < 2:
        return replace(plan, reason="fewer than two keyframes inside the clip")
    k1, k2 = inside[0], inside[-1]
    k1_pos = clean[shown[k1]]
    delay = round((packets.pts[k1_pos] - packets.dts[k1_pos]) / step)
    if delay not in (0, 1, 2):
        return replace(plan, reason=f"a reorder delay of {delay} frames cannot be matched")

    seconds = float(tb)
    outpoint = None
    if k2 < len(shown):  # concat drops packets from this dts on: exactly the ones after k2's GOP
        outpoint = (packets.dts[clean[shown[k2]]] - step / 2) * seconds
    return replace(
        plan,
        delay_frames=delay,
        head=Part(k1 - first, plan.first_seek, (shown[k1] - shown[first]) * seconds),
        # ceil: an inpoint rounded below the keyframe would make concat seek to the one before
        middle=Part(k2 - k1, math.ceil(shown[k1] * seconds * 1e6) / 1e6,
                    (bounds[k2] - shown[k1]) * seconds, outpoint),
        tail=Part(stop - k2, max(0.0, rel(bounds[k2]) - half),
                  (bounds[stop] - bounds[k2]) * seconds),
    )  # fmt: skip
