"""Cutting 10 clips of 30 s frame-exact: our smart cut against moviepy's defaults."""

from __future__ import annotations

import time
from typing import Any

from bench.media_common import FPS, Context, Row, say


def _spans(duration: float) -> list[float]:
    step = (duration - 35) / 10
    return [round(5 + i * step, 2) for i in range(10)]


def run(ctx: Context) -> dict[str, Any]:
    from workers.media.cut import count_frames, smart_cut

    starts = _spans(ctx.duration)
    results: dict[str, Any] = {}
    started = time.monotonic()
    exact = 0
    for index, start in enumerate(starts):
        out = ctx.scratch / f"ours-{index}.mp4"
        smart_cut(ctx.video, out, start, start + 30)
        exact += count_frames(out) == 30 * FPS
    results["ours"] = {"seconds": round(time.monotonic() - started, 2), "exact": f"{exact}/10"}
    if not ctx.skip_baselines:
        from moviepy import VideoFileClip

        say("cuts: ours done, now moviepy (slow)")
        started, exact = time.monotonic(), 0
        with VideoFileClip(str(ctx.video)) as clip:
            for index, start in enumerate(starts):
                out = ctx.scratch / f"moviepy-{index}.mp4"
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


def rows(result: dict[str, Any]) -> list[Row]:
    ours = result["ours"]
    theirs = result.get("moviepy")
    ratio = result.get("speed_ratio")
    return [
        Row(
            "cut 10 x 30 s frame-exact (s, exact)",
            f"{ours['seconds']} {ours['exact']}",
            f"{theirs['seconds']} {theirs['exact']}" if theirs else "(skipped)",
            ratio,
            ">= 10x",
            None if ratio is None else ratio >= 10 and ours["exact"] == "10/10",
        )
    ]
