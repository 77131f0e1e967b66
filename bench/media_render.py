"""One 30 s vertical 1080x1920 render: speed against realtime."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from bench.media_common import Context, Row


def render_one(video: str, start: float, end: float, workdir: str) -> float:
    """Render one clip as the render task would; returns when it finished (monotonic)."""
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


def run(ctx: Context) -> dict[str, Any]:
    started = time.monotonic()
    render_one(str(ctx.video), 60.0, 90.0, str(ctx.scratch / "render"))
    seconds = time.monotonic() - started
    return {"seconds": round(seconds, 2), "realtime": round(30 / seconds, 2)}


def rows(result: dict[str, Any]) -> list[Row]:
    return [
        Row(
            "vertical render 30 s (x realtime)",
            f"{result['realtime']}",
            target=">= 2x",
            met=result["realtime"] >= 2,
        )
    ]
