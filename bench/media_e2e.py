"""From a stored upload to 10 rendered vertical clips, two renders at a time (two workers)."""

from __future__ import annotations

import shutil
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from typing import Any

from bench.media_common import Context, Row
from bench.media_render import render_one


def run(ctx: Context) -> dict[str, Any]:
    from backend.config import get_settings
    from backend.rules.defaults import PLATFORM_RULES_V1, SCORING_WEIGHTS_V1
    from workers.media.analyze import analyze_media
    from workers.media.clips import find_clips
    from workers.media.probe import probe

    settings = get_settings()
    started = time.monotonic()
    stored = ctx.scratch / "stored.mp4"
    shutil.copy(ctx.video, stored)
    info = probe(stored)
    analysis = analyze_media(stored, info, workdir=ctx.scratch, settings=settings)
    analysed = time.monotonic() - started
    clips = find_clips(
        analysis.timeline,
        weights=SCORING_WEIGHTS_V1,
        rules=PLATFORM_RULES_V1,
        min_seconds=15,
        max_seconds=60,
        top_n=10,
    )
    finished: list[float] = []
    with ProcessPoolExecutor(max_workers=2) as pool:
        futures = [
            pool.submit(render_one, str(stored), c.start, c.end, str(ctx.scratch / f"e2e-{i}"))
            for i, c in enumerate(clips)
        ]
        for future in as_completed(futures):
            finished.append(future.result() - started)
    return {
        "clips": len(clips),
        "analysis_seconds": round(analysed, 1),
        "first_clip_ready_seconds": round(min(finished), 1) if finished else None,
        "wall_seconds": round(time.monotonic() - started, 1),
    }


def rows(result: dict[str, Any]) -> list[Row]:
    first = result["first_clip_ready_seconds"]
    return [
        Row(
            f"upload -> {result['clips']} vertical clips (wall s)",
            f"{result['wall_seconds']}",
            target="<= 150 s",
            met=result["wall_seconds"] <= 150 and result["clips"] == 10,
        ),
        Row(
            "  first clip ready (s)",
            f"{first}",
            target="<= 30 s",
            met=first is not None and first <= 30,
        ),
    ]
