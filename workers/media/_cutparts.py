"""The parts of a smart cut as ffmpeg runs: reading the source's SPS, encoding an edge that
joins the copied middle, copying the middle, encoding the clip's audio."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from workers.media._cutplan import CutPlan, Part
from workers.media.info import MediaInfo
from workers.media.runner import CancelSignal, run_ffmpeg

# Edges are small and sit next to untouched source frames: CRF 17 keeps them visually lossless,
# and superfast encodes them ~1.7x sooner than veryfast at SSIM >= 0.99 against a veryfast edge
# (bench/media_cuts.py measures it on every run).
EDGE_PRESET = "superfast"
EDGE_CRF = 17
AUDIO_BITRATE = "192k"
_LEVEL = re.compile(r"\blevel_idc\s+[01]+ = (\d+)")  # trace_headers: name, bits, value
_IDR = re.compile(r"\bnal_unit_type\s+[01]+ = 5\b")
_X264_PROFILES = {
    "constrained baseline": "baseline",
    "baseline": "baseline",
    "main": "main",
    "high": "high",
    "high 10": "high10",
    "high 4:2:2": "high422",
    "high 4:4:4 predictive": "high444",
}


def sps_fields(src: Path, timeout: float) -> tuple[str | None, bool]:
    """The source SPS's H.264 level (for the edges' ``-level``) and whether it is progressive
    (``frame_mbs_only_flag``), read with the trace_headers bitstream filter."""
    args = ["-i", str(src), "-map", "0:v:0", "-c", "copy", "-frames:v", "1",
            "-bsf:v", "trace_headers", "-f", "null", "-"]  # fmt: skip
    # One packet, but an SEI is traced byte by byte: keep the whole stderr, the SPS comes first.
    result = run_ffmpeg(args, what="sps scan", timeout=timeout, check=False, capture_stderr=True)
    level: str | None = None
    if match := _LEVEL.search(result.stderr):
        idc = int(match.group(1))
        level = "1b" if idc == 9 else f"{idc // 10}.{idc % 10}"
    progressive = not re.search(r"\bframe_mbs_only_flag\s+0 = 0", result.stderr)
    return level, progressive


def starts_on_idr(src: Path, inpoint: float, timeout: float) -> bool:
    """Whether the first packet a copy from ``inpoint`` takes (the same concat seek as the copy
    itself) holds an IDR slice (NAL unit type 5)."""
    listing = f"ffconcat version 1.0\nfile '{quote(src)}'\ninpoint {inpoint:.6f}\n"
    with tempfile.NamedTemporaryFile("w", suffix=".txt", prefix=".cut-") as file:
        file.write(listing)
        file.flush()
        args = ["-f", "concat", "-safe", "0", "-i", file.name, "-map", "0:v:0", "-c", "copy",
                "-frames:v", "1", "-bsf:v", "trace_headers", "-f", "null", "-"]  # fmt: skip
        result = run_ffmpeg(args, what="idr check", timeout=timeout, check=False,
                            capture_stderr=True)  # fmt: skip
    return bool(_IDR.search(result.stderr))


def color_args(info: MediaInfo) -> list[str]:
    assert info.video is not None
    names = {"range": "-color_range", "space": "-colorspace", "primaries": "-color_primaries",
             "trc": "-color_trc"}  # fmt: skip
    args: list[str] = []
    for key, option in names.items():
        value = info.video.color.get(key)
        if value and value not in ("unknown", "reserved"):
            args += [option, value]
    return args


def edge_args(plan: CutPlan, info: MediaInfo) -> list[str]:
    """Encoder settings that make the edges concatenable with the copied middle."""
    assert info.video is not None
    profile = _X264_PROFILES[(info.video.profile or "high").lower()]
    # The reorder delay (pts - dts in frames) must equal the source's, or dts would step back
    # at a join: x264 delays by 0 without B-frames, 1 without a pyramid, 2 with one.
    bframes = {0: ["-bf", "0"], 1: ["-bf", "1", "-b_strategy", "0"], 2: ["-bf", "3"]}
    args = ["-c:v", "libx264", "-preset", EDGE_PRESET, "-crf", str(EDGE_CRF),
            "-profile:v", profile, "-pix_fmt", str(info.video.pixel_format),
            *bframes[plan.delay_frames], *color_args(info)]  # fmt: skip
    if plan.delay_frames == 1:
        args += ["-x264-params", "b-pyramid=none"]
    if plan.level:
        args += ["-level:v", plan.level]
    return args


def encode_edge(
    src: Path, out: Path, seek: float, frames: int, plan: CutPlan, info: MediaInfo,
    timeout: float, cancel: CancelSignal | None,
) -> None:  # fmt: skip
    # -noautorotate: the copied middle keeps its coded orientation, so the edges must too.
    args = ["-noautorotate", "-ss", f"{seek:.6f}", "-i", str(src), "-map", "0:v:0",
            "-frames:v", str(frames), "-vf", "setpts=PTS-STARTPTS", "-fps_mode", "passthrough",
            *edge_args(plan, info), "-video_track_timescale", str(plan.timescale),
            "-an", "-sn", "-dn", "-map_metadata", "-1", "-y", str(out)]  # fmt: skip
    run_ffmpeg(args, what="cut edge encode", timeout=timeout, cancel=cancel)


def copy_middle(
    src: Path, out: Path, part: Part, plan: CutPlan, timeout: float,
    cancel: CancelSignal | None,
) -> None:  # fmt: skip
    """Stream-copy the GOP-aligned middle into its own video-only file: the final concat
    matches streams by index, and the source's video need not be its stream 0."""
    lines = ["ffconcat version 1.0", f"file '{quote(src)}'", f"inpoint {part.seek:.6f}"]
    if part.outpoint is not None:
        lines.append(f"outpoint {part.outpoint:.6f}")
    listing = out.with_suffix(".txt")
    listing.write_text("\n".join(lines) + "\n")
    args = ["-f", "concat", "-safe", "0", "-i", str(listing), "-map", "0:v:0", "-c", "copy",
            "-frames:v", str(part.frames), "-video_track_timescale", str(plan.timescale),
            "-an", "-sn", "-dn", "-y", str(out)]  # fmt: skip
    run_ffmpeg(args, what="cut middle copy", timeout=timeout, cancel=cancel)


def encode_audio(
    src: Path, out: Path, plan: CutPlan, timeout: float, cancel: CancelSignal | None
) -> None:
    """The audio of the clip's span, sample-exact (a copy could only cut on AAC frames)."""
    args = [*audio_input(src, plan), "-map", "0:a:0", "-vn", "-sn", "-dn", "-c:a", "aac",
            "-b:a", AUDIO_BITRATE, "-map_metadata", "-1", "-y", str(out)]  # fmt: skip
    run_ffmpeg(args, what="cut audio encode", timeout=timeout, cancel=cancel)


def audio_input(src: Path, plan: CutPlan) -> list[str]:
    """The source as an input trimmed sample-exactly to the video's span."""
    return ["-ss", f"{plan.start:.6f}", "-t", f"{plan.end - plan.start:.6f}", "-i", str(src)]


def quote(path: Path) -> str:
    """ffconcat quoting: single quotes, with an embedded ' written as '\\''."""
    return str(path.resolve()).replace("'", "'\\''")
