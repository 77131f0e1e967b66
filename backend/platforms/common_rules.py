"""What every platform's first render rules share (each platform's own are in its package)."""

from __future__ import annotations

from typing import Any

COMMON_RENDER_RULES_V1: dict[str, Any] = {
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
