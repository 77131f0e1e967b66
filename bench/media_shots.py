"""Shot detection: ours against PySceneDetect's ContentDetector, same file, same run, on the
generated source and on real footage (the real clips joined into a few minutes)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from bench.media_common import (
    FPS,
    REAL_FPS,
    Context,
    Row,
    build_real_source,
    precision_recall,
    say,
)


def _ours(video: Path) -> tuple[list[float], float]:
    from workers.media.frames import analyze_frames
    from workers.media.probe import probe

    info = probe(video)  # done once per upload for every step, not part of shot detection
    started = time.monotonic()
    shots = analyze_frames(video, info).shots
    return shots, time.monotonic() - started


def _pyscenedetect(video: Path) -> tuple[list[float], float]:
    from scenedetect import ContentDetector, detect

    started = time.monotonic()
    scenes = detect(str(video), ContentDetector())
    found = [round(start.get_seconds(), 3) for start, _ in scenes[1:]]
    return found, time.monotonic() - started


def _side_by_side(video: Path, truth: list[float], fps: float, label: str) -> dict[str, Any]:
    from workers.media.probe import probe

    duration = probe(video).duration
    ours, ours_seconds = _ours(video)
    say(f"shots ({label}): ours done, now PySceneDetect")
    theirs, theirs_seconds = _pyscenedetect(video)
    ours_p, ours_r = precision_recall(ours, truth, fps)
    their_p, their_r = precision_recall(theirs, truth, fps)
    return {
        "known_cuts": len(truth),
        "ours": {
            "seconds": round(ours_seconds, 2),
            "realtime": round(duration / ours_seconds, 1),
            "precision": round(ours_p, 3),
            "recall": round(ours_r, 3),
        },
        "pyscenedetect": {
            "seconds": round(theirs_seconds, 2),
            "realtime": round(duration / theirs_seconds, 1),
            "precision": round(their_p, 3),
            "recall": round(their_r, 3),
        },
        "speed_ratio": round(theirs_seconds / ours_seconds, 2),
    }


def run(ctx: Context) -> dict[str, Any]:
    real, real_cuts = build_real_source()
    return {
        "generated": _side_by_side(ctx.video, ctx.cuts, FPS, "generated"),
        "real": _side_by_side(real, real_cuts, REAL_FPS, "real footage"),
    }


def _rows(result: dict[str, Any], label: str) -> list[Row]:
    ours, theirs = result["ours"], result["pyscenedetect"]
    return [
        Row(
            f"shot detection, {label} (s)",
            f"{ours['seconds']}",
            f"{theirs['seconds']}",
            result["speed_ratio"],
            ">= 3x",
            result["speed_ratio"] >= 3,
        ),
        Row(
            "  precision / recall",
            f"{ours['precision']}/{ours['recall']}",
            f"{theirs['precision']}/{theirs['recall']}",
            None,
            ">= PySceneDetect's",
            ours["precision"] >= theirs["precision"] and ours["recall"] >= theirs["recall"],
        ),
    ]


def rows(result: dict[str, Any]) -> list[Row]:
    return _rows(result["generated"], "generated source") + _rows(result["real"], "real footage")
