"""Rendering one vertical variant of a clip, in a single ffmpeg pass.

One decode feeds three outputs: the 1080x1920 upload file (H.264 High, yuv420p, CFR, AAC 48 kHz
stereo, faststart, VBV-capped), a small low-bitrate preview for the dashboard and a few cover
candidates around a third of the clip (the sharpest one is kept). The encode dominates the time
(docs/media.md, "Measured speed"), so decoding once and scaling the cover/preview from the same
frames is the cheap way to get all three. Outputs are written to temporary names beside their
targets and renamed into place, so a reader never sees half a file."""

from __future__ import annotations

import os
import secrets
import shutil
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import structlog

from core.caption_presets import CaptionStyle
from workers.media._captions import (
    CaptionsUnavailable,
    caption_filter_kind,
    clip_captions,
    drawtext_filters,
    subtitles_filter,
    write_ass,
)
from workers.media._graph import cover_frames, cover_select, crop_filter
from workers.media.caption_layout import CaptionEvent
from workers.media.check import check_output
from workers.media.encoding import RENDER_X264, X264
from workers.media.errors import MediaError
from workers.media.info import MediaInfo
from workers.media.probe import probe
from workers.media.reframe import CropPath
from workers.media.removals import kept_segments, remap_events, remap_keypoints
from workers.media.runner import ProgressCallback, run_ffmpeg

__all__ = ["CaptionsUnavailable", "RenderResult", "check_output", "render_variant"]

log = structlog.get_logger(__name__)

PREVIEW_WIDTH = 360
PREVIEW_KBPS = 500
PREVIEW_AUDIO = "64k"
COVER_CANDIDATES = 5


@dataclass(frozen=True)
class RenderResult:
    path: Path
    cover_path: Path | None
    preview_path: Path | None
    duration: float
    truncated: bool  # the clip was longer than the platform allows and was cut short
    captions_filter: str | None  # "subtitles", "drawtext" or None (no captions asked for)
    crop: str  # the crop filter used (for the record and for debugging)
    elapsed_seconds: float
    realtime_factor: float
    violations: list[str]  # check_output() of the result: empty when it meets the rules
    cover_offset_ms: int | None = None  # the cover frame's time in the clip


def render_variant(
    src: Path | str,
    dst: Path | str,
    *,
    start: float,
    end: float,
    rules: dict[str, Any],
    crop_path: CropPath | Sequence[tuple[float, float]] | None = None,
    captions: Sequence[CaptionEvent] | None = None,
    caption_style: CaptionStyle | None = None,
    cover_path: Path | str | None = None,
    preview_path: Path | str | None = None,
    progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
    timeout: float | None = None,
    caption_area: dict[str, float] | None = None,
    encoder: X264 = RENDER_X264,
    removed: Sequence[tuple[float, float]] | None = None,
) -> RenderResult:
    """Render [start, end) of ``src`` (source seconds) for one platform's ``rules``.

    ``crop_path``: (seconds from ``start``, centre x / width) keypoints, e.g. from
    ``reframe.follow_subject``; None centres the crop. ``captions``: events on the source
    timeline (workers/media/caption_layout.py), burned in with ``caption_style`` inside
    ``caption_area`` (margins as fractions of the frame), by default ``rules["safe_area"]``.
    ``removed``: (start, end) source ranges cut out of the clip (workers/media/removals.py), in
    the same pass; the output then lasts the kept segments' total. ``progress`` gets 0..1."""
    began = time.monotonic()
    src, dst = Path(src), Path(dst)
    info = probe(src)
    if info.video is None:
        raise MediaError(f"{src} has no video stream")
    stop = min(end, info.duration) if info.duration else end
    if not stop > start >= 0:
        raise MediaError(f"invalid render range {start}..{end} for a {info.duration} s source")
    kept = kept_segments(start, stop, removed)
    # Offsets into the input (its -ss puts the clip's start at 0); one whole segment: no cuts.
    segments = [(a - start, b - start) for a, b in kept] if kept != [(start, stop)] else None
    played = sum(b - a for a, b in kept)
    duration = min(played, float(rules["max_duration_seconds"]))
    points = crop_path.keypoints if isinstance(crop_path, CropPath) else crop_path
    if segments is None:
        clipped = clip_captions(captions or [], start, duration)
    else:  # crop keypoints and captions move onto the played timeline, seconds from 0
        points = remap_keypoints(points, start, removed)
        clipped = clip_captions(remap_events(captions or [], start, removed), 0.0, duration)
    kind = caption_filter_kind() if clipped else None  # fails before any encoding starts
    targets = {"main": dst, "preview": _opt(preview_path), "cover": _opt(cover_path)}
    scratch = Path(tempfile.mkdtemp(prefix="stakazo-render-"))  # plain path: safe in filters
    temps = {name: _temp_beside(path) for name, path in targets.items() if path is not None}
    try:
        area = caption_area or rules["safe_area"]
        if kind == "subtitles":  # one script for both sizes: libass scales it to each frame
            write_ass(scratch / "captions.ass", clipped, int(rules["width"]),
                      int(rules["height"]), area, caption_style)  # fmt: skip
        args, crop = _command(src, info, start, duration, rules, points, clipped, kind, area,
                              encoder, scratch, temps, segments, stop - start)  # fmt: skip
        run_ffmpeg(args, what="render", timeout=timeout or max(120.0, duration * 8),
                   progress=_fraction_of(duration, progress), cancel=cancel)  # fmt: skip
        if progress is not None:
            progress(1.0)
        cover_ms = None
        if "cover" in temps:
            # Where the cover is in the clip: platforms that pick their cover by time get it.
            frame = cover_frames(duration, rules["fps"], COVER_CANDIDATES)[
                _pick_cover(scratch, temps["cover"])
            ]
            cover_ms = int(frame * 1000 / float(rules["fps"]))
        for name, temp in temps.items():
            target = targets[name]
            assert target is not None
            os.replace(temp, target)
    finally:
        for temp in temps.values():
            temp.unlink(missing_ok=True)
        shutil.rmtree(scratch, ignore_errors=True)
    elapsed = time.monotonic() - began
    violations = check_output(dst, rules)
    result = RenderResult(
        dst, targets["cover"], targets["preview"], duration, played > duration, kind,
        crop, elapsed, duration / elapsed if elapsed else 0.0, violations, cover_ms,
    )  # fmt: skip
    log.info("media.render.done", src=str(src), dst=str(dst), duration=round(duration, 3),
             seconds=round(elapsed, 2), realtime=round(result.realtime_factor, 2),
             captions=kind, violations=violations)  # fmt: skip
    return result


def _fraction_of(duration: float, progress: ProgressCallback | None) -> ProgressCallback | None:
    """ffmpeg reports seconds of output; callers of a render want the fraction done, 0..1."""
    if progress is None or duration <= 0:
        return None
    report = progress
    return lambda seconds: report(min(1.0, max(0.0, seconds / duration)))


def _opt(path: Path | str | None) -> Path | None:
    return Path(path) if path is not None else None


def _temp_beside(path: Path) -> Path:
    """A hidden name in the target's directory (same filesystem, so the rename is atomic). Only
    named, not created: ffmpeg creates it with the usual permissions, mkstemp would use 0600."""
    path.parent.mkdir(parents=True, exist_ok=True)
    return path.parent / f".{path.name}.{secrets.token_hex(6)}.part"


def _command(
    src: Path, info: MediaInfo, start: float, duration: float, rules: dict[str, Any],
    points: Sequence[tuple[float, float]] | None, captions: list[CaptionEvent], kind: str | None,
    area: dict[str, float], encoder: X264, scratch: Path, temps: dict[str, Path],
    segments: list[tuple[float, float]] | None = None, span: float | None = None,
) -> tuple[list[str], str]:  # fmt: skip
    width, height, fps = int(rules["width"]), int(rules["height"]), rules["fps"]
    crop = crop_filter(points)
    assert info.video is not None
    if info.video.sar != 1:  # anamorphic: square the pixels first, or 9:16 would come out wrong
        crop = f"scale='trunc(iw*sar/2)*2':ih,setsar=1,{crop}"
    # With cuts the input runs the clip's whole span: the kept segments are trimmed out of it.
    read = duration if segments is None else float(span or duration)
    inputs = ["-ss", f"{start:.6f}", "-t", f"{read:.6f}", "-i", str(src)]
    video_in, audio_in = "[0:v:0]", "[0:a:0]"
    if info.audio is None:  # platforms expect an audio track: give silent clips a silent one
        inputs += ["-f", "lavfi", "-t", f"{duration:.6f}", "-i",
                   f"anullsrc=r={rules['audio_sample_rate']}:cl=stereo"]  # fmt: skip
        audio_in = "[1:a]"
    graph: list[str] = []
    if segments is not None:
        graph += _cut_out(segments, with_audio=info.audio is not None)
        video_in = "[vcat]"
        audio_in = "[acat]" if info.audio is not None else audio_in
    cover, preview = "cover" in temps, "preview" in temps
    pw = PREVIEW_WIDTH
    ph = round(pw * height / width / 2) * 2
    # The preview is scaled down from the crop, not from the 1080x1920 upscale: a ninth of the
    # pixels to scale; scaled from the upscale, the preview cost nearly a quarter of a render.
    graph.append(f"{video_in}{crop},fps={fps}" + (",split=2[big][small]" if preview else "[big]"))
    # out_range pins limited range: newer ffmpeg negotiates range across split branches, and
    # the JPEG encoder's full range would otherwise leak into the upload (yuvj420p).
    split = ",split=2[base][cov]" if cover else "[base]"
    graph.append(f"[big]scale={width}:{height}:flags={encoder.scale_flags}"
                 f":out_range=tv,setsar=1,format=yuv420p{split}")  # fmt: skip
    graph.append(_burn_in("[base]", "[vmain]", kind, captions, scratch, width, height, area))
    if preview:
        graph.append(f"[small]scale={pw}:{ph}:out_range=tv,setsar=1,format=yuv420p[psmall]")
        graph.append(_burn_in("[psmall]", "[vprev]", kind, captions, scratch, pw, ph, area))
    # apad to the exact clip length: a source whose audio ends early still fills the clip;
    # bounded, so no branch of the graph ever produces without end
    graph.append(f"{audio_in}aresample={rules['audio_sample_rate']},"
                 f"aformat=sample_fmts=fltp:channel_layouts=stereo,apad=whole_dur={duration:.6f}"
                 + (",asplit=2[amain][aprev]" if preview else "[amain]"))  # fmt: skip
    if cover:
        select, _ = cover_select(duration, fps, COVER_CANDIDATES)
        graph.append(f"[cov]{select},scale=out_range=pc[vcov]")
    target = int(rules["target_video_bitrate_kbps"])
    audio = ["-c:a", "aac", "-ar", str(rules["audio_sample_rate"]),
             "-ac", str(rules["audio_channels"])]  # fmt: skip
    args = [*inputs, "-filter_complex", ";".join(graph),
            "-map", "[vmain]", "-map", "[amain]", *encoder.args(),
            "-profile:v", "high", "-pix_fmt", "yuv420p",
            "-maxrate", f"{target}k", "-bufsize", f"{target * 2}k", "-g", str(int(fps * 2)),
            "-fps_mode", "cfr", *audio, "-b:a", f"{rules['audio_bitrate_kbps']}k",
            "-t", f"{duration:.6f}", "-movflags", "+faststart", "-map_metadata", "-1",
            "-f", "mp4", "-y", str(temps["main"])]  # fmt: skip
    if preview:
        args += ["-map", "[vprev]", "-map", "[aprev]", "-c:v", "libx264",
                 "-preset", encoder.preset, "-b:v", f"{PREVIEW_KBPS}k",
                 "-maxrate", f"{PREVIEW_KBPS * 6 // 5}k",
                 "-bufsize", f"{PREVIEW_KBPS * 2}k", "-profile:v", "main", "-pix_fmt", "yuv420p",
                 "-fps_mode", "cfr", *audio, "-b:a", PREVIEW_AUDIO, "-t", f"{duration:.6f}",
                 "-movflags", "+faststart", "-map_metadata", "-1", "-f", "mp4", "-y",
                 str(temps["preview"])]  # fmt: skip
    if "cover" in temps:
        # passthrough: a CFR image output would repeat the selected frames to fill the gaps
        # no -frames:v: select already keeps just the candidates, and an output that finishes
        # early would leave its branch of the graph queueing frames nobody reads
        args += ["-map", "[vcov]", "-fps_mode", "passthrough", "-q:v", "2",
                 "-f", "image2", "-y", str(scratch / "cover-%02d.jpg")]  # fmt: skip
    return args, crop


def _cut_out(segments: list[tuple[float, float]], *, with_audio: bool) -> list[str]:
    """Filtergraph pieces that play only ``segments`` (seconds into the input) back to back, as
    [vcat] (and [acat]): each segment trimmed from its own copy of the stream and its clock
    restarted, then concatenated. Before the crop and captions, which then see one clip."""
    count = len(segments)
    graph = ["[0:v:0]split=" + str(count) + "".join(f"[vin{i}]" for i in range(count))]
    if with_audio:
        graph.append("[0:a:0]asplit=" + str(count) + "".join(f"[ain{i}]" for i in range(count)))
    joined = ""
    for i, (a, b) in enumerate(segments):
        graph.append(f"[vin{i}]trim=start={a:.6f}:end={b:.6f},setpts=PTS-STARTPTS[vseg{i}]")
        joined += f"[vseg{i}]"
        if with_audio:
            graph.append(f"[ain{i}]atrim=start={a:.6f}:end={b:.6f},asetpts=PTS-STARTPTS[aseg{i}]")
            joined += f"[aseg{i}]"
    outputs = "[vcat][acat]" if with_audio else "[vcat]"
    graph.append(f"{joined}concat=n={count}:v=1:a={1 if with_audio else 0}{outputs}")
    return graph


def _burn_in(
    into: str, out: str, kind: str | None, captions: list[CaptionEvent], scratch: Path,
    width: int, height: int, area: dict[str, float],
) -> str:  # fmt: skip
    """The captions drawn on one branch at its own size: the ASS script scales itself (its
    PlayRes is the upload's size), drawtext is laid out again for the size."""
    if kind == "subtitles":
        return f"{into}{subtitles_filter(scratch / 'captions.ass')}{out}"
    if kind == "drawtext":
        return f"{into}{drawtext_filters(captions, scratch, width, height, area)}{out}"
    return f"{into}null{out}"


def _pick_cover(scratch: Path, target: Path) -> int:
    """Keep the sharpest candidate (variance of the Laplacian: blur and motion smear lower it);
    returns its place among the candidates."""
    import cv2

    candidates = sorted(scratch.glob("cover-*.jpg"))
    if not candidates:
        raise MediaError("the render produced no cover frame")

    def sharpness(path: Path) -> float:
        image = cv2.imread(str(path), cv2.IMREAD_GRAYSCALE)
        return float(cv2.Laplacian(image, cv2.CV_64F).var()) if image is not None else -1.0

    best = max(range(len(candidates)), key=lambda index: sharpness(candidates[index]))
    shutil.copyfile(candidates[best], target)
    return best
