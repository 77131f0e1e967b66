"""Cutting clips out of a long video: our smart cut against moviepy (and a plain stream copy for
reference), and the realtime factor of one vertical render.

The source is generated once and cached under ``bench/.cache/``: an N-minute 1080p30 H.264
(x264 veryfast, CRF 23, default GOP of 250) from ffmpeg's busy ``testsrc2`` pattern with the
frame number burned in as a 15-bit barcode along the top (white 128 px blocks), plus a tone.
Each clip is checked for frame-exactness by decoding it and reading the barcodes: exact means
exactly round(30 * seconds) frames, starting at the requested frame, none skipped or repeated.

moviepy runs with its defaults (``VideoFileClip(src).subclipped(a, b).write_videofile(out)``)
but on the same ffmpeg binary as ours. Install it with ``pip install -e .[bench]``.

Run: ``python -m bench.cut`` (``--minutes 3`` for a quicker source, ``--no-moviepy`` to skip it).
Prints a table and writes ``bench/results/cut.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import tempfile
import time
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

from core.ffmpeg import find_ffmpeg
from workers.media.cut import smart_cut
from workers.media.reframe import follow_subject
from workers.media.render import render_variant

ROOT = Path(__file__).resolve().parent
CACHE = ROOT / ".cache"
DEFAULT_OUTPUT = ROOT / "results" / "cut.json"
FPS, WIDTH, HEIGHT, BITS, BLOCK, STRIP = 30, 1920, 1080, 15, 128, 40
BENCH_RULES: dict[str, Any] = {  # PLATFORM_RULES_V1["instagram"], without importing alembic
    "video_codec": "h264", "profile": "high", "pixel_format": "yuv420p", "width": 1080,
    "height": 1920, "fps": 30, "min_fps": 23, "max_fps": 60, "audio_codec": "aac",
    "audio_sample_rate": 48000, "audio_channels": 2, "audio_bitrate_kbps": 128,
    "faststart": True, "min_duration_seconds": 3, "max_duration_seconds": 900,
    "max_video_bitrate_kbps": 25000, "target_video_bitrate_kbps": 8000,
    "max_size_bytes": 300 * 1024 * 1024,
    "safe_area": {"top": 0.14, "bottom": 0.30, "left": 0.06, "right": 0.12},
}  # fmt: skip


@dataclass
class ClipRun:
    method: str
    start: float
    seconds: float
    frames: int
    expected: int
    first_frame: int | None
    expected_first: int
    exact: bool


def ffmpeg(*args: str, timeout: float = 3600) -> bytes:
    command = [find_ffmpeg(), "-hide_banner", "-nostdin", "-v", "error", *args]
    return subprocess.run(command, check=True, capture_output=True, timeout=timeout).stdout


def source(minutes: float) -> Path:
    """The cached source; generated (atomically) when missing."""
    path = CACHE / f"source-{minutes:g}min-1080p30.mp4"
    if path.is_file():
        return path
    CACHE.mkdir(parents=True, exist_ok=True)
    seconds = minutes * 60
    bits = ",".join(
        f"drawbox=x={bit * BLOCK}:y=0:w={BLOCK}:h={STRIP}:color=white:t=fill"
        f":enable='gt(bitand(n,{1 << bit}),0)'"
        for bit in range(BITS)
    )
    began = time.monotonic()
    print(f"generating a {minutes:g}-minute 1080p30 source (cached in {CACHE}) ...", flush=True)
    partial = path.with_suffix(".part.mp4")
    ffmpeg("-f", "lavfi", "-i", f"testsrc2=s={WIDTH}x{HEIGHT}:r={FPS}:d={seconds},"
           f"drawbox=x=0:y=0:w={BITS * BLOCK}:h={STRIP}:color=black:t=fill,{bits}",
           "-f", "lavfi", "-i", f"sine=f=440:d={seconds}:sample_rate=48000",
           "-c:v", "libx264", "-preset", "veryfast", "-crf", "23", "-pix_fmt", "yuv420p",
           "-c:a", "aac", "-b:a", "128k", "-ac", "2", "-y", str(partial))  # fmt: skip
    partial.rename(path)
    print(f"  generated in {time.monotonic() - began:.0f} s", flush=True)
    return path


def barcodes(path: Path) -> list[int]:
    """Frame numbers read back from the decoded clip, in display order."""
    raw = ffmpeg("-i", str(path), "-map", "0:v:0", "-fps_mode", "passthrough",
                 "-vf", f"crop={BITS * BLOCK}:{STRIP}:0:0,scale={BITS * 8}:1:flags=area,"
                 "format=gray", "-f", "rawvideo", "pipe:1")  # fmt: skip
    rows = np.frombuffer(raw, np.uint8).reshape(-1, BITS * 8)
    bits = rows[:, np.arange(BITS) * 8 + 4] > 128
    return [int(sum(1 << b for b in np.flatnonzero(row))) for row in bits]


def verify(method: str, path: Path, start: float, seconds: float, elapsed: float) -> ClipRun:
    codes = barcodes(path)
    first, expected = round(start * FPS), round(seconds * FPS)
    exact = codes == list(range(first, first + expected))
    return ClipRun(method, start, elapsed, len(codes), expected, codes[0] if codes else None,
                   first, exact)  # fmt: skip


def run_ours(src: Path, out: Path, start: float, seconds: float) -> float:
    began = time.monotonic()
    smart_cut(src, out, start, start + seconds)
    return time.monotonic() - began


def run_copy(src: Path, out: Path, start: float, seconds: float) -> float:
    began = time.monotonic()
    ffmpeg("-ss", f"{start}", "-i", str(src), "-t", f"{seconds}", "-c", "copy", "-y", str(out))
    return time.monotonic() - began


def run_moviepy(src: Path, out: Path, start: float, seconds: float) -> float:
    os.environ["FFMPEG_BINARY"] = find_ffmpeg()  # same binary as ours; read at import
    from moviepy import VideoFileClip

    began = time.monotonic()
    with VideoFileClip(str(src)) as clip:
        clip.subclipped(start, start + seconds).write_videofile(str(out), logger=None)
    return time.monotonic() - began


def render_once(src: Path, start: float, seconds: float, scratch: Path) -> dict[str, Any]:
    began = time.monotonic()
    path = follow_subject(src, start=start, end=start + seconds)
    reframe = time.monotonic() - began
    captions = [(start + k * 3.0, start + k * 3.0 + 2.5, f"Caption number {k} for the bench")
                for k in range(int(seconds // 3))]  # fmt: skip
    result = render_variant(src, scratch / "vertical.mp4", start=start, end=start + seconds,
                            rules=BENCH_RULES, crop_path=path, captions=captions,
                            cover_path=scratch / "cover.jpg",
                            preview_path=scratch / "preview.mp4")  # fmt: skip
    return {"seconds": seconds, "reframe_seconds": round(reframe, 2),
            "reframe_realtime": round(seconds / reframe, 2),
            "render_seconds": round(result.elapsed_seconds, 2),
            "render_realtime": round(result.realtime_factor, 2),
            "captions": result.captions_filter, "violations": result.violations}  # fmt: skip


def summary(runs: list[ClipRun]) -> dict[str, Any]:
    total = sum(r.seconds for r in runs)
    media = sum(r.expected for r in runs) / FPS
    return {
        "clips": len(runs), "total_seconds": round(total, 2),
        "per_clip_seconds": round(total / len(runs), 2), "realtime": round(media / total, 1),
        "exact": sum(r.exact for r in runs),
        "frames": f"{min(r.frames for r in runs)}-{max(r.frames for r in runs)}",
        "start_offsets": sorted({(r.first_frame or 0) - r.expected_first for r in runs}),
    }  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--clips", type=int, default=10)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--no-moviepy", action="store_true")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args(argv)
    src = source(args.minutes)
    span = args.minutes * 60 - args.seconds - 1
    # Starts deliberately off the keyframe grid and off whole frames: 0.37 s past even steps.
    starts = [round(0.37 + i * span / args.clips, 3) for i in range(args.clips)]
    methods = {"smart_cut": run_ours, "ffmpeg -c copy": run_copy}
    if not args.no_moviepy:
        methods["moviepy defaults"] = run_moviepy
    results: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="bench-cut-") as tmp:
        scratch = Path(tmp)
        for name, run in methods.items():
            runs = []
            for n, start in enumerate(starts):
                out = scratch / f"clip-{n}.mp4"
                elapsed = run(src, out, start, args.seconds)
                runs.append(verify(name, out, start, args.seconds, elapsed))
                out.unlink()
                print(f"  {name:17} clip {n}: {elapsed:6.2f} s, {runs[-1].frames} frames, "
                      f"exact={runs[-1].exact}", flush=True)  # fmt: skip
            results[name] = {"summary": summary(runs), "clips": [asdict(r) for r in runs]}
        results["vertical render"] = render_once(src, starts[1], args.seconds, scratch)
    print_table(results, args)
    machine = {"cpus": os.cpu_count(), "python": platform.python_version(),
               "ffmpeg": find_ffmpeg(), "load_average": os.getloadavg()}  # fmt: skip
    report = {"when": datetime.now(UTC).isoformat(timespec="seconds"), "machine": machine,
              "source_minutes": args.minutes, "clip_seconds": args.seconds,
              "results": results}  # fmt: skip
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(report, indent=2) + "\n")
    return 0


def print_table(results: dict[str, Any], args: argparse.Namespace) -> None:
    print(f"\n{args.clips} clips x {args.seconds:g} s from a {args.minutes:g}-minute 1080p30 "
          f"source ({os.cpu_count()} CPUs)")  # fmt: skip
    header = f"{'method':18} {'total s':>8} {'per clip':>9} {'x RT':>6} {'exact':>6} " \
             f"{'frames':>10}  start offsets (frames)"  # fmt: skip
    print(header)
    print("-" * len(header))
    ours = results["smart_cut"]["summary"]["total_seconds"]
    for name, data in results.items():
        if name == "vertical render":
            continue
        s = data["summary"]
        print(f"{name:18} {s['total_seconds']:8.1f} {s['per_clip_seconds']:9.2f} "
              f"{s['realtime']:6.1f} {s['exact']:>3}/{s['clips']:<2} {s['frames']:>10}  "
              f"{s['start_offsets']}")  # fmt: skip
        if name != "smart_cut":
            print(f"{'':18} smart_cut is {s['total_seconds'] / ours:.1f}x faster"
                  if s["total_seconds"] > ours else
                  f"{'':18} {ours / s['total_seconds']:.1f}x faster than smart_cut")  # fmt: skip
    render = results["vertical render"]
    print(f"\none {render['seconds']:g} s vertical 1080x1920 variant (captions, cover, preview): "
          f"render {render['render_seconds']} s = {render['render_realtime']}x realtime; "
          f"reframe analysis {render['reframe_seconds']} s = {render['reframe_realtime']}x "
          f"realtime; violations: {render['violations'] or 'none'}")  # fmt: skip


if __name__ == "__main__":
    raise SystemExit(main())
