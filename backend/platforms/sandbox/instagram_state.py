"""The Instagram emulator's memory and rules: accounts, codes and tokens, containers and their
bytes, published media, the publishing limit, insights. No HTTP here (see ``instagram.py``).

Every rule raises the platform's own error (``GraphFault``, ``UploadFault``, ``OAuthFault``) with
the codes Meta documents; the routes only render them.
"""

from __future__ import annotations

import base64
import hashlib
import math
import re
import secrets
from dataclasses import dataclass, field
from datetime import UTC, datetime

from pydantic import BaseModel, Field

from backend.platforms.sandbox.instagram_mp4 import NotMp4, inspect_mp4

SCOPES = frozenset(
    {
        "instagram_business_basic",
        "instagram_business_content_publish",
        "instagram_business_manage_insights",
        "instagram_business_manage_comments",
        "instagram_business_manage_messages",
    }
)
BASIC = "instagram_business_basic"
PUBLISH = "instagram_business_content_publish"
INSIGHTS = "instagram_business_manage_insights"

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

USERNAME = re.compile(r"^[A-Za-z0-9._]{1,30}$")


class SandboxConfig(BaseModel):
    """Knobs for what the sources leave open [?] or what tests need to move."""

    # The publishing limit: 50 in the reference example, 25 in older docs, 100 elsewhere [?].
    quota_total: int = Field(default=50, ge=0)
    quota_duration_seconds: int = Field(default=86400, ge=1)
    short_token_seconds: int = Field(default=3600, ge=1)
    long_token_seconds: int = Field(default=60 * 86400, ge=1)
    refresh_min_age_seconds: int = Field(default=86400, ge=0)
    # Whether a refresh ends the previous token at once [?]; Meta only says the new one lasts
    # 60 days from the refresh.
    refresh_invalidates_previous: bool = False
    # How long an authorization code may wait before it is exchanged [?].
    code_ttl_seconds: int = Field(default=3600, ge=1)
    container_ttl_seconds: int = Field(default=86400, ge=1)
    # 300 MB per the copies of the Reels spec we have; some say 1 GB [?].
    max_video_bytes: int = Field(default=300 * 1024 * 1024, ge=1)
    min_duration_seconds: float = Field(default=3.0, ge=0)
    max_duration_seconds: float = Field(default=900.0, gt=0)
    caption_max_chars: int = Field(default=2200, ge=1)
    max_hashtags: int = Field(default=30, ge=0)
    max_mentions: int = Field(default=20, ge=0)
    # Whether GET on the upload uri tells the bytes received [?]. Off: the client must restart
    # from 0.
    upload_offset_query: bool = True


class ConfigChange(BaseModel):
    quota_total: int | None = Field(default=None, ge=0)
    quota_duration_seconds: int | None = Field(default=None, ge=1)
    short_token_seconds: int | None = Field(default=None, ge=1)
    long_token_seconds: int | None = Field(default=None, ge=1)
    refresh_min_age_seconds: int | None = Field(default=None, ge=0)
    refresh_invalidates_previous: bool | None = None
    code_ttl_seconds: int | None = Field(default=None, ge=1)
    container_ttl_seconds: int | None = Field(default=None, ge=1)
    max_video_bytes: int | None = Field(default=None, ge=1)
    min_duration_seconds: float | None = Field(default=None, ge=0)
    max_duration_seconds: float | None = Field(default=None, gt=0)
    caption_max_chars: int | None = Field(default=None, ge=1)
    max_hashtags: int | None = Field(default=None, ge=0)
    max_mentions: int | None = Field(default=None, ge=0)
    upload_offset_query: bool | None = None


# --- the platform's errors ---------------------------------------------------------------------


class GraphFault(Exception):
    """A Graph API error: ``{"error": {...}}``, HTTP 400 unless said otherwise."""

    def __init__(
        self,
        code: int,
        message: str,
        subcode: int | None = None,
        *,
        status: int = 400,
        user_title: str | None = None,
        user_msg: str | None = None,
        transient: bool = False,
        kind: str = "OAuthException",
    ) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.subcode = subcode
        self.status = status
        self.user_title = user_title
        self.user_msg = user_msg
        self.transient = transient
        self.kind = kind

    def body(self) -> dict[str, object]:
        error: dict[str, object] = {
            "message": self.message,
            "type": self.kind,
            "code": self.code,
            "is_transient": self.transient,
            "fbtrace_id": "A" + secrets.token_urlsafe(16),
        }
        if self.subcode is not None:
            error["error_subcode"] = self.subcode
        if self.user_title:
            error["error_user_title"] = self.user_title
        if self.user_msg:
            error["error_user_msg"] = self.user_msg
        return {"error": error}


class UploadFault(Exception):
    """rupload's error: ``{"debug_info": {"retriable", "type", "message"}}``."""

    def __init__(self, status: int, kind: str, message: str, *, retriable: bool = False) -> None:
        super().__init__(message)
        self.status = status
        self.kind = kind
        self.message = message
        self.retriable = retriable

    def body(self) -> dict[str, object]:
        return {
            "debug_info": {"retriable": self.retriable, "type": self.kind, "message": self.message}
        }


class OAuthFault(Exception):
    """api.instagram.com's error: ``{"error_type", "code", "error_message"}``."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status
        self.message = message

    def body(self) -> dict[str, object]:
        return {"error_type": "OAuthException", "code": self.status, "error_message": self.message}


def invalid_token() -> GraphFault:
    return GraphFault(190, "Invalid OAuth access token - Cannot parse access token")


def no_such_object(node: str, verb: str = "get") -> GraphFault:
    return GraphFault(
        100,
        f"Unsupported {verb} request. Object with ID '{node}' does not exist, cannot be loaded "
        "due to missing permissions, or does not support this operation.",
        33,
    )


def media_format(detail: str) -> GraphFault:
    return GraphFault(
        352,
        "The video format is not supported. Please check spec for supported video format",
        2207026,
        user_title="Unsupported video format",
        user_msg=detail,
    )


# --- records -----------------------------------------------------------------------------------


@dataclass
class Account:
    id: str
    username: str
    name: str


@dataclass
class Token:
    value: str
    account_id: str
    long_lived: bool
    scopes: frozenset[str]
    issued_at: float
    expires_at: float
    revoked: bool = False


@dataclass
class Code:
    value: str
    account_id: str
    scopes: frozenset[str]
    redirect_uri: str
    issued_at: float
    used: bool = False


@dataclass
class Container:
    id: str
    account_id: str
    caption: str
    share_to_feed: bool
    thumb_offset_ms: int | None
    created_at: float
    data: bytearray = field(default_factory=bytearray)
    declared_size: int | None = None
    completed_at: float | None = None
    ready_at: float | None = None
    failure: GraphFault | None = None
    duration_seconds: float | None = None
    media_id: str | None = None

    @property
    def complete(self) -> bool:
        return self.completed_at is not None

    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


@dataclass
class Media:
    id: str
    account_id: str
    container_id: str
    caption: str
    published_at: float
    shortcode: str
    duration_seconds: float
    share_to_feed: bool


def graph_time(moment: float) -> str:
    return datetime.fromtimestamp(moment, UTC).strftime("%Y-%m-%dT%H:%M:%S+0000")


def _digits(text: str, count: int) -> str:
    return str(int(hashlib.sha256(text.encode()).hexdigest(), 16) % 10**count).zfill(count)


class InstagramState:
    def __init__(self, app_id: str, app_secret: str, redirect_uri: str) -> None:
        self.app_id = app_id
        self.app_secret = app_secret
        self.redirect_uri = redirect_uri
        self.config = SandboxConfig()
        self.accounts: dict[str, Account] = {}
        self.codes: dict[str, Code] = {}
        self.tokens: dict[str, Token] = {}
        self.containers: dict[str, Container] = {}
        self.media: dict[str, Media] = {}  # insertion order = publication order
        self._serial = 0

    def _next_id(self, prefix: str) -> str:
        self._serial += 1
        return f"{prefix}{self._serial:014d}"

    # --- accounts and tokens -------------------------------------------------------------------

    def account_for(self, username: str) -> Account:
        """The same username always maps to the same id, across sandbox restarts too."""
        account_id = "1784" + _digits(username.lower(), 13)
        if account_id not in self.accounts:
            name = username.replace("_", " ").replace(".", " ").strip().title() or username
            self.accounts[account_id] = Account(account_id, username, name)
        return self.accounts[account_id]

    def issue_code(self, account: Account, scopes: frozenset[str], now: float) -> str:
        value = "AQ" + secrets.token_urlsafe(32)
        self.codes[value] = Code(value, account.id, scopes, self.redirect_uri, now)
        return value

    def _issue_token(
        self, account_id: str, scopes: frozenset[str], long: bool, now: float
    ) -> Token:
        lifetime = self.config.long_token_seconds if long else self.config.short_token_seconds
        token = Token(
            value="IGAA" + secrets.token_urlsafe(40),
            account_id=account_id,
            long_lived=long,
            scopes=scopes,
            issued_at=now,
            expires_at=now + lifetime,
        )
        self.tokens[token.value] = token
        return token

    def redeem_code(self, form: dict[str, str], now: float) -> Token:
        if form.get("client_id") != self.app_id:
            raise OAuthFault("Invalid platform app")
        if form.get("client_secret") != self.app_secret:
            raise OAuthFault("Error validating client secret.")
        if form.get("grant_type") != "authorization_code":
            raise OAuthFault("Unsupported grant_type: expected authorization_code")
        if form.get("redirect_uri") != self.redirect_uri:
            raise OAuthFault(
                "Error validating verification code. Please make sure your "
                "redirect_uri is identical to the one you used in the OAuth dialog "
                "request"
            )
        code = self.codes.get(form.get("code", ""))
        if code is None or code.used:
            raise OAuthFault("This authorization code has been used")
        if now > code.issued_at + self.config.code_ttl_seconds:
            raise OAuthFault("This authorization code has expired")
        code.used = True
        return self._issue_token(code.account_id, code.scopes, False, now)

    def authenticate(self, value: str | None, now: float, scope: str | None = None) -> Token:
        if not value:
            raise GraphFault(104, "An access token is required to request this resource.")
        token = self.tokens.get(value)
        if token is None:
            raise invalid_token()
        if token.revoked:
            raise GraphFault(
                190,
                "Error validating access token: The user has not authorized application "
                f"{self.app_id}.",
                458,
            )
        if now >= token.expires_at:
            moment = datetime.fromtimestamp(token.expires_at, UTC).strftime("%A, %d-%b-%y %H:%M")
            raise GraphFault(
                190, f"Error validating access token: Session has expired on {moment} UTC.", 463
            )
        if scope is not None and scope not in token.scopes:
            raise GraphFault(10, "(#10) Application does not have permission for this action")
        return token

    def exchange(self, params: dict[str, str], token_value: str | None, now: float) -> Token:
        if params.get("grant_type") != "ig_exchange_token":
            raise GraphFault(100, "Unsupported grant_type: expected ig_exchange_token")
        if params.get("client_secret") != self.app_secret:
            raise GraphFault(100, "Error validating client secret.")
        token = self.authenticate(token_value, now)
        if token.long_lived:
            raise GraphFault(100, "The access token is already a long-lived token")
        return self._issue_token(token.account_id, token.scopes, True, now)

    def refresh(self, params: dict[str, str], token_value: str | None, now: float) -> Token:
        if params.get("grant_type") != "ig_refresh_token":
            raise GraphFault(100, "Unsupported grant_type: expected ig_refresh_token")
        token = self.authenticate(token_value, now)
        if not token.long_lived:
            raise GraphFault(100, "Only long-lived access tokens can be refreshed")
        if now - token.issued_at < self.config.refresh_min_age_seconds:
            raise GraphFault(100, "The access token must be at least 24 hours old to be refreshed")
        if self.config.refresh_invalidates_previous:
            token.revoked = True
        return self._issue_token(token.account_id, token.scopes, True, now)

    def revoke_account(self, account_id: str) -> int:
        """The user removed the app: every token of the account stops working."""
        revoked = 0
        for token in self.tokens.values():
            if token.account_id == account_id and not token.revoked:
                token.revoked = True
                revoked += 1
        return revoked

    def owner(self, token: Token, node: str, verb: str) -> Account:
        if node not in ("me", token.account_id):
            raise no_such_object(node, verb)
        return self.accounts[token.account_id]

    # --- containers ----------------------------------------------------------------------------

    def create_container(self, account: Account, form: dict[str, str], now: float) -> Container:
        media_type = form.get("media_type", "")
        if media_type != "REELS":
            if media_type in ("", "IMAGE", "CAROUSEL", "STORIES"):
                raise GraphFault(
                    100, "The sandbox emulates Reels only: set media_type=REELS", 2207023
                )
            raise GraphFault(100, f"The media type {media_type} is unknown.", 2207023)
        if form.get("video_url"):
            raise GraphFault(100, "The sandbox does not fetch video_url; use upload_type=resumable")
        if form.get("upload_type") != "resumable":
            raise GraphFault(100, "(#100) The parameter video_url is required")
        caption = form.get("caption", "")
        self._check_caption(caption)
        thumb_offset: int | None = None
        if form.get("thumb_offset") not in (None, ""):
            try:
                thumb_offset = int(form["thumb_offset"])
            except ValueError:
                thumb_offset = -1
            if thumb_offset < 0:
                raise GraphFault(
                    1,
                    "Thumbnail offset must be greater than or equal to 0 and less than video "
                    "duration",
                    2207057,
                )
        container = Container(
            id=self._next_id("179"),
            account_id=account.id,
            caption=caption,
            share_to_feed=form.get("share_to_feed", "true").lower() != "false",
            thumb_offset_ms=thumb_offset,
            created_at=now,
        )
        self.containers[container.id] = container
        return container

    def _check_caption(self, caption: str) -> None:
        config = self.config
        if len(caption) > config.caption_max_chars:
            raise GraphFault(
                36004,
                f"The submitted image's caption was {len(caption)} characters long. The maximum "
                f"number of characters permitted for a caption is {config.caption_max_chars}. "
                "Please submit media with a shorter caption.",
                2207010,
            )
        if len(re.findall(r"(?<!\w)#\w", caption)) > config.max_hashtags:
            raise GraphFault(
                36004, f"A caption may hold at most {config.max_hashtags} hashtags.", 2207010
            )
        if len(re.findall(r"(?<!\w)@[\w.]", caption)) > config.max_mentions:
            raise GraphFault(
                100, f"Cannot use more than {config.max_mentions} tags per created media.", 2207040
            )

    def status_code(self, container: Container, now: float) -> tuple[str, str]:
        """``status_code`` and ``status`` as ``GET /{container}`` reports them."""
        if container.media_id is not None:
            return "PUBLISHED", "Published: Media has been successfully published."
        processed = container.ready_at is not None and now >= container.ready_at
        if processed and container.failure is not None:
            subcode = container.failure.subcode
            return "ERROR", f"Error: Media upload has failed with error code {subcode}"
        if now >= container.created_at + self.config.container_ttl_seconds:
            return "EXPIRED", "Expired: Media was not published within 24 hours."
        if not container.complete:
            return "IN_PROGRESS", "In Progress: Waiting for the upload to complete."
        if not processed:
            return "IN_PROGRESS", "In Progress: Media is still being processed."
        return "FINISHED", "Finished: Media has been uploaded and it is ready to be published."

    def upload_container(self, token: Token, container_id: str, now: float) -> Container:
        container = self.containers.get(container_id)
        if container is None or container.account_id != token.account_id:
            raise UploadFault(404, "NotFound", f"No upload session for {container_id}")
        code, _ = self.status_code(container, now)
        if code in ("PUBLISHED", "EXPIRED", "ERROR"):
            raise UploadFault(400, "InvalidState", f"The container is {code}")
        return container

    def start_upload(self, container: Container, offset: int, file_size: int) -> bool:
        """Checks an upload request's headers. True when it restarts a complete upload, which
        the caller accepts only if the bytes are identical."""
        if file_size > self.config.max_video_bytes:
            raise UploadFault(
                413,
                "FileTooLarge",
                f"file_size {file_size} exceeds the limit of {self.config.max_video_bytes} bytes",
            )
        if container.complete:
            if offset != 0 or file_size != container.declared_size:
                raise UploadFault(400, "UploadAlreadyComplete", "All bytes were received already")
            return True
        received = len(container.data)
        if offset == 0:
            container.data = bytearray()  # a restart replaces the partial bytes
            container.declared_size = file_size
            return False
        if offset != received:
            raise UploadFault(
                400,
                "InvalidOffset",
                f"offset {offset} does not match the {received} bytes received",
                retriable=True,
            )
        if file_size != container.declared_size:
            raise UploadFault(
                400,
                "InvalidFileSize",
                f"file_size {file_size} differs from {container.declared_size} given before",
            )
        return False

    def finish_upload(self, container: Container, now: float, processing_seconds: float) -> None:
        """All bytes are in: check the file and start processing it."""
        container.completed_at = now
        container.ready_at = now + processing_seconds
        container.failure = self._check_media(container)

    def _check_media(self, container: Container) -> GraphFault | None:
        try:
            info = inspect_mp4(container.data)
        except NotMp4:
            return media_format("The file is not an MP4 or MOV file.")
        duration = info.duration_seconds
        container.duration_seconds = duration
        config = self.config
        if duration is None:
            return media_format("The video has no readable duration (moov/mvhd).")
        if not config.min_duration_seconds <= duration <= config.max_duration_seconds:
            return media_format(
                f"The video lasts {duration:.1f} s; Reels must last "
                f"{config.min_duration_seconds:g} s to {config.max_duration_seconds:g} s."
            )
        if container.thumb_offset_ms is not None and container.thumb_offset_ms >= duration * 1000:
            return GraphFault(
                1,
                "Thumbnail offset must be greater than or equal to 0 and less than video "
                f"duration, i.e. {int(duration * 1000)}",
                2207057,
            )
        return None

    # --- publishing ----------------------------------------------------------------------------

    def quota_usage(self, account_id: str, now: float) -> int:
        since = now - self.config.quota_duration_seconds
        return sum(
            1 for m in self.media.values() if m.account_id == account_id and m.published_at > since
        )

    def publish(self, account: Account, creation_id: str, now: float) -> Media:
        if not creation_id:
            raise GraphFault(100, "(#100) The parameter creation_id is required")
        container = self.containers.get(creation_id)
        if container is None or container.account_id != account.id:
            raise GraphFault(
                24,
                f"The media builder with creation id = {creation_id} does not exist or has been "
                "expired.",
                2207008,
            )
        code, _ = self.status_code(container, now)
        if code == "PUBLISHED":
            # Meta documents no dedicated answer for a second publish [?]; a used container is a
            # builder that no longer exists.
            raise GraphFault(
                24,
                f"The media builder with creation id = {creation_id} does not exist or has been "
                "expired.",
                2207008,
            )
        if code == "EXPIRED":
            raise GraphFault(
                -2,
                "The media you are trying to access has expired. Please try to upload again.",
                2207020,
            )
        if code == "ERROR" and container.failure is not None:
            raise container.failure
        if code == "IN_PROGRESS":
            raise GraphFault(
                9007,
                "The media is not ready for publishing, please wait for a moment",
                2207027,
                user_title="Media not ready",
            )
        if self.quota_usage(account.id, now) >= self.config.quota_total:
            raise GraphFault(
                9,
                "Application request limit reached",
                2207042,
                user_title="Publishing limit reached",
                user_msg="You reached maximum number of posts that is allowed to be published "
                "by Content Publishing API.",
            )
        media_id = self._next_id("180")
        shortcode = base64.urlsafe_b64encode(hashlib.sha256(media_id.encode()).digest())
        media = Media(
            id=media_id,
            account_id=account.id,
            container_id=container.id,
            caption=container.caption,
            published_at=now,
            shortcode=shortcode.decode()[:11],
            duration_seconds=container.duration_seconds or 0.0,
            share_to_feed=container.share_to_feed,
        )
        self.media[media_id] = media
        container.media_id = media_id
        return media

    def listing(self, account_id: str) -> list[Media]:
        """The account's media, newest first."""
        return [m for m in reversed(self.media.values()) if m.account_id == account_id]

    # --- insights ------------------------------------------------------------------------------

    def insights(self, media: Media, now: float) -> dict[str, int]:
        """Deterministic per media id, growing with sandbox time since publication (fast at
        first, levelling off over a few days, as a Reel's reach does)."""
        seed = int(hashlib.sha256(media.id.encode()).hexdigest()[:12], 16)
        age_hours = max(0.0, now - media.published_at) / 3600
        audience = 2_000 + seed % 48_000
        views = int(audience * (1 - math.exp(-age_hours / (6 + seed % 18))) + 2 * age_hours)
        likes = views * (30 + seed % 60) // 1000
        comments = views * (2 + seed % 8) // 1000
        shares = views * (3 + (seed >> 8) % 12) // 1000
        saved = views * (2 + (seed >> 16) % 10) // 1000
        duration_ms = int(media.duration_seconds * 1000) or 10_000
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
