"""TikTok's caption limits and first render rules and scoring weights."""

from __future__ import annotations

from typing import Any

from backend.platforms.common_rules import COMMON_RENDER_RULES_V1


def _utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def caption_problems(caption: str, title: str) -> list[str]:
    # TikTok counts UTF-16 code units: an emoji outside the BMP takes two.
    if _utf16_length(caption) > 2200:
        return ["TikTok captions hold 2,200 characters."]
    return []


RENDER_RULES_V1: dict[str, Any] = {
    **COMMON_RENDER_RULES_V1,
    "label": "TikTok",
    "min_fps": 23,
    "max_fps": 60,
    "min_duration_seconds": 3,
    "max_duration_seconds": 600,
    "ideal_duration_seconds": [15, 45],
    "max_video_bitrate_kbps": 25000,
    "target_video_bitrate_kbps": 8000,
    "max_size_bytes": 4 * 1024 * 1024 * 1024,
    "min_side_px": 360,
    "max_side_px": 4096,
    "safe_area": {"top": 0.12, "bottom": 0.28, "left": 0.06, "right": 0.16},
}
SCORING_WEIGHTS_V1: dict[str, float] = {
    "hook": 0.30,
    "cut_rate": 0.15,
    "speech_density": 0.15,
    "silence_ratio": -0.20,
    "motion": 0.15,
    "faces": 0.10,
    "duration_fit": 0.15,
}
# TikTok's Content Posting API: MP4/MOV/WebM, H.264/HEVC/VP8/VP9, 360-4096 px, a caption of
# 2,200 UTF-16 units, and the documented cap of about 15 direct posts per creator a day.
POSTING_RULES: dict[str, Any] = {
    "containers": ["mp4", "mov", "webm"],
    "video_codecs": ["h264", "hevc", "vp8", "vp9"],
    "audio_codecs": ["aac", "mp3", "opus", "vorbis"],
    "aspect_ratios": ["9:16", "1:1", "16:9"],
    "caption_max_chars": 2200,
    "caption_unit": "utf16_units",
    "posts_per_day": 15,
}
# When the audience is most active, in its local time (hour -> expected views relative to a
# typical post), weekdays then weekends: lunch and evening on weekdays, late morning and evening
# at weekends. A prior for best times to post before an account has history of its own
# (backend/calendar/defaults.py says where the figures come from).
AUDIENCE_PEAKS: tuple[dict[int, float], dict[int, float]] = (
    {12: 1.25, 15: 1.2, 19: 1.4, 20: 1.45, 21: 1.3},
    {10: 1.2, 11: 1.25, 19: 1.35, 20: 1.3},
)
