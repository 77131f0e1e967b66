"""A Reel's insights (``GET /{media-id}/insights``) as our ``PostMetrics``."""

from __future__ import annotations

from typing import Any

from backend.platforms.base import PostMetrics
from backend.platforms.instagram.graph import JSON

# ``ig_reels_video_view_total_time`` is the total watch time, in milliseconds.
METRICS = ("views", "likes", "comments", "shares", "ig_reels_video_view_total_time")


def post_metrics(answer: JSON) -> PostMetrics:
    values: dict[str, float] = {}
    for entry in answer.get("data") or []:
        if isinstance(entry, dict) and isinstance(entry.get("name"), str):
            value = _value(entry)
            if value is not None:
                values[entry["name"]] = value
    total_ms = values.get("ig_reels_video_view_total_time")

    def count(name: str) -> int | None:
        return int(values[name]) if name in values else None

    return PostMetrics(
        views=count("views"),
        likes=count("likes"),
        comments=count("comments"),
        shares=count("shares"),
        watch_time_seconds=total_ms / 1000 if total_ms is not None else None,
    )


def _value(entry: dict[str, Any]) -> float | None:
    """``values[0].value`` (lifetime metrics), or ``total_value.value`` (newer answers)."""
    values = entry.get("values")
    if isinstance(values, list) and values and isinstance(values[0], dict):
        value = values[0].get("value")
    elif isinstance(entry.get("total_value"), dict):
        value = entry["total_value"].get("value")
    else:
        return None
    return float(value) if isinstance(value, int | float) else None
