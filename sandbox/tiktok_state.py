"""The TikTok emulator's state and rules: config knobs, accounts, tokens, publishes, the chunk
math TikTok enforces, the video spec it checks while processing, and made-up metrics.

Kept apart from the HTTP handlers (``tiktok.py``) and independent of the real client, so that a
mistake in the client's chunk plan is caught here rather than copied.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import math
import secrets
import time
import uuid
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field

MIB = 1024 * 1024
PRIVACY_LEVELS = ("PUBLIC_TO_EVERYONE", "MUTUAL_FOLLOW_FRIENDS", "FOLLOWER_OF_CREATOR", "SELF_ONLY")
KNOWN_SCOPES = frozenset(
    {
        "user.info.basic",
        "user.info.profile",
        "user.info.stats",
        "video.publish",
        "video.upload",
        "video.list",
    }
)
MAX_VIDEO_BYTES = 4 * 1024**3
MAX_TITLE_UTF16 = 2200
UPLOAD_CONTENT_TYPES = frozenset({"video/mp4", "video/quicktime", "video/webm"})

Status = Literal[
    "PROCESSING_UPLOAD", "PROCESSING_DOWNLOAD", "SEND_TO_USER_INBOX", "PUBLISH_COMPLETE", "FAILED"
]


class TikTokSandboxConfig(BaseModel):
    """Knobs of the emulator (GET/PUT /tiktok/_sandbox/config). [?] marks facts the docs leave
    open or contradict; the defaults follow the newest reading."""

    # [?] 2 h / 180 days (Nov 2026 pages) vs 24 h / 365 days (older page).
    access_token_seconds: int = Field(default=2 * 3600, ge=1)
    refresh_token_seconds: int = Field(default=180 * 86400, ge=1)
    # [?] Newer pages: every refresh hands out a new refresh token and retires the old one.
    rotate_refresh_tokens: bool = True
    auth_code_seconds: int = Field(default=600, ge=1)
    # "Typically around 15" direct posts per creator per day, counted over a rolling window.
    daily_post_cap: int = Field(default=15, ge=0)
    pending_share_cap: int = Field(default=5, ge=0)
    cap_window_seconds: int = Field(default=86400, ge=1)
    # Requests per minute per access token, per operation (absent: unlimited).
    rate_limits_per_minute: dict[str, int] = Field(
        default_factory=lambda: {"creator_info": 20, "init": 6, "inbox_init": 6, "status": 30}
    )
    upload_url_seconds: int = Field(default=3600, ge=1)
    # [?] Per creator in reality (commonly 60-600 s); one value for every sandbox account.
    max_video_post_duration_sec: int = Field(default=600, ge=1)
    privacy_level_options: list[str] = Field(default_factory=lambda: list(PRIVACY_LEVELS))
    # What the creator turned off in the app: a post must then disable it too.
    comment_disabled: bool = False
    duet_disabled: bool = False
    stitch_disabled: bool = False
    # Moderation of a public post after PUBLISH_COMPLETE: "usually within one minute", at
    # times hours; the post id is withheld until it ends.
    moderation_seconds: float = Field(default=1.0, ge=0)
    # Unaudited clients may only post SELF_ONLY (to private accounts).
    client_audited: bool = True
    # Probe uploaded files with ffmpeg (format, codec, 23-60 fps, 360-4096 px, duration).
    validate_media: bool = True
    # [?] "MB" in the chunk rules: MiB here.
    min_chunk_bytes: int = Field(default=5 * MIB, ge=1)
    max_chunk_bytes: int = Field(default=64 * MIB, ge=1)
    max_final_chunk_bytes: int = Field(default=128 * MIB, ge=1)
    max_chunks: int = Field(default=1000, ge=1)
    # [?] Whether status/fetch lists the post id of a post that is not PUBLIC_TO_EVERYONE (the
    # field is for "publicly available" posts; the docs do not say what non-public ones get).
    private_post_ids: bool = False
    # [?] The publish_type webhooks carry for direct posts is unconfirmed.
    direct_publish_type: str = "DIRECT_PUBLISH"
    webhooks_enabled: bool = True
    # Where webhooks go; None: the app's /webhooks/tiktok under public_base_url.
    webhook_url: str | None = None


@dataclass
class Account:
    open_id: str
    union_id: str
    username: str
    authorized: bool = True


@dataclass
class Token:
    value: str
    open_id: str
    scopes: frozenset[str]
    expires_at: float
    revoked: bool = False


@dataclass
class AuthCode:
    open_id: str
    scopes: frozenset[str]
    redirect_uri: str
    code_challenge: str
    expires_at: float
    used: bool = False


@dataclass
class Publish:
    publish_id: str
    open_id: str
    mode: Literal["direct", "inbox"]
    video_size: int
    chunk_size: int
    total_chunk_count: int
    upload_id: str
    upload_token: str
    created_at: float
    upload_expires_at: float
    title: str = ""
    privacy_level: str | None = None
    status: Status = "PROCESSING_UPLOAD"
    fail_reason: str | None = None
    received: int = 0
    chunks_received: int = 0
    content_type: str | None = None
    data: bytearray = field(default_factory=bytearray)
    hasher: Any = field(default_factory=hashlib.sha256)
    ready_at: float | None = None
    forced_fail_reason: str | None = None
    settling: bool = False
    post_id: str | None = None
    moderated_at: float | None = None  # when a public post's id becomes visible
    post_info: dict[str, Any] = field(default_factory=dict)  # as sent with the init

    def counts_toward_cap(self, now: float) -> bool:
        if self.status == "FAILED":
            return False
        # An upload abandoned past its URL's life will never post.
        return not (self.status == "PROCESSING_UPLOAD" and now > self.upload_expires_at)

    def expected_chunk(self, index: int) -> tuple[int, int]:
        first = index * self.chunk_size
        last = (
            self.video_size - 1
            if index == self.total_chunk_count - 1
            else first + self.chunk_size - 1
        )
        return first, last


@dataclass
class Post:
    post_id: str
    open_id: str
    caption: str
    privacy_level: str
    published_at: float


class RateLimiter:
    """Requests per minute per (token, operation), on the sandbox clock."""

    def __init__(self) -> None:
        self._calls: dict[tuple[str, str], deque[float]] = {}

    def hit(self, token: str, operation: str, limit: int | None, now: float) -> int | None:
        """Records the call; returns seconds to wait when it is over the limit."""
        if limit is None:
            return None
        calls = self._calls.setdefault((token, operation), deque())
        while calls and calls[0] <= now - 60:
            calls.popleft()
        if len(calls) >= limit:
            return max(1, math.ceil(calls[0] + 60 - now))
        calls.append(now)
        return None


def new_log_id() -> str:
    return time.strftime("%Y%m%d%H%M%S", time.gmtime()) + secrets.token_hex(10).upper()


def open_id_for(client_key: str, username: str) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"tiktok-sandbox:{client_key}:{username}"))


def union_id_for(username: str) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"tiktok-sandbox-union:{username}"))


def check_source(source: Any, config: TikTokSandboxConfig) -> str | None:
    """Why a FILE_UPLOAD source_info breaks the chunk rules, or None."""
    if not isinstance(source, dict):
        return "source_info is required"
    if source.get("source") != "FILE_UPLOAD":
        return "source_info.source must be FILE_UPLOAD or PULL_FROM_URL"
    values = [source.get(key) for key in ("video_size", "chunk_size", "total_chunk_count")]
    numbers = [v for v in values if isinstance(v, int) and not isinstance(v, bool)]
    if len(numbers) != len(values):
        return "video_size, chunk_size and total_chunk_count must be integers"
    size, chunk, total = numbers
    if not 0 < size <= MAX_VIDEO_BYTES:
        return "video_size must be between 1 byte and 4 GB"
    if size < config.min_chunk_bytes:
        if chunk != size or total != 1:
            return "a video under 5 MB must be uploaded whole: chunk_size = video_size, 1 chunk"
        return None
    if not config.min_chunk_bytes <= chunk <= min(size, config.max_chunk_bytes):
        return "chunk_size must be 5-64 MB and at most video_size"
    if total != size // chunk:
        return "total_chunk_count must be floor(video_size / chunk_size)"
    if not 1 <= total <= config.max_chunks:
        return f"total_chunk_count must be between 1 and {config.max_chunks}"
    if size - (total - 1) * chunk > config.max_final_chunk_bytes:
        return "the final chunk may not exceed 128 MB"
    return None


def parse_content_range(value: str | None) -> tuple[int, int, int] | None:
    """``bytes first-last/total`` → (first, last, total)."""
    if not value or not value.startswith("bytes "):
        return None
    try:
        span, total = value[len("bytes ") :].split("/", 1)
        first, last = span.split("-", 1)
        parsed = int(first), int(last), int(total)
    except ValueError:
        return None
    if parsed[0] < 0 or parsed[1] < parsed[0] or parsed[2] <= parsed[1]:
        return None
    return parsed


def check_video(path: Path, max_duration: int, ffmpeg_path: str | None) -> str | None:
    """The fail_reason TikTok's processing would give this file, or None. Runs ffmpeg: call it
    in a thread."""
    from workers.media.errors import MediaError
    from workers.media.probe import probe

    try:
        info = probe(path, ffmpeg_path)
    except MediaError:
        return "file_format_check_failed"
    if not any(name in info.format_name.split(",") for name in ("mp4", "mov", "webm")):
        return "file_format_check_failed"
    if info.video.codec not in ("h264", "hevc", "vp8", "vp9"):
        return "file_format_check_failed"
    if not 23 <= round(info.frame_rate, 3) <= 60:
        return "frame_rate_check_failed"
    if min(info.width, info.height) < 360 or max(info.width, info.height) > 4096:
        return "picture_size_check_failed"
    if info.duration > max_duration:
        return "duration_check_failed"
    return None


def metrics_for(post_id: str, age_seconds: float) -> dict[str, int]:
    """Plausible counts that only grow with the post's age, the same for the same post and age."""
    seed = int(hashlib.sha256(post_id.encode()).hexdigest()[:8], 16)
    minutes = max(0.0, age_seconds) / 60
    views = int((40 + seed % 160) * minutes**0.75)
    return {
        "view_count": views,
        "like_count": views * (3 + seed % 7) // 100,
        "comment_count": views // (120 + seed % 80),
        "share_count": views // (250 + seed % 150),
    }


def utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def pkce_matches(verifier: str, challenge: str) -> bool:
    """S256. TikTok's desktop guide shows the challenge as hex of SHA-256 rather than RFC 7636's
    base64url [?]: both are accepted."""
    digest = hashlib.sha256(verifier.encode()).digest()
    candidates = {base64.urlsafe_b64encode(digest).rstrip(b"=").decode(), digest.hex()}
    return any(secrets.compare_digest(candidate, challenge) for candidate in candidates)


def background(tasks: set[asyncio.Task[None]], coroutine: Any) -> None:
    task = asyncio.get_running_loop().create_task(coroutine)
    tasks.add(task)
    task.add_done_callback(tasks.discard)
