"""YouTube's title and description limits and first render rules and scoring weights."""

from __future__ import annotations

from typing import Any

from backend.platforms.common_rules import COMMON_RENDER_RULES_V1
from backend.platforms.plugin import first_line_title

TITLE_LIMIT = 100


def title(caption: str, given: str) -> str:
    """The title as sent: the given one, else the caption's first line (cut at a word)."""
    return first_line_title(caption, given, TITLE_LIMIT)


def caption_problems(caption: str, given_title: str) -> list[str]:
    problems: list[str] = []
    if len(title(caption, given_title)) > TITLE_LIMIT:
        problems.append("YouTube titles hold 100 characters.")
    if len(caption.encode()) > 5000:
        problems.append("YouTube descriptions hold 5,000 bytes.")
    if any(mark in caption + given_title for mark in "<>"):
        problems.append("YouTube does not accept < or > in titles and descriptions.")
    return problems


RENDER_RULES_V1: dict[str, Any] = {
    **COMMON_RENDER_RULES_V1,
    "label": "YouTube Shorts",
    "min_fps": 23,
    "max_fps": 60,
    "min_duration_seconds": 1,
    "max_duration_seconds": 180,
    "ideal_duration_seconds": [20, 60],
    "max_video_bitrate_kbps": 25000,
    "target_video_bitrate_kbps": 8000,
    "max_size_bytes": 256 * 1024 * 1024 * 1024,
    "safe_area": {"top": 0.10, "bottom": 0.25, "left": 0.06, "right": 0.12},
}
SCORING_WEIGHTS_V1: dict[str, float] = {
    "hook": 0.20,
    "cut_rate": 0.10,
    "speech_density": 0.20,
    "silence_ratio": -0.15,
    "motion": 0.10,
    "faces": 0.15,
    "duration_fit": 0.20,
}
# YouTube's upload spec (most containers and codecs), Shorts' shapes, a 100-character title and
# a 5,000-byte description without < or >. Uploads count against the project's quota instead
# of a per-channel cap (STAKAZO_YOUTUBE_DAILY_UPLOAD_QUOTA).
POSTING_RULES: dict[str, Any] = {
    "containers": ["mp4", "mov", "webm", "matroska", "avi", "flv", "mpegts"],
    "video_codecs": ["h264", "hevc", "vp8", "vp9", "av1", "mpeg4", "mpeg2video"],
    "audio_codecs": ["aac", "mp3", "opus", "vorbis", "ac3", "flac", "pcm_s16le"],
    "aspect_ratios": ["9:16", "1:1"],
    "caption_max_chars": 5000,
    "caption_unit": "bytes",
    "title_max_chars": TITLE_LIMIT,
    "forbidden_characters": "<>",
    # More than 60 and YouTube ignores every hashtag of the video.
    "hashtags_max": 60,
}
# When the audience is most active, in its local time (hour -> expected views relative to a
# typical post), weekdays then weekends: late afternoon on weekdays (processed and found before
# the evening's viewing), late morning at weekends. A prior for best times to post before an
# account has history of its own (backend/calendar/defaults.py says where the figures come from).
AUDIENCE_PEAKS: tuple[dict[int, float], dict[int, float]] = (
    {15: 1.3, 16: 1.4, 17: 1.35, 18: 1.2},
    {10: 1.25, 11: 1.3, 12: 1.25, 15: 1.2},
)
