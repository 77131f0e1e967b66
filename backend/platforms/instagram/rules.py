"""Instagram's caption limits and first render rules and scoring weights."""

from __future__ import annotations

import re
from typing import Any

from backend.platforms.common_rules import COMMON_RENDER_RULES_V1

_HASHTAG = re.compile(r"(?<!\w)#\w+")
_MENTION = re.compile(r"(?<!\w)@[\w.]+")


def caption_problems(caption: str, title: str) -> list[str]:
    problems: list[str] = []
    if len(caption) > 2200:
        problems.append(f"Instagram captions hold 2,200 characters; this one has {len(caption)}.")
    if len(_HASHTAG.findall(caption)) > 30:
        problems.append("Instagram allows at most 30 hashtags in a caption.")
    if len(_MENTION.findall(caption)) > 20:
        problems.append("Instagram allows at most 20 @-mentions in a caption.")
    return problems


RENDER_RULES_V1: dict[str, Any] = {
    **COMMON_RENDER_RULES_V1,
    "label": "Instagram Reels",
    "min_fps": 23,
    "max_fps": 60,
    "min_duration_seconds": 3,
    "max_duration_seconds": 900,
    "ideal_duration_seconds": [15, 60],
    "max_video_bitrate_kbps": 25000,
    "target_video_bitrate_kbps": 8000,
    "max_size_bytes": 300 * 1024 * 1024,
    "safe_area": {"top": 0.14, "bottom": 0.30, "left": 0.06, "right": 0.12},
}
SCORING_WEIGHTS_V1: dict[str, float] = {
    "hook": 0.25,
    "cut_rate": 0.10,
    "speech_density": 0.15,
    "silence_ratio": -0.15,
    "motion": 0.15,
    "faces": 0.15,
    "duration_fit": 0.20,
}
# Instagram's Content Publishing spec for Reels (MP4/MOV, H.264 or HEVC, AAC, at most 1920
# pixels across) and caption limits; posts_per_day is content_publishing_limit's documented 50.
POSTING_RULES: dict[str, Any] = {
    "containers": ["mp4", "mov"],
    "video_codecs": ["h264", "hevc"],
    "audio_codecs": ["aac"],
    "aspect_ratios": ["9:16", "4:5", "1:1", "16:9"],
    "max_side_px": 1920,
    "caption_max_chars": 2200,
    "caption_unit": "characters",
    "hashtags_max": 30,
    "mentions_max": 20,
    "posts_per_day": 50,
}
# When the audience is most active, in its local time (hour -> expected views relative to a
# typical post), weekdays then weekends: lunch and evening on weekdays, late morning at weekends.
# A prior for best times to post before an account has history of its own
# (backend/calendar/defaults.py says where the figures come from).
AUDIENCE_PEAKS: tuple[dict[int, float], dict[int, float]] = (
    {11: 1.3, 12: 1.35, 13: 1.2, 19: 1.3, 20: 1.25},
    {10: 1.25, 11: 1.3, 12: 1.15},
)
