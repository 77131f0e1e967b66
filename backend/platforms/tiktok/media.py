"""What TikTok accepts before a byte moves: the chunk plan of a FILE_UPLOAD and the video spec.

Chunk rules (media transfer guide): chunks of 5-64 MB, the final one up to 128 MB so that it
absorbs the trailing bytes; files under 5 MB go whole; ``total_chunk_count = floor(size /
chunk_size)``; 1-1000 chunks. Whether "MB" means 10^6 or 2^20 bytes the guide does not say
[?]: plans here use the stricter bound of each (at least 5 MiB, at most 64,000,000 bytes).
"""

from __future__ import annotations

from dataclasses import dataclass

from backend.platforms.base import MediaFile, MediaRejected
from backend.platforms.tiktok.errors import PLATFORM

MIB = 1024 * 1024
MIN_CHUNK_BYTES = 5 * MIB
# The stricter reading of "64 MB", so that a plan is accepted whichever one TikTok means.
MAX_CHUNK_BYTES = 64_000_000
MAX_CHUNKS = 1000
MAX_VIDEO_BYTES = 4 * 1024**3
DEFAULT_CHUNK_BYTES = 10 * MIB

CONTENT_TYPES = frozenset({"video/mp4", "video/quicktime", "video/webm"})
MIN_SIDE_PIXELS = 360
MAX_SIDE_PIXELS = 4096


@dataclass(frozen=True)
class ChunkPlan:
    video_size: int
    chunk_size: int
    total_chunk_count: int

    def chunk_range(self, index: int) -> tuple[int, int]:
        """First and last byte (inclusive) of chunk ``index``; the final chunk takes the rest."""
        first = index * self.chunk_size
        if index == self.total_chunk_count - 1:
            return first, self.video_size - 1
        return first, first + self.chunk_size - 1

    def chunk_index(self, offset: int) -> int:
        """The chunk that starts at or before ``offset`` (resume from a chunk boundary)."""
        return min(offset // self.chunk_size, self.total_chunk_count - 1)


def plan_chunks(video_size: int, preferred_chunk_bytes: int = DEFAULT_CHUNK_BYTES) -> ChunkPlan:
    if not MIN_CHUNK_BYTES <= preferred_chunk_bytes <= MAX_CHUNK_BYTES:
        raise ValueError(f"TikTok chunks are {MIN_CHUNK_BYTES}-{MAX_CHUNK_BYTES} bytes")
    if video_size < MIN_CHUNK_BYTES or video_size <= preferred_chunk_bytes:
        return ChunkPlan(video_size, video_size, 1)
    # Bigger chunks when the preferred size would need more than 1000 of them.
    chunk = max(preferred_chunk_bytes, -(-video_size // MAX_CHUNKS))
    if chunk > MAX_CHUNK_BYTES:
        raise MediaRejected(PLATFORM, "video too large to chunk", "The video is too large.")
    return ChunkPlan(video_size, chunk, video_size // chunk)


def check_media(media: MediaFile) -> None:
    """Refuse what TikTok would refuse anyway, before spending a post init on it."""
    if media.content_type not in CONTENT_TYPES:
        raise MediaRejected(
            PLATFORM,
            f"file_format_check_failed: content type {media.content_type}",
            "TikTok accepts MP4, MOV or WebM videos only.",
        )
    if media.size_bytes <= 0 or media.size_bytes > MAX_VIDEO_BYTES:
        raise MediaRejected(
            PLATFORM,
            f"invalid_file_upload: {media.size_bytes} bytes",
            "TikTok accepts videos of up to 4 GB.",
        )
    sides = (media.width, media.height)
    if min(sides) < MIN_SIDE_PIXELS or max(sides) > MAX_SIDE_PIXELS:
        raise MediaRejected(
            PLATFORM,
            f"picture_size_check_failed: {media.width}x{media.height}",
            "TikTok says the picture size is not supported (360-4096 pixels per side).",
        )


def check_duration(media: MediaFile, max_seconds: int | None) -> None:
    if max_seconds is not None and media.duration_seconds > max_seconds:
        raise MediaRejected(
            PLATFORM,
            f"duration_check_failed: {media.duration_seconds:.1f} s > {max_seconds} s",
            f"TikTok allows this account videos of up to {max_seconds} seconds; this one is "
            f"{media.duration_seconds:.0f} seconds long.",
        )
