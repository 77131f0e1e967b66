"""The first platform rules and scoring weights, from the platforms' published specs.

Revision 0002 seeds exactly these values, and `stakazo clip` (no database) uses them. Never edit
them in place: a change is a new version row (a migration, or an admin approving one).
"""

from __future__ import annotations

from typing import Any

_COMMON: dict[str, Any] = {
    "container": "mp4",
    "video_codec": "h264",
    "profile": "high",
    "pixel_format": "yuv420p",
    "width": 1080,
    "height": 1920,
    "fps": 30,
    "audio_codec": "aac",
    "audio_sample_rate": 48000,
    "audio_channels": 2,
    "audio_bitrate_kbps": 128,
    "faststart": True,
}
PLATFORM_RULES_V1: dict[str, dict[str, Any]] = {
    "instagram": {
        **_COMMON,
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
    },
    "tiktok": {
        **_COMMON,
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
    },
    "youtube": {
        **_COMMON,
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
    },
}
SCORING_WEIGHTS_V1: dict[str, dict[str, float]] = {
    "instagram": {
        "hook": 0.25,
        "cut_rate": 0.10,
        "speech_density": 0.15,
        "silence_ratio": -0.15,
        "motion": 0.15,
        "faces": 0.15,
        "duration_fit": 0.20,
    },
    "tiktok": {
        "hook": 0.30,
        "cut_rate": 0.15,
        "speech_density": 0.15,
        "silence_ratio": -0.20,
        "motion": 0.15,
        "faces": 0.10,
        "duration_fit": 0.15,
    },
    "youtube": {
        "hook": 0.20,
        "cut_rate": 0.10,
        "speech_density": 0.20,
        "silence_ratio": -0.15,
        "motion": 0.10,
        "faces": 0.15,
        "duration_fit": 0.20,
    },
}
