"""Cutting 10 clips of 30 s frame-exact: our smart cut against moviepy's defaults, clip by clip
in turn (so both see the same machine load), each output checked afterwards, outside the timing.

The clips come from a source of their own: N minutes of 1080p30 x264 veryfast CRF 23 (default
GOP 250) from ffmpeg's ``testsrc2`` with the frame number burned in as a 15-bit barcode along the
top, plus a tone. Exact means the decoded clip shows exactly the frames round(30 * start) ..
round(30 * start) + 899, none skipped or repeated. Also measured: the edge encoder setting against
veryfast (SSIM and speed on one head edge) and the keyframe-aligned copy (``exact=False``).
"""

from __future__ import annotations

import os
import re
import time
from pathlib import Path
from typing import Any

import numpy as np

from bench.media_common import CACHE, FPS, Context, Row, say

WIDTH, HEIGHT, BITS, BLOCK, STRIP = 1920, 1080, 15, 128, 40
CLIPS, SECONDS = 10, 30.0
EDGE_FRAMES = 125  # the average head edge with a GOP of 250
_SSIM = re.compile(r"All:([\d.]+)")


def barcode_source(minutes: float) -> Path:
    from workers.media.runner import run_ffmpeg

    path = CACHE / f"cuts-{minutes:g}min-1080p30.mp4"
    if path.is_file():
        return path
    CACHE.mkdir(exist_ok=True)
    seconds = minutes * 60
    bits = ",".join(
        f"drawbox=x={bit * BLOCK}:y=0:w={BLOCK}:h={STRIP}:color=white:t=fill"
        f":enable='gt(bitand(n,{1 << bit}),0)'"
        for bit in range(BITS)
    )
    say(f"cuts: generating a {minutes:g}-minute 1080p30 barcode source; cached after")
    partial = path.with_suffix(".part.mp4")
    run_ffmpeg(
        [
            *(
                "-f",
                "lavfi",
                "-i",
                f"testsrc2=s={WIDTH}x{HEIGHT}:r={FPS}:d={seconds},"
                f"drawbox=x=0:y=0:w={BITS * BLOCK}:h={STRIP}:color=black:t=fill,{bits}",
            ),
            *("-f", "lavfi", "-i", f"sine=f=440:d={seconds}:sample_rate=48000"),
            *("-c:v", "libx264", "-preset", "veryfast", "-crf", "23", "-pix_fmt", "yuv420p"),
            *("-c:a", "aac", "-b:a", "128k", "-ac", "2", "-y", str(partial)),
        ],
        what="bench cut source",
        timeout=7200,
    )
    partial.replace(path)
    return path


def frame_numbers(path: Path) -> list[int]:
    """The barcode of every decoded frame, in display order."""
    from workers.media.runner import run_ffmpeg

    raw = run_ffmpeg(
        ["-i", str(path), "-map", "0:v:0", "-fps_mode", "passthrough",
         "-vf", f"crop={BITS * BLOCK}:{STRIP}:0:0,scale={BITS * 8}:1:flags=area,format=gray",
         "-f", "rawvideo", "pipe:1"],
        what="bench barcodes", timeout=600,
    ).stdout  # fmt: skip
    rows = np.frombuffer(raw, np.uint8).reshape(-1, BITS * 8)
    bits = rows[:, np.arange(BITS) * 8 + 4] > 128
    return [int(sum(1 << b for b in np.flatnonzero(row))) for row in bits]


def exact(path: Path, start: float) -> bool:
    first = round(start * FPS)
    return frame_numbers(path) == list(range(first, first + round(SECONDS * FPS)))


def edge_quality(src: Path, start: float, scratch: Path) -> dict[str, Any]:
    """One head edge encoded with our edge preset and with veryfast (same CRF, same decode):
    SSIM of ours against veryfast's, and how much sooner ours is."""
    from workers.media.cut import EDGE_CRF, EDGE_PRESET
    from workers.media.runner import run_ffmpeg

    seconds, paths = {}, {}
    for preset in dict.fromkeys([EDGE_PRESET, "veryfast"]):
        paths[preset] = scratch / f"edge-{preset}.mp4"
        began = time.monotonic()
        run_ffmpeg(["-ss", f"{start}", "-i", str(src), "-map", "0:v:0", "-frames:v",
                    str(EDGE_FRAMES), "-c:v", "libx264", "-preset", preset, "-crf", str(EDGE_CRF),
                    "-bf", "3", "-pix_fmt", "yuv420p", "-y", str(paths[preset])],
                   what="bench edge", timeout=600)  # fmt: skip
        seconds[preset] = time.monotonic() - began
    stderr = run_ffmpeg(
        ["-i", str(paths[EDGE_PRESET]), "-i", str(paths["veryfast"]),
         "-lavfi", "[0:v][1:v]ssim", "-f", "null", "-"],
        what="bench ssim", timeout=600, capture_stderr=True,
    ).stderr  # fmt: skip
    match = _SSIM.search(stderr)
    return {
        "preset": EDGE_PRESET,
        "ssim_vs_veryfast": float(match.group(1)) if match else None,
        "speedup_vs_veryfast": round(seconds["veryfast"] / seconds[EDGE_PRESET], 2),
        "size_vs_veryfast": round(
            paths[EDGE_PRESET].stat().st_size / paths["veryfast"].stat().st_size, 2
        ),
    }


def run(ctx: Context) -> dict[str, Any]:
    from core.ffmpeg import find_ffmpeg
    from workers.media.cut import smart_cut

    src = barcode_source(ctx.duration / 60)
    span = ctx.duration - SECONDS - 1
    # Off the keyframe grid and off whole frames: 0.37 s past even steps.
    starts = [round(0.37 + i * span / CLIPS, 3) for i in range(CLIPS)]
    clip_class: Any = None
    if not ctx.skip_baselines:
        os.environ["FFMPEG_BINARY"] = find_ffmpeg()  # moviepy on our binary; read at import
        from moviepy import VideoFileClip

        clip_class = VideoFileClip
    spent = {"ours": 0.0, "moviepy": 0.0, "keyframe": 0.0}
    good = {"ours": 0, "moviepy": 0}
    methods: list[str] = []
    for index, start in enumerate(starts):
        out = ctx.scratch / f"ours-{index}.mp4"
        began = time.monotonic()
        result = smart_cut(src, out, start, start + SECONDS)
        spent["ours"] += time.monotonic() - began
        methods.append(result.method)
        good["ours"] += exact(out, start)
        began = time.monotonic()
        smart_cut(src, ctx.scratch / f"copy-{index}.mp4", start, start + SECONDS, exact=False)
        spent["keyframe"] += time.monotonic() - began
        if clip_class is not None:
            theirs = ctx.scratch / f"moviepy-{index}.mp4"
            began = time.monotonic()
            with clip_class(str(src)) as clip:
                clip.subclipped(start, start + SECONDS).write_videofile(str(theirs), logger=None)
            spent["moviepy"] += time.monotonic() - began
            good["moviepy"] += exact(theirs, start)
        say(f"cuts: clip {index + 1}/{CLIPS} ({result.method}, head {result.head_frames}, "
            f"tail {result.tail_frames})")  # fmt: skip
    results: dict[str, Any] = {
        "ours": {"seconds": round(spent["ours"], 2), "exact": f"{good['ours']}/{CLIPS}",
                 "methods": methods},
        "keyframe_copy": {"seconds": round(spent["keyframe"], 2)},
        "edge": edge_quality(src, starts[0], ctx.scratch),
    }  # fmt: skip
    if clip_class is not None:
        results["moviepy"] = {
            "seconds": round(spent["moviepy"], 2),
            "exact": f"{good['moviepy']}/{CLIPS}",
        }
        results["speed_ratio"] = round(spent["moviepy"] / spent["ours"], 2)
    return results


def rows(result: dict[str, Any]) -> list[Row]:
    ours, theirs = result["ours"], result.get("moviepy")
    ratio, edge = result.get("speed_ratio"), result["edge"]
    ssim = edge["ssim_vs_veryfast"]
    return [
        Row(
            "cut 10 x 30 s frame-exact (s, exact)",
            f"{ours['seconds']} {ours['exact']}",
            f"{theirs['seconds']} {theirs['exact']}" if theirs else "(skipped)",
            ratio,
            ">= 10x",
            None if ratio is None else ratio >= 10 and ours["exact"] == f"{CLIPS}/{CLIPS}",
        ),
        Row(
            f"cut edge SSIM, {edge['preset']} vs veryfast",
            f"{ssim}",
            "veryfast",
            edge["speedup_vs_veryfast"],
            "SSIM >= 0.98",
            ssim is not None and ssim >= 0.98,
        ),
        Row("cut 10 x 30 s keyframe-aligned copy (s)", f"{result['keyframe_copy']['seconds']}"),
    ]
