"""The YouTube emulator's in-memory world: configuration, accounts, tokens, upload sessions,
videos, quotas and WebSub subscriptions, plus the error format every YouTube route answers in.
Routes live in ``youtube.py`` (API and control), ``youtube_oauth.py`` and ``youtube_hub.py``."""

from __future__ import annotations

import base64
import hashlib
import secrets
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Literal
from zoneinfo import ZoneInfo

from pydantic import BaseModel, Field
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from sandbox.context import SandboxContext, bearer_token, with_retry_after

PLATFORM = "youtube"
PACIFIC = ZoneInfo("America/Los_Angeles")

SCOPE_UPLOAD = "https://www.googleapis.com/auth/youtube.upload"
SCOPE_READONLY = "https://www.googleapis.com/auth/youtube.readonly"
SCOPE_MANAGE = "https://www.googleapis.com/auth/youtube"
SCOPE_FORCE_SSL = "https://www.googleapis.com/auth/youtube.force-ssl"
KNOWN_SCOPES = frozenset(
    {SCOPE_UPLOAD, SCOPE_READONLY, SCOPE_MANAGE, SCOPE_FORCE_SSL, "openid", "email", "profile"}
)
UPLOAD_SCOPES = frozenset({SCOPE_UPLOAD, SCOPE_MANAGE, SCOPE_FORCE_SSL})
READ_SCOPES = frozenset({SCOPE_READONLY, SCOPE_MANAGE, SCOPE_FORCE_SSL})

# Google's video categories (the common, assignable ones).
CATEGORY_IDS = frozenset(
    {"1", "2", "10", "15", "17", "19", "20", "22", "23", "24", "25", "26", "27", "28", "29"}
)

REASONS_BY_STATUS = {
    400: ("badRequest", "global"),
    401: ("authError", "global"),
    403: ("forbidden", "global"),
    404: ("notFound", "global"),
    429: ("rateLimitExceeded", "usageLimits"),
}


class YouTubeConfig(BaseModel):
    """Knobs for what the reference marks [?] or what differs per Google project."""

    access_token_seconds: int = Field(default=3600, ge=1)
    # None: refresh tokens live until revoked (published apps). Apps in "Testing" get 7 days.
    refresh_token_seconds: int | None = Field(default=None, ge=1)
    # [?] Google normally keeps the refresh token on refresh; True hands out a new one each time
    # and retires the old one.
    rotate_refresh_tokens: bool = False
    # videos.insert's own bucket (per Google project, not per channel), reset at midnight PT.
    daily_upload_quota: int = Field(default=100, ge=0)
    # Every other call shares this many units a day (1 unit per list call).
    daily_units_quota: int = Field(default=10_000, ge=0)
    # [?] Per-channel uploads in a rolling 24 h before "uploadLimitExceeded" (None: no cap).
    channel_daily_upload_limit: int | None = Field(default=None, ge=0)
    # [?] Every chunk but the last must be a multiple of this (0: any size); a violating chunk
    # is refused with 400 ("reject") or kept only up to the last multiple ("truncate").
    chunk_multiple_bytes: int = Field(default=256 * 1024, ge=0)
    chunk_violation: Literal["reject", "truncate"] = "reject"
    # [?] An unfinished session answers 404 after this long (finished ones keep answering).
    session_ttl_seconds: float = Field(default=7 * 24 * 3600, gt=0)
    # [?] Whether chunk PUTs need a valid bearer token, or the session URI alone suffices.
    session_requires_token: bool = False
    max_file_bytes: int = Field(default=256 * 1024**3, ge=1)
    # Google accepts PKCE but does not demand it from web clients; True demands it.
    require_pkce: bool = False
    code_ttl_seconds: int = Field(default=600, ge=1)
    # WebSub leases: the hub's default and cap [?].
    websub_default_lease_seconds: int = Field(default=432_000, ge=1)
    websub_max_lease_seconds: int = Field(default=864_000, ge=1)


@dataclass
class Account:
    channel_id: str
    username: str
    created_at: float


@dataclass
class Grant:
    channel_id: str
    scopes: frozenset[str]
    refresh_token: str
    refresh_expires_at: float | None
    revoked: bool = False


@dataclass
class Code:
    channel_id: str
    client_id: str
    redirect_uri: str
    scopes: frozenset[str]
    challenge: str | None
    method: str
    expires_at: float
    used: bool = False


@dataclass
class Session:
    upload_id: str
    channel_id: str
    resource: dict[str, Any]
    notify_subscribers: bool
    size: int
    content_type: str
    created_at: float
    data: bytearray = field(default_factory=bytearray)
    video_id: str | None = None


@dataclass
class Video:
    video_id: str
    channel_id: str
    title: str
    description: str
    category_id: str
    privacy: str
    publish_at: float | None
    created_at: float
    ready_at: float
    size: int
    sha256: str
    failure_reason: str | None = None
    made_for_kids: bool = False
    tags: list[str] = field(default_factory=list)
    thumbnail_sha256: str | None = None


@dataclass
class Subscription:
    callback: str
    topic: str
    channel_id: str
    secret: str | None
    expires_at: float


@dataclass
class World:
    context: SandboxContext
    config: YouTubeConfig
    accounts: dict[str, Account] = field(default_factory=dict)  # by username
    codes: dict[str, Code] = field(default_factory=dict)
    grants: dict[str, Grant] = field(default_factory=dict)  # by grant id
    access_tokens: dict[str, tuple[str, float]] = field(default_factory=dict)  # -> grant, expiry
    refresh_tokens: dict[str, str] = field(default_factory=dict)  # -> grant id
    sessions: dict[str, Session] = field(default_factory=dict)
    videos: dict[str, Video] = field(default_factory=dict)
    uploads_by_day: dict[str, int] = field(default_factory=dict)
    units_by_day: dict[str, int] = field(default_factory=dict)
    channel_uploads: dict[str, list[float]] = field(default_factory=dict)
    subscriptions: dict[tuple[str, str], Subscription] = field(default_factory=dict)
    notifications_sent: int = 0

    def now(self) -> float:
        return self.context.now()

    # --- accounts and tokens -------------------------------------------------------------

    def account(self, username: str) -> Account:
        """A username always maps to the same channel id (even across sandbox restarts)."""
        account = self.accounts.get(username)
        if account is None:
            digest = hashlib.sha256(f"youtube-channel:{username}".encode()).digest()
            channel_id = "UC" + base64.urlsafe_b64encode(digest).decode()[:22]
            account = Account(channel_id=channel_id, username=username, created_at=self.now())
            self.accounts[username] = account
        return account

    def account_by_channel(self, channel_id: str) -> Account | None:
        return next((a for a in self.accounts.values() if a.channel_id == channel_id), None)

    def issue_access(self, grant_id: str) -> str:
        token = "ya29.sandbox-" + secrets.token_urlsafe(32)
        self.access_tokens[token] = (grant_id, self.now() + self.config.access_token_seconds)
        return token

    def new_grant(self, channel_id: str, scopes: frozenset[str]) -> tuple[str, Grant]:
        grant_id = secrets.token_hex(8)
        refresh = "1//sandbox-" + secrets.token_urlsafe(32)
        lifetime = self.config.refresh_token_seconds
        grant = Grant(
            channel_id=channel_id,
            scopes=scopes,
            refresh_token=refresh,
            refresh_expires_at=self.now() + lifetime if lifetime else None,
        )
        self.grants[grant_id] = grant
        self.refresh_tokens[refresh] = grant_id
        return grant_id, grant

    def token_grant(self, access_token: str) -> tuple[Grant | None, str]:
        """The live grant behind a bearer token, or (None, why not)."""
        entry = self.access_tokens.get(access_token)
        if entry is None:
            return None, "Invalid Credentials"
        grant_id, expires_at = entry
        grant = self.grants.get(grant_id)
        if grant is None or grant.revoked:
            return None, "Token has been revoked"
        if self.now() >= expires_at:
            return None, "Token has expired"
        return grant, ""

    def revoke_channel(self, channel_id: str) -> int:
        revoked = 0
        for grant in self.grants.values():
            if grant.channel_id == channel_id and not grant.revoked:
                grant.revoked = True
                revoked += 1
        return revoked

    # --- quota -------------------------------------------------------------------------

    def day(self) -> str:
        return datetime.fromtimestamp(self.now(), UTC).astimezone(PACIFIC).date().isoformat()

    def charge_units(self, units: int = 1) -> bool:
        day = self.day()
        if self.units_by_day.get(day, 0) + units > self.config.daily_units_quota:
            return False
        self.units_by_day[day] = self.units_by_day.get(day, 0) + units
        return True

    def charge_upload(self) -> bool:
        day = self.day()
        if self.uploads_by_day.get(day, 0) >= self.config.daily_upload_quota:
            return False
        self.uploads_by_day[day] = self.uploads_by_day.get(day, 0) + 1
        return True

    def channel_upload_allowed(self, channel_id: str) -> bool:
        limit = self.config.channel_daily_upload_limit
        if limit is None:
            return True
        recent = [t for t in self.channel_uploads.get(channel_id, []) if t > self.now() - 86400]
        self.channel_uploads[channel_id] = recent
        return len(recent) < limit

    # --- videos ------------------------------------------------------------------------

    def upload_status(self, video: Video) -> str:
        if self.now() < video.ready_at:
            return "uploaded"
        return "failed" if video.failure_reason else "processed"

    def privacy(self, video: Video) -> str:
        if video.publish_at is not None and self.now() >= video.publish_at:
            return "public"
        return video.privacy

    def statistics(self, video: Video) -> dict[str, str]:
        """Deterministic counts that grow with sandbox time once the video is public."""
        seed = int(hashlib.sha256(video.video_id.encode()).hexdigest()[:8], 16)
        live_since = max(video.ready_at, video.publish_at or 0.0)
        hours = max(0.0, self.now() - live_since) / 3600
        public = self.privacy(video) == "public" and self.upload_status(video) == "processed"
        views = int((60 + seed % 540) * hours**0.85) if public else 0
        likes = views * (30 + seed % 40) // 1000
        comments = views * (3 + seed % 8) // 1000
        return {
            "viewCount": str(views),
            "likeCount": str(likes),
            "favoriteCount": "0",
            "commentCount": str(comments),
        }

    def render_video(self, video: Video, parts: set[str]) -> dict[str, Any]:
        account = self.account_by_channel(video.channel_id)
        item: dict[str, Any] = {
            "kind": "youtube#video",
            "etag": hashlib.sha1(video.video_id.encode()).hexdigest(),  # noqa: S324 - an etag
            "id": video.video_id,
        }
        if "snippet" in parts:
            item["snippet"] = {
                "publishedAt": iso(video.publish_at or video.created_at),
                "channelId": video.channel_id,
                "title": video.title,
                "description": video.description,
                "channelTitle": account.username if account else "",
                "categoryId": video.category_id,
                **({"tags": video.tags} if video.tags else {}),
                "liveBroadcastContent": "none",
            }
        if "status" in parts:
            upload_status = self.upload_status(video)
            status: dict[str, Any] = {
                "uploadStatus": upload_status,
                "privacyStatus": self.privacy(video),
                "license": "youtube",
                "embeddable": True,
                "publicStatsViewable": True,
                "madeForKids": video.made_for_kids,
                "selfDeclaredMadeForKids": video.made_for_kids,
            }
            if video.publish_at is not None and self.now() < video.publish_at:
                status["publishAt"] = iso(video.publish_at)
            if upload_status == "failed":
                status["failureReason"] = video.failure_reason
            item["status"] = status
        if "statistics" in parts:
            item["statistics"] = self.statistics(video)
        if "processingDetails" in parts:
            done = self.upload_status(video) != "uploaded"
            item["processingDetails"] = {
                "processingStatus": (
                    "processing" if not done else "failed" if video.failure_reason else "succeeded"
                )
            }
        return item


def iso(timestamp: float) -> str:
    return (
        datetime.fromtimestamp(timestamp, UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
    )


def api_error(
    status: int,
    message: str,
    reason: str | None = None,
    *,
    domain: str | None = None,
    retry_after: int | None = None,
    headers: dict[str, str] | None = None,
) -> Response:
    """Google's JSON error body: {"error": {"code", "message", "errors": [{...}], "status"}}."""
    default_reason, default_domain = REASONS_BY_STATUS.get(
        status, ("backendError", "global") if status >= 500 else ("badRequest", "global")
    )
    detail = {
        "message": message,
        "domain": domain or default_domain,
        "reason": reason or default_reason,
    }
    body = {"error": {"code": status, "message": message, "errors": [detail]}}
    extra = dict(headers or {})
    if status == 401:
        extra["WWW-Authenticate"] = (
            'Bearer realm="https://accounts.google.com/", error="invalid_token"'
        )
    return JSONResponse(body, status_code=status, headers=with_retry_after(extra, retry_after))


def injected_error(status: int, message: str, retry_after: int | None) -> Response:
    """The responder ``context.inject`` uses for API routes."""
    return api_error(status, message, retry_after=retry_after)


def authorize(world: World, request: Request, scopes: frozenset[str]) -> Grant | Response:
    """The grant behind the request's bearer token, or Google's 401/403 answer."""
    token = bearer_token(request)
    if token is None:
        return api_error(
            401,
            "Request is missing required authentication credential. Expected OAuth 2 access "
            "token, login cookie or other valid authentication credential.",
            "required",
        )
    grant, why = world.token_grant(token)
    if grant is None:
        return api_error(
            401,
            f"Request had invalid authentication credentials ({why}). Expected OAuth 2 access "
            "token, login cookie or other valid authentication credential.",
            "authError",
        )
    if not grant.scopes & scopes:
        return api_error(
            403,
            "Request had insufficient authentication scopes.",
            "insufficientPermissions",
        )
    return grant


def quota_exceeded() -> Response:
    return api_error(
        403,
        "The request cannot be completed because you have exceeded your quota.",
        "quotaExceeded",
        domain="youtube.quota",
    )
