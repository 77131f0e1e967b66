"""The one interface every platform implements, and the normalized values it speaks in.

Vendor types never leave ``backend/platforms/<platform>/``: clients return these dataclasses and
raise these errors. Publishing is split into steps so that the engine can persist what the
platform handed out (a container, a publish id, an upload session) *before* the next irreversible
call, and can always ask the platform what happened to it instead of guessing.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Literal, Protocol

from core.errors import PermanentError as AppPermanentError
from core.errors import RetryableError as AppRetryableError

Platform = Literal["instagram", "tiktok", "youtube"]
PLATFORMS: tuple[Platform, ...] = ("instagram", "tiktok", "youtube")

Privacy = Literal["public", "private", "unlisted"]
PostMode = Literal["direct", "draft"]

# What happened to an upload, as far as the platform says:
#   uploading  — the platform holds fewer bytes than the file has (``uploaded_bytes`` says how many)
#   processing — all bytes are in; the platform is still working on them
#   ready      — processed and waiting for an explicit publish call (Instagram containers)
#   published  — live, or in the creator's inbox (``detail``); ``remote_post_id`` set
#   scheduled  — accepted and processed, released by the platform itself at ``release_at``
#                (YouTube: private with publishAt); ``remote_post_id`` set
#   failed     — the platform gave up on this upload; ``reason`` says why
#   expired    — the upload session or container is gone; start a new one
RemotePhase = Literal[
    "uploading", "processing", "ready", "published", "scheduled", "failed", "expired"
]

ProgressCallback = Callable[[int, int], Awaitable[None]]


# --- errors --------------------------------------------------------------------------------------


class PlatformError(Exception):
    """A platform refused or failed a call. ``reason`` keeps the platform's own code/message;
    ``user_message`` says it in words a marketer understands."""

    retryable: bool = False

    def __init__(
        self,
        platform: str,
        reason: str,
        user_message: str | None = None,
        *,
        retry_after_seconds: float | None = None,
        status_code: int | None = None,
    ) -> None:
        Exception.__init__(self, f"{platform}: {reason}")
        self.platform = platform
        self.reason = reason
        self.user_message = user_message or reason
        self.retry_after_seconds = retry_after_seconds
        self.status_code = status_code


class RetryableError(PlatformError, AppRetryableError):
    """Worth trying again after a pause: 429, 5xx, timeouts, dropped connections, transient
    codes."""

    retryable = True


class PermanentError(PlatformError, AppPermanentError):
    """Retrying will not help: validation, policy, permissions."""


class AuthError(PermanentError):
    """The token is expired, revoked or lacks a scope: refresh it, or the user must reconnect."""


class QuotaExceeded(PlatformError):
    """The account's publishing allowance is used up; ``retry_after_seconds`` says when it frees."""


class MediaRejected(PermanentError):
    """The platform refused the file itself (format, duration, size)."""


class RefreshTooEarly(RetryableError):
    """The platform will not refresh a token this young yet (Instagram: under 24 hours). The
    token still works: nothing is broken, try again later."""


# --- values --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TokenGrant:
    """Tokens as a platform issued them. ``refresh_token`` is None where there is none
    (Instagram refreshes the access token itself)."""

    access_token: str
    expires_at: datetime | None
    refresh_token: str | None = None
    refresh_expires_at: datetime | None = None
    scopes: tuple[str, ...] = ()


@dataclass(frozen=True)
class RemoteAccount:
    remote_id: str  # Instagram user id, TikTok open_id, YouTube channel id
    username: str
    display_name: str | None = None


@dataclass(frozen=True)
class Credentials:
    access_token: str
    remote_account_id: str
    # What the user granted; a platform with two sign-in flows tells them apart by it.
    scopes: tuple[str, ...] = ()


@dataclass(frozen=True)
class MediaFile:
    path: Path
    size_bytes: int
    duration_seconds: float
    width: int
    height: int
    content_type: str = "video/mp4"
    cover_path: Path | None = None
    # Signed, expiring links to the file and its cover on the public base URL, for platforms
    # that fetch the media themselves (Instagram's video_url and cover_url).
    url: str | None = None
    cover_url: str | None = None


@dataclass(frozen=True)
class PostSpec:
    caption: str
    title: str = ""
    privacy: Privacy = "public"
    mode: PostMode = "direct"  # TikTok: direct post, or "draft" into the creator's inbox
    publish_at: datetime | None = None  # YouTube: scheduled release (the video stays private until)
    share_to_feed: bool = True  # Instagram
    cover_offset_ms: int | None = None
    # The user's own choices for this post on this platform (TikTok interactions and
    # disclosures, YouTube audience and tags), as the platform package's choices model
    # validated them. Never filled in by us: a choice the platform requires and the user did
    # not make is refused, not defaulted.
    options: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class UploadTicket:
    """What the platform handed out when the upload began; persisted before any bytes move.

    ``remote_id``: Instagram container id, TikTok publish_id, YouTube resumable session URI.
    ``upload_url``: where the bytes go (may equal ``remote_id``).
    """

    remote_id: str
    upload_url: str
    extra: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class RemoteState:
    phase: RemotePhase
    uploaded_bytes: int = 0
    remote_post_id: str | None = None
    url: str | None = None
    reason: str | None = None
    retryable: bool = False
    detail: str | None = None
    # The platform's pace: do not ask ``status`` again sooner (Instagram: once a minute).
    poll_after_seconds: float | None = None
    release_at: datetime | None = None  # phase "scheduled": when the platform releases it
    # What the platform refused without failing the post (a custom thumbnail, say).
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class QuotaStatus:
    used: int
    limit: int
    resets_at: datetime | None

    @property
    def exhausted(self) -> bool:
        return self.used >= self.limit


@dataclass(frozen=True)
class PostMetrics:
    views: int | None = None
    likes: int | None = None
    comments: int | None = None
    shares: int | None = None
    watch_time_seconds: float | None = None


# --- interfaces ----------------------------------------------------------------------------------


class OAuthProvider(Protocol):
    platform: Platform
    uses_pkce: bool

    def authorization_url(
        self, *, state: str, redirect_uri: str, code_challenge: str | None
    ) -> str:
        """Where to send the user's browser to grant us access."""
        ...

    async def exchange_code(
        self, *, code: str, redirect_uri: str, code_verifier: str | None
    ) -> TokenGrant:
        """Code → the longest-lived tokens the platform offers (Instagram: the 60-day token)."""
        ...

    async def refresh(self, grant: TokenGrant) -> TokenGrant:
        """A fresh grant. Raises AuthError when the platform no longer accepts ours."""
        ...

    async def fetch_account(self, access_token: str) -> RemoteAccount: ...

    async def revoke(self, grant: TokenGrant) -> None:
        """Tell the platform we are done with these tokens (where it has an endpoint for it)."""
        ...


class Publisher(Protocol):
    platform: Platform

    async def quota(self, credentials: Credentials) -> QuotaStatus | None:
        """The allowance as the platform reports it, or None where it reports none (then the
        engine counts against its configured limit)."""
        ...

    async def begin(
        self, credentials: Credentials, media: MediaFile, post: PostSpec
    ) -> UploadTicket:
        """Open an upload (container / init / resumable session). Nothing is public yet."""
        ...

    async def upload(
        self,
        credentials: Credentials,
        ticket: UploadTicket,
        media: MediaFile,
        *,
        offset: int,
        progress: ProgressCallback | None = None,
    ) -> RemoteState:
        """Send the bytes from ``offset`` on (what ``status`` said the platform holds)."""
        ...

    async def status(self, credentials: Credentials, ticket: UploadTicket) -> RemoteState:
        """Ask the platform what became of this upload. Safe to call any time, any number of
        times."""
        ...

    async def publish(
        self, credentials: Credentials, ticket: UploadTicket, post: PostSpec
    ) -> RemoteState:
        """Make a ``ready`` upload public. Only Instagram has this step; the others publish on
        their own once the upload completes and return ``status`` here."""
        ...

    async def metrics(self, credentials: Credentials, remote_post_id: str) -> PostMetrics: ...


# --- webhooks ------------------------------------------------------------------------------------

WebhookKind = Literal[
    "publish.completed",  # TikTok post.publish.complete / inbox_delivered; YouTube upload notice
    "publish.available",  # TikTok post.publish.publicly_available
    "publish.failed",  # TikTok post.publish.failed
    "publish.removed",  # TikTok post.publish.no_longer_publicaly_available
    "account.revoked",  # TikTok authorization.removed
    "other",  # verified, recorded, nothing to change (comments, mentions...)
]


class SignatureInvalid(Exception):
    """The webhook's signature is missing, malformed or wrong."""


class SignatureStale(SignatureInvalid):
    """The signature is right but its timestamp is too old (a replay)."""


class MalformedWebhook(ValueError):
    """A verified body that does not have the shape the platform documents. Raised by the
    platforms' ``parse``; the webhooks service turns it into ``WebhookMalformed`` (400)."""


@dataclass(frozen=True)
class WebhookEvent:
    platform: Platform
    kind: WebhookKind
    key: str  # stable across redeliveries of the same event: the dedupe key
    remote_account_id: str | None = None
    remote_upload_id: str | None = None  # TikTok publish_id
    remote_post_id: str | None = None
    reason: str | None = None
