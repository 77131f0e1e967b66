"""The Instagram emulator's view of videos: what it checks in an uploaded file, and the audience
a published Reel finds.

The file checks read box headers only, no decoding, which is cheap enough for every upload: the
file must be an MP4/MOV (an ``ftyp`` box first) whose ``moov/mvhd`` says how long it plays.
"""

from __future__ import annotations

import hashlib
import math
import struct
from collections.abc import Iterator
from dataclasses import dataclass

from sandbox.instagram.errors import GraphFault, media_format

REEL_METRICS = (
    "views",
    "reach",
    "likes",
    "comments",
    "shares",
    "saved",
    "total_interactions",
    "ig_reels_avg_watch_time",
    "ig_reels_video_view_total_time",
)


@dataclass(frozen=True)
class Mp4Info:
    brand: str
    duration_seconds: float | None  # None: no readable moov/mvhd


class NotMp4(ValueError):
    pass


def _boxes(data: bytes | bytearray, start: int, end: int) -> Iterator[tuple[bytes, int, int]]:
    """(type, payload start, box end) for each box between ``start`` and ``end``."""
    position = start
    while position + 8 <= end:
        size, kind = struct.unpack_from(">I4s", data, position)
        header = 8
        if size == 1:  # 64-bit size follows the type
            if position + 16 > end:
                return
            (size,) = struct.unpack_from(">Q", data, position + 8)
            header = 16
        elif size == 0:  # runs to the end of the file
            size = end - position
        if size < header or position + size > end:
            return
        yield kind, position + header, position + size
        position += size


def inspect_mp4(data: bytes | bytearray) -> Mp4Info:
    """Raises ``NotMp4`` unless the file starts with an ``ftyp`` box (MP4, MOV, M4V...)."""
    first = next(_boxes(data, 0, len(data)), None)
    if first is None or first[0] != b"ftyp" or first[2] - first[1] < 4:
        raise NotMp4("the file does not start with an ftyp box")
    brand = bytes(data[first[1] : first[1] + 4]).decode("latin-1").strip()
    return Mp4Info(brand=brand, duration_seconds=_duration(data))


def _duration(data: bytes | bytearray) -> float | None:
    for kind, start, end in _boxes(data, 0, len(data)):
        if kind != b"moov":
            continue
        for inner, payload, inner_end in _boxes(data, start, end):
            if inner != b"mvhd" or inner_end - payload < 20:
                continue
            version = data[payload]
            if version == 1 and inner_end - payload >= 32:
                timescale, duration = struct.unpack_from(">IQ", data, payload + 20)
            else:
                timescale, duration = struct.unpack_from(">II", data, payload + 12)
            return duration / timescale if timescale else None
    return None


def check_video(
    data: bytes | bytearray,
    *,
    min_seconds: float,
    max_seconds: float,
    thumb_offset_ms: int | None,
) -> tuple[float | None, GraphFault | None]:
    """The duration, and the error processing ends in (None: the video is fine)."""
    try:
        duration = inspect_mp4(data).duration_seconds
    except NotMp4:
        return None, media_format("The file is not an MP4 or MOV file.")
    if duration is None:
        return None, media_format("The video has no readable duration (moov/mvhd).")
    if not min_seconds <= duration <= max_seconds:
        return duration, media_format(
            f"The video lasts {duration:.1f} s; Reels must last {min_seconds:g} s to "
            f"{max_seconds:g} s."
        )
    if thumb_offset_ms is not None and thumb_offset_ms >= duration * 1000:
        return duration, GraphFault(
            1,
            "Thumbnail offset must be greater than or equal to 0 and less than video duration, "
            f"i.e. {int(duration * 1000)}",
            2207057,
        )
    return duration, None


def insights(media_id: str, duration_seconds: float, age_seconds: float) -> dict[str, int]:
    """Deterministic per media id, growing with sandbox time since publication: fast at first,
    levelling off over a few days, as a Reel's reach does."""
    seed = int(hashlib.sha256(media_id.encode()).hexdigest()[:12], 16)
    age_hours = max(0.0, age_seconds) / 3600
    audience = 2_000 + seed % 48_000
    views = int(audience * (1 - math.exp(-age_hours / (6 + seed % 18))) + 2 * age_hours)
    likes = views * (30 + seed % 60) // 1000
    comments = views * (2 + seed % 8) // 1000
    shares = views * (3 + (seed >> 8) % 12) // 1000
    saved = views * (2 + (seed >> 16) % 10) // 1000
    duration_ms = int(duration_seconds * 1000) or 10_000
    average_ms = min(duration_ms, 2_000 + (seed >> 24) % 8_000) if views else 0
    return {
        "views": views,
        "reach": views * 4 // 5,
        "likes": likes,
        "comments": comments,
        "shares": shares,
        "saved": saved,
        "total_interactions": likes + comments + shares + saved,
        "ig_reels_avg_watch_time": average_ms,
        "ig_reels_video_view_total_time": average_ms * views,
    }
