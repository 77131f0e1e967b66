"""Frame-exact cutting that re-encodes only what it must.

A stream copy can only start on a keyframe, so a plain ``-c copy`` cut starts up to a GOP early
(see docs/media.md). ``smart_cut`` stream-copies from the first clean IDR
keyframe at/after the start up to the last frame a copy can stop at before the end (the packets
decoded so far are exactly the frames shown so far: every frame without B-frames, every few
with them), and re-encodes only the head (start -> that keyframe) and the tail (the few frames
after the copy), with the source's codec, profile, level, pixel format, colour tags and reorder
delay so the parts concatenate. The concat demuxer turns every part into Annex B with its own
SPS/PPS in-band, so the copied middle is always decoded with the source's parameter sets. Audio
is re-encoded once over the whole range so it is sample-exact and in sync. The edges, the copy
and the audio run at once. Sources that cannot be matched (not H.264, interlaced, odd reorder
delays, open GOPs) or clips without a usable keyframe are re-encoded whole instead; a joined
file that does not check out is too. ``exact=False`` copies keyframe-aligned, encoding no video.
"""

from __future__ import annotations

import itertools
import os
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import structlog

from workers.media._cutparts import (
    AUDIO_BITRATE,
    EDGE_CRF,
    EDGE_PRESET,
    audio_input,
    copy_middle,
    encode_audio,
    encode_edge,
    quote,
    sps_fields,
    starts_on_idr,
)
from workers.media._cutplan import CutPlan, plan_cut, scan_window
from workers.media.errors import MediaError
from workers.media.info import MediaInfo
from workers.media.probe import probe
from workers.media.runner import is_cancelled, run_ffmpeg
from workers.media.scan import count_frames, scan_packets

__all__ = ["EDGE_CRF", "EDGE_PRESET", "CutResult", "count_frames", "smart_cut"]

log = structlog.get_logger(__name__)

FULL_PRESET = "veryfast"
FULL_CRF = 18


@dataclass(frozen=True)
class CutResult:
    path: Path
    start: float  # the first frame's source time (the requested start snapped to a frame)
    end: float  # the source time just after the last frame
    frames: int
    method: str  # "smart", "keyframe" (exact=False) or "reencode"
    head_frames: int
    copied_frames: int
    tail_frames: int
    reason: str | None  # why the whole clip was re-encoded, when it was
    elapsed_seconds: float


def smart_cut(
    src: Path | str,
    dst: Path | str,
    start: float,
    end: float,
    *,
    keyframes: list[float] | None = None,
    exact: bool = True,
    timeout: float | None = None,
    cancel: threading.Event | None = None,
) -> CutResult:
    """Cut [start, end) of ``src`` (seconds on the source timeline) into the MP4 ``dst``.

    ``keyframes``: keyframe times already known for ``src`` (e.g. from the asset's probe); only
    those may start the copy. Either way the packets around the clip are scanned.
    ``exact=False``: no video is encoded at all; the clip starts on the keyframe at or before
    ``start`` (up to a GOP early) and ends on the last frame a copy can stop at before ``end``
    (a few frames short with B-frames), for previews and drafts that need no frame-exactness.
    The result's ``start``/``end``/``frames`` say what was cut; a source no copy can serve is
    re-encoded instead.
    ``timeout`` bounds each ffmpeg run (default: generous, from the clip length)."""
    src, dst = Path(src), Path(dst)
    if not end > start >= 0:
        raise MediaError(f"invalid cut range {start}..{end}")
    began = time.monotonic()
    limit = timeout or max(60.0, (end - start) * 4 + 60)
    info, level, progressive = _source_facts(src, limit)
    window = scan_window(src, start, end, keyframes=keyframes, timeout=limit)
    plan = plan_cut(
        window, info, start, end,
        keyframes=keyframes, level=level, progressive=progressive, exact=exact,
    )  # fmt: skip
    dst.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".cut-", dir=dst.parent) as scratch:
        tmp = Path(scratch) / f"out{dst.suffix or '.mp4'}"
        if plan.reason is None and not starts_on_idr(src, plan.middle.seek, limit):
            # An open GOP's I-frame is flagged as a keyframe but later frames may still
            # reference the GOP before it: decoded after a join it comes out broken.
            plan = replace(plan, reason="open GOP: the copy would start on a non-IDR keyframe")
        if plan.reason is None:
            _smart(src, tmp, plan, info, Path(scratch), limit, cancel)
            if mismatch := _mismatch(tmp, plan, info, limit):
                log.warning("media.cut.smart_mismatch", src=str(src), reason=mismatch)
                plan = replace(plan, reason=f"smart cut came out wrong: {mismatch}")
        if plan.reason is not None:
            _reencode(src, tmp, plan, info, limit, cancel)
        os.replace(tmp, dst)  # atomic: readers see the old file or the complete new one
    result = CutResult(
        dst, plan.start, plan.end, plan.frames,
        _method(plan, exact),
        plan.head.frames if plan.reason is None else 0,
        plan.middle.frames if plan.reason is None else 0,
        plan.tail.frames if plan.reason is None else 0,
        plan.reason, time.monotonic() - began,
    )  # fmt: skip
    log.info("media.cut.done", src=str(src), dst=str(dst), method=result.method,
             frames=result.frames, reason=result.reason,
             seconds=round(result.elapsed_seconds, 3))  # fmt: skip
    return result


def _method(plan: CutPlan, exact: bool) -> str:
    if plan.reason is not None:
        return "reencode"
    return "smart" if exact else "keyframe"


_facts_lock = threading.Lock()
_facts: dict[tuple[str, int, int], tuple[MediaInfo, str | None, bool]] = {}


def _source_facts(src: Path, timeout: float) -> tuple[MediaInfo, str | None, bool]:
    """Probe and SPS fields of ``src``, kept per file version: cutting ten clips of one source
    asks ffmpeg once instead of ten times."""
    try:
        stat = src.stat()
    except OSError as error:
        raise MediaError(f"no such file: {src}") from error
    key = (str(src.resolve()), stat.st_mtime_ns, stat.st_size)
    with _facts_lock:
        if key in _facts:
            return _facts[key]
    info = probe(src, timeout=timeout)
    if info.video is None:
        raise MediaError(f"{src} has no video stream")
    level, progressive = sps_fields(src, timeout) if info.video.codec == "h264" else (None, True)
    with _facts_lock:
        if len(_facts) >= 16:
            _facts.pop(next(iter(_facts)))
        _facts[key] = (info, level, progressive)
    return info, level, progressive


def _mismatch(out: Path, plan: CutPlan, info: MediaInfo, timeout: float) -> str | None:
    """A cheap demux-only check of the joined file, so that a concat behaving differently in
    some ffmpeg version degrades to a slower re-encode instead of a wrong clip."""
    assert info.video is not None
    packets = scan_packets(out, timeout=timeout)[0]
    if len(packets.pts) != plan.frames:
        return f"{len(packets.pts)} video packets instead of {plan.frames}"
    if not packets.key[0]:
        return "it does not start on a keyframe"
    if any(b <= a for a, b in itertools.pairwise(packets.dts)):
        return "decode timestamps go backwards at a join"
    rotation = probe(out, timeout=timeout).video
    if rotation is None or rotation.rotation != info.video.rotation:
        return "the display rotation was lost"
    return None


def _smart(
    src: Path, tmp: Path, plan: CutPlan, info: MediaInfo, scratch: Path, timeout: float,
    cancel: threading.Event | None,
) -> None:  # fmt: skip
    """Encode the edges, copy the middle and encode the audio at once (each its own ffmpeg; the
    edges are small and decode-bound, so two cores overlap them well), then join them by copy."""
    failed = threading.Event()

    def stopped() -> bool:  # a failed part stops its siblings instead of letting them finish
        return failed.is_set() or is_cancelled(cancel)

    jobs: list[tuple[Callable[..., None], tuple[Any, ...]]] = []
    entries: list[str] = []
    for name, part in (("head", plan.head), ("middle", plan.middle), ("tail", plan.tail)):
        if part.frames == 0:
            continue
        out = scratch / f"{name}.mp4"
        if name == "middle":
            jobs.append((copy_middle, (src, out, part, plan, timeout, stopped)))
        else:
            jobs.append((encode_edge, (src, out, part.seek, part.frames, plan, info, timeout,
                                        stopped)))  # fmt: skip
        entries += [f"file '{quote(out)}'", f"duration {part.duration:.6f}"]
    audio = scratch / "audio.m4a"
    if info.audio is not None:
        jobs.append((encode_audio, (src, audio, plan, timeout, stopped)))
    with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
        futures = [pool.submit(job, *args) for job, args in jobs]
        for future in as_completed(futures):
            if future.exception() is not None:
                failed.set()
    for future in futures:
        future.result()  # the first failure, in plan order
    listing = scratch / "parts.txt"
    listing.write_text("ffconcat version 1.0\n" + "\n".join(entries) + "\n")
    audio_args = ["-i", str(audio), "-map", "1:a:0"] if info.audio is not None else ["-an"]
    args = ["-f", "concat", "-safe", "0", "-i", str(listing), *audio_args[:2], "-map", "0:v:0",
            *audio_args[2:], "-c", "copy", "-video_track_timescale", str(plan.timescale),
            "-movflags", "+faststart", "-map_metadata", "-1", "-y", str(tmp)]  # fmt: skip
    run_ffmpeg(args, what="cut join", timeout=timeout, cancel=cancel)


def _reencode(
    src: Path, tmp: Path, plan: CutPlan, info: MediaInfo, timeout: float,
    cancel: threading.Event | None,
) -> None:  # fmt: skip
    log.info("media.cut.fallback", src=str(src), reason=plan.reason)
    audio = audio_input(src, plan) if info.audio is not None else []
    args = ["-ss", f"{plan.first_seek:.6f}", "-i", str(src), *audio,
            "-map", "0:v:0", "-frames:v", str(plan.frames), "-vf", "setpts=PTS-STARTPTS",
            "-fps_mode", "passthrough", "-c:v", "libx264", "-preset", FULL_PRESET,
            "-crf", str(FULL_CRF), "-pix_fmt", "yuv420p", *_audio_output(info),
            "-movflags", "+faststart", "-map_metadata", "-1", "-y", str(tmp)]  # fmt: skip
    run_ffmpeg(args, what="cut re-encode", timeout=timeout, cancel=cancel)


def _audio_output(info: MediaInfo) -> list[str]:
    if info.audio is None:
        return ["-an"]
    return ["-map", "1:a:0", "-c:a", "aac", "-b:a", AUDIO_BITRATE]
