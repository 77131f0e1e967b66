"""Shot detection: ours against PySceneDetect's ContentDetector, same file, same run."""

from __future__ import annotations

import time
from typing import Any

from bench.media_common import Context, Row, precision_recall, say


def run(ctx: Context) -> dict[str, Any]:
    from scenedetect import ContentDetector, detect

    from workers.media.frames import analyze_frames
    from workers.media.probe import probe

    info = probe(ctx.video)
    started = time.monotonic()
    ours = analyze_frames(ctx.video, info).shots
    ours_seconds = time.monotonic() - started
    say("shots: ours done, now PySceneDetect")
    started = time.monotonic()
    scenes = detect(str(ctx.video), ContentDetector())
    theirs = [round(float(start.seconds), 3) for start, _ in scenes[1:]]
    theirs_seconds = time.monotonic() - started
    ours_p, ours_r = precision_recall(ours, ctx.cuts)
    their_p, their_r = precision_recall(theirs, ctx.cuts)
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


def rows(result: dict[str, Any]) -> list[Row]:
    ours, theirs = result["ours"], result["pyscenedetect"]
    return [
        Row(
            "shot detection, generated source (s)",
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
