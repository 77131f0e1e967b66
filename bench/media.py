"""Media benchmark: our pipeline against the usual tools, side by side on this machine.

    python -m bench.media [--minutes 10] [--skip-moviepy]

It generates (and caches) a 1080p30 video with known hard cuts and silent gaps, then measures
shot detection against PySceneDetect, cutting 10 clips against moviepy, one vertical render,
and the whole path from a stored upload to 10 rendered vertical clips.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent
CACHE = ROOT / ".cache"
RESULTS = ROOT / "results" / "media.json"
SOURCES = ["testsrc2", "smptehdbars", "mandelbrot", "rgbtestsrc", "cellauto", "life", "testsrc"]
FPS = 30
TOLERANCE_FRAMES = 2


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def build_source(
    minutes: float, seed: int = 7
) -> tuple[Path, list[float], list[tuple[float, float]]]:
    """Segments of different test patterns (each boundary a hard cut), tones with a silent gap
    at the start of every other segment. Cached by length; the ground truth is saved beside."""
    from workers.media.runner import run_ffmpeg

    CACHE.mkdir(exist_ok=True)
    video = CACHE / f"source-{minutes:g}min-v2.mp4"
    truth_file = video.with_suffix(".json")
    if video.exists() and truth_file.exists():
        truth = json.loads(truth_file.read_text())
        return video, truth["cuts"], [tuple(s) for s in truth["silences"]]
    rng = random.Random(seed)
    total, segments = minutes * 60, list[tuple[str, float]]()
    while sum(d for _, d in segments) < total:
        # Whole frames only: a duration between frames would shift every later cut.
        frames = rng.randint(4 * FPS, 16 * FPS)
        segments.append((SOURCES[len(segments) % len(SOURCES)], frames / FPS))
    inputs, chains, cuts, silences, clock = [], [], [], [], 0.0
    for index, (name, seconds) in enumerate(segments):
        inputs += ["-t", f"{seconds:.6f}", "-f", "lavfi", "-i", f"{name}=size=1920x1080:rate={FPS}"]
        tone = 220 + 40 * index
        quiet = "volume=0:enable='lt(t,1.2)'," if index % 2 else ""
        inputs += [
            "-f",
            "lavfi",
            "-i",
            f"sine=frequency={tone}:sample_rate=48000:duration={seconds}",
        ]
        chains.append(
            f"[{2 * index}:v]format=yuv420p,setsar=1[v{index}];"
            f"[{2 * index + 1}:a]{quiet}anull[a{index}]"
        )
        if index:
            cuts.append(round(clock, 3))
        if index % 2:
            silences.append((round(clock, 3), round(clock + 1.2, 3)))
        clock += seconds
    joined = "".join(f"[v{i}][a{i}]" for i in range(len(segments)))
    graph = ";".join(chains) + f";{joined}concat=n={len(segments)}:v=1:a=1[v][a]"
    say(f"generating a {minutes:g}-minute 1080p30 source ({len(segments)} shots); cached after")
    partial = video.with_suffix(".part.mp4")
    run_ffmpeg(
        [
            *inputs,
            "-filter_complex",
            graph,
            "-map",
            "[v]",
            "-map",
            "[a]",
            "-c:v",
            "libx264",
            "-preset",
            "veryfast",
            "-crf",
            "23",
            "-c:a",
            "aac",
            "-movflags",
            "+faststart",
            "-y",
            str(partial),
        ],
        timeout=7200,
    )
    partial.replace(video)
    truth_file.write_text(json.dumps({"cuts": cuts, "silences": silences}))
    return video, cuts, silences


def precision_recall(found: list[float], truth: list[float]) -> tuple[float, float]:
    tolerance = TOLERANCE_FRAMES / FPS + 1e-3
    hits = sum(1 for t in found if any(abs(t - x) <= tolerance for x in truth))
    caught = sum(1 for x in truth if any(abs(t - x) <= tolerance for t in found))
    return (hits / len(found) if found else 1.0), (caught / len(truth) if truth else 1.0)


def bench_shots(video: Path, truth: list[float]) -> dict[str, Any]:
    from scenedetect import ContentDetector, detect

    from workers.media.frames import analyze_frames
    from workers.media.probe import probe

    info = probe(video)
    started = time.monotonic()
    ours = analyze_frames(video, info).shots
    ours_seconds = time.monotonic() - started
    say("shots: ours done, now PySceneDetect")
    started = time.monotonic()
    scenes = detect(str(video), ContentDetector())
    theirs = [round(float(start.seconds), 3) for start, _ in scenes[1:]]
    theirs_seconds = time.monotonic() - started
    ours_p, ours_r = precision_recall(ours, truth)
    their_p, their_r = precision_recall(theirs, truth)
    return {
        "ours": {
            "seconds": round(ours_seconds, 2),
            "realtime": round(info.duration / ours_seconds, 1),
            "precision": round(ours_p, 3),
            "recall": round(ours_r, 3),
        },
        "pyscenedetect": {
            "seconds": round(theirs_seconds, 2),
            "realtime": round(info.duration / theirs_seconds, 1),
            "precision": round(their_p, 3),
            "recall": round(their_r, 3),
        },
        "speed_ratio": round(theirs_seconds / ours_seconds, 2),
    }


def _spans(duration: float) -> list[float]:
    step = (duration - 35) / 10
    return [round(5 + i * step, 2) for i in range(10)]


def bench_cuts(video: Path, duration: float, skip_moviepy: bool, scratch: Path) -> dict[str, Any]:
    from workers.media.cut import count_frames, smart_cut

    starts = _spans(duration)
    results: dict[str, Any] = {}
    started = time.monotonic()
    exact = 0
    for index, start in enumerate(starts):
        out = scratch / f"ours-{index}.mp4"
        smart_cut(video, out, start, start + 30)
        exact += count_frames(out) == 30 * FPS
    results["ours"] = {"seconds": round(time.monotonic() - started, 2), "exact": f"{exact}/10"}
    if not skip_moviepy:
        from moviepy import VideoFileClip

        say("cuts: ours done, now moviepy (slow)")
        started, exact = time.monotonic(), 0
        with VideoFileClip(str(video)) as clip:
            for index, start in enumerate(starts):
                out = scratch / f"moviepy-{index}.mp4"
                clip.subclipped(start, start + 30).write_videofile(str(out), logger=None)
                exact += count_frames(out) == 30 * FPS
        results["moviepy"] = {
            "seconds": round(time.monotonic() - started, 2),
            "exact": f"{exact}/10",
        }
        results["speed_ratio"] = round(
            results["moviepy"]["seconds"] / results["ours"]["seconds"], 2
        )
    return results


def _render_one(video: str, start: float, end: float, workdir: str) -> float:
    from backend.rules.defaults import PLATFORM_RULES_V1
    from workers.media.variant import render_clip

    render_clip(
        Path(video),
        Path(workdir),
        start=start,
        end=end,
        rules=PLATFORM_RULES_V1["instagram"],
        words=None,
        captions=False,
        timeout=3600,
    )
    return time.monotonic()


def bench_render(video: Path, scratch: Path) -> dict[str, Any]:
    started = time.monotonic()
    _render_one(str(video), 60.0, 90.0, str(scratch / "render"))
    seconds = time.monotonic() - started
    return {"seconds": round(seconds, 2), "realtime": round(30 / seconds, 2)}


def bench_end_to_end(video: Path, scratch: Path) -> dict[str, Any]:
    """From a stored upload to 10 rendered vertical clips, two renders at a time (two workers)."""
    from backend.config import get_settings
    from backend.rules.defaults import PLATFORM_RULES_V1, SCORING_WEIGHTS_V1
    from workers.media.analyze import analyze_media
    from workers.media.clips import find_clips
    from workers.media.probe import probe

    settings = get_settings()
    started = time.monotonic()
    stored = scratch / "stored.mp4"
    shutil.copy(video, stored)
    info = probe(stored)
    analysis = analyze_media(stored, info, workdir=scratch, settings=settings)
    analysed = time.monotonic() - started
    clips = find_clips(
        analysis.timeline,
        weights=SCORING_WEIGHTS_V1,
        rules=PLATFORM_RULES_V1,
        min_seconds=15,
        max_seconds=60,
        top_n=10,
    )
    firsts: list[float] = []
    with ProcessPoolExecutor(max_workers=2) as pool:
        futures = [
            pool.submit(_render_one, str(stored), c.start, c.end, str(scratch / f"e2e-{i}"))
            for i, c in enumerate(clips)
        ]
        for future in as_completed(futures):
            firsts.append(future.result() - started)
    return {
        "clips": len(clips),
        "analysis_seconds": round(analysed, 1),
        "first_clip_ready_seconds": round(min(firsts), 1) if firsts else None,
        "wall_seconds": round(time.monotonic() - started, 1),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--skip-moviepy", action="store_true")
    parser.add_argument("--only-shots", action="store_true", help="just the shot detection part")
    args = parser.parse_args(argv)
    video, cuts, _ = build_source(args.minutes)
    duration = args.minutes * 60
    results: dict[str, Any] = {
        "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "source_minutes": args.minutes,
        "known_cuts": len(cuts),
    }
    with tempfile.TemporaryDirectory(prefix="stakazo-bench-") as folder:
        scratch = Path(folder)
        say("shot detection…")
        results["shots"] = bench_shots(video, cuts)
        if args.only_shots:
            print(json.dumps(results["shots"], indent=2))
            return 0
        say("cutting 10 clips of 30 s…")
        results["cuts"] = bench_cuts(video, duration, args.skip_moviepy, scratch)
        say("one 30 s vertical render…")
        results["render"] = bench_render(video, scratch)
        say("end to end…")
        results["end_to_end"] = bench_end_to_end(video, scratch)
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2))
    shots, cuts_r = results["shots"], results["cuts"]
    print(f"{'measure':<44}{'ours':>14}{'baseline':>14}{'ratio':>8}")
    print(
        f"{'shot detection (s, realtime)':<44}{shots['ours']['seconds']:>14}"
        f"{shots['pyscenedetect']['seconds']:>14}{shots['speed_ratio']:>8}"
    )
    print(
        f"{'  precision / recall':<44}"
        f"{shots['ours']['precision']:>7}/{shots['ours']['recall']:<6}"
        f"{shots['pyscenedetect']['precision']:>7}/{shots['pyscenedetect']['recall']:<6}"
    )
    ours_cut = f"{cuts_r['ours']['seconds']:>9} {cuts_r['ours']['exact']:>4}"
    their_cut = "   (skipped)"
    if "moviepy" in cuts_r:
        their_cut = f"{cuts_r['moviepy']['seconds']:>9} {cuts_r['moviepy']['exact']:>4}"
        their_cut += f"{cuts_r['speed_ratio']:>8}"
    print(f"{'cut 10 x 30 s (s, frame-exact)':<44}{ours_cut}{their_cut}")
    print(f"{'vertical render 30 s (x realtime)':<44}{results['render']['realtime']:>14}")
    e2e = results["end_to_end"]
    print(f"{'upload -> 10 vertical clips (wall s)':<44}{e2e['wall_seconds']:>14}")
    print(f"{'  first clip ready (s)':<44}{e2e['first_clip_ready_seconds']:>14}")
    print(f"results written to {RESULTS.relative_to(ROOT.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
