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
MIN_COPY_SECONDS = 1.0  # below this the copy saves too little to be worth the joins
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
    exact: bool = True,
) -> CutPlan:
    """Snap [start, end) to frame boundaries (nearest), then split it into head (re-encoded up
    to the first clean keyframe), copied middle and tail (re-encoded frames after the copy).
    ``keyframes`` restricts which keyframes may start the copy. ``exact=False`` plans a copy
    alone: from the clean keyframe at or before the start to the last frame before the end that
    a copy can stop at, so the clip may start up to a GOP early and end a few frames short."""
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
    if exact:
        k1 = next((i for i in keys if first <= i < stop), None)
    else:  # the copy starts on the keyframe at or before the start, else the first one after
        k1 = max((i for i in keys if i <= first), default=None)
        k1 = k1 if k1 is not None else next((i for i in keys if first < i < stop), None)
    if k1 is None:
        return replace(plan, reason="no clean keyframe inside the clip (a GOP longer than it)")
    k1_pos = clean[shown[k1]]
    delay = round((packets.pts[k1_pos] - packets.dts[k1_pos]) / step)
    if delay not in (0, 1, 2):
        return replace(plan, reason=f"a reorder delay of {delay} frames cannot be matched")
    m, q = _copy_end(packets, shown, k1, k1_pos, stop)
    if (bounds[m] - shown[k1]) * tb < MIN_COPY_SECONDS:
        return replace(plan, reason=f"less than {MIN_COPY_SECONDS:g} s of it can be copied")

    seconds = float(tb)
    # concat drops packets from this dts on: exactly the ones the copy leaves out
    outpoint = (packets.dts[q] - step / 2) * seconds if q < len(packets.dts) else None
    middle = Part(
        m - k1,
        # ceil: an inpoint rounded below the keyframe would make concat seek to the one before
        math.ceil(shown[k1] * seconds * 1e6) / 1e6,
        (bounds[m] - shown[k1]) * seconds,
        outpoint,
    )
    if not exact:
        return replace(
            plan, start=rel(shown[k1]), end=rel(bounds[m]), frames=m - k1, delay_frames=delay,
            first_seek=max(0.0, rel(shown[k1]) - half), middle=middle,
        )  # fmt: skip
    return replace(
        plan,
        delay_frames=delay,
        head=Part(k1 - first, plan.first_seek, (shown[k1] - shown[first]) * seconds),
        middle=middle,
        tail=Part(stop - m, max(0.0, rel(bounds[m]) - half), (bounds[stop] - bounds[m]) * seconds),
    )


def _copy_end(
    packets: Packets, shown: list[int], k1: int, k1_pos: int, stop: int
) -> tuple[int, int]:
    """The longest copy from keyframe ``k1`` that ends at or before frame ``stop``: display
    position ``m`` and decode position ``q`` such that the packets decoded from ``k1_pos`` up to
    ``q`` are exactly the frames shown from ``k1`` up to ``m``. Such a prefix decodes on its own
    (nothing in it can reference a packet decoded later), so only the frames ``m..stop`` past
    it are re-encoded: none without B-frames, a few with them, instead of a GOP."""
    best = (k1 + 1, k1_pos + 1)  # the keyframe alone
    highest = shown[k1]
    for q in range(k1_pos + 1, len(packets.pts)):
        m = k1 + (q - k1_pos) + 1
        if m > stop or packets.pts[q] < shown[k1]:
            break
        highest = max(highest, packets.pts[q])
        # q - k1_pos + 1 distinct frames, none before k1 and none after frame m - 1: all of them
        if highest == shown[m - 1]:
            best = (m, q + 1)
    return best
