"""What the parts of the media benchmark share: the run's context, one row of the table, and
the generated source with known cuts and silences (cached under ``bench/.cache/``)."""

from __future__ import annotations

import json
import random
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent
CACHE = ROOT / ".cache"
REPO = ROOT.parent
SOURCES = ["testsrc2", "smptehdbars", "mandelbrot", "rgbtestsrc", "cellauto", "life", "testsrc"]
FPS = 30
TOLERANCE_FRAMES = 2


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


@dataclass(frozen=True)
class Context:
    """One run: the generated source and its truth, a scratch folder, what to skip."""

    video: Path
    cuts: list[float]
    silences: list[tuple[float, float]]
    duration: float
    scratch: Path
    skip_baselines: bool = False


@dataclass(frozen=True)
class Row:
    """One line of the printed table. ``met`` is None for a line without a target."""

    what: str
    ours: str
    baseline: str = ""
    ratio: float | None = None
    target: str = ""
    met: bool | None = None


def precision_recall(
    found: list[float], truth: list[float], fps: float = FPS
) -> tuple[float, float]:
    tolerance = TOLERANCE_FRAMES / fps + 1e-3
    hits = sum(1 for t in found if any(abs(t - x) <= tolerance for x in truth))
    caught = sum(1 for x in truth if any(abs(t - x) <= tolerance for t in found))
    return (hits / len(found) if found else 1.0), (caught / len(truth) if truth else 1.0)


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
            *("-filter_complex", graph, "-map", "[v]", "-map", "[a]"),
            *("-c:v", "libx264", "-preset", "veryfast", "-crf", "23"),
            *("-c:a", "aac", "-movflags", "+faststart", "-y", str(partial)),
        ],
        timeout=7200,
    )
    partial.replace(video)
    truth_file.write_text(json.dumps({"cuts": cuts, "silences": silences}))
    return video, cuts, silences


# Hand-made cut lists of the real clips (tests/fixtures/media/ATTRIBUTION.md), 10 s each.
REAL_CLIPS = {
    "tears_of_steel_cuts_640x360.mp4": [0.875, 2.708, 7.708],
    "sintel_fast_cuts_640x360.mp4": [2.417, 3.167, 4.0, 4.917, 5.833, 7.333, 7.458, 8.708],
}
REAL_CLIP_SECONDS = 10.0
REAL_FPS = 24


def build_real_source(copies: int = 18) -> tuple[Path, list[float]]:
    """The real clips one after the other, alternately, re-encoded as one 640x360 24 fps H.264
    file as a camera or an editor would (x264's own keyframe placement). Its cuts are the
    clips' cut lists shifted, plus every join. Cached under ``bench/.cache/``."""
    from workers.media.runner import run_ffmpeg

    CACHE.mkdir(exist_ok=True)
    video = CACHE / f"real-{copies}x10s-v1.mp4"
    truth_file = video.with_suffix(".json")
    if video.exists() and truth_file.exists():
        return video, json.loads(truth_file.read_text())["cuts"]
    names = sorted(REAL_CLIPS)
    clips = [names[index % len(names)] for index in range(copies)]
    inputs, chains, cuts = [], [], []
    for index, name in enumerate(clips):
        inputs += ["-i", str(REPO / "tests" / "fixtures" / "media" / name)]
        chains.append(f"[{index}:v]scale=640:360,fps={REAL_FPS},format=yuv420p,setsar=1[v{index}]")
        start = index * REAL_CLIP_SECONDS
        if index:
            cuts.append(round(start, 3))
        cuts += [round(start + cut, 3) for cut in REAL_CLIPS[name]]
    joined = "".join(f"[v{index}]" for index in range(copies))
    graph = ";".join(chains) + f";{joined}concat=n={copies}:v=1:a=0[v]"
    say(f"joining the real clips into a {copies * REAL_CLIP_SECONDS:g} s source; cached after")
    partial = video.with_suffix(".part.mp4")
    run_ffmpeg(
        [
            *inputs,
            *("-filter_complex", graph, "-map", "[v]"),
            *("-c:v", "libx264", "-preset", "veryfast", "-crf", "20"),
            *("-movflags", "+faststart", "-y", str(partial)),
        ],
        timeout=3600,
    )
    partial.replace(video)
    truth_file.write_text(json.dumps({"cuts": cuts}))
    return video, cuts
