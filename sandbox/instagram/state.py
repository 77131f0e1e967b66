"""The Instagram emulator's memory and rules: on top of the accounts and tokens, containers and
their bytes, published media and the publishing limit. No HTTP here.

Every rule raises the platform's own error (``GraphFault``, ``UploadFault``, ``OAuthFault``) with
the codes Meta documents; the routes only render them.
"""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sandbox.instagram.accounts import Account, AccountBook, Token
from sandbox.instagram.errors import GraphFault, UploadFault
from sandbox.instagram.media import check_video, insights
from sandbox.instagram.usage import Usage


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
    receiving: bool = False  # an upload request is streaming bytes in
    video_url: str | None = None  # None: resumable upload
    cover_url: str | None = None
    cover_sha256: str | None = None  # of the cover fetched from cover_url
    cover_failure: GraphFault | None = None

    @property
    def fault(self) -> GraphFault | None:
        """What processing ends in: the video's error, else the cover's."""
        return self.failure or self.cover_failure

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


class InstagramState(AccountBook):
    def __init__(self, app_id: str, app_secret: str, redirect_uri: str) -> None:
        super().__init__(app_id, app_secret, redirect_uri)
        self.containers: dict[str, Container] = {}
        self.media: dict[str, Media] = {}  # insertion order = publication order
        self.usage = Usage()
        self._serial = 0

    def _next_id(self, prefix: str) -> str:
        self._serial += 1
        return f"{prefix}{self._serial:014d}"

    # --- containers ----------------------------------------------------------------------------

    def create_container(
        self, account: Account, form: dict[str, str], now: float, login: str
    ) -> Container:
        media_type = form.get("media_type", "")
        if media_type != "REELS":
            if media_type in ("", "IMAGE", "CAROUSEL", "STORIES"):
                raise GraphFault(
                    100, "The sandbox emulates Reels only: set media_type=REELS", 2207023
                )
            raise GraphFault(100, f"The media type {media_type} is unknown.", 2207023)
        video_url = form.get("video_url") or None
        resumable = form.get("upload_type") == "resumable"
        if resumable and login != "facebook":
            # "Available only for apps that have implemented Facebook Login for Business" [M2].
            raise GraphFault(
                100,
                "(#100) upload_type=resumable is only available for apps using Facebook Login "
                "for Business; with Instagram Login, send video_url",
            )
        if resumable == bool(video_url):
            raise GraphFault(100, "(#100) Send either video_url or upload_type=resumable")
        cover_url = form.get("cover_url") or None
        for name, value in (("video_url", video_url), ("cover_url", cover_url)):
            if value is not None and not value.startswith(("http://", "https://")):
                raise GraphFault(100, f"(#100) The parameter {name} must be a URL")
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
            # cover_url wins over thumb_offset when both are sent.
            thumb_offset_ms=None if cover_url else thumb_offset,
            created_at=now,
            video_url=video_url,
            cover_url=cover_url,
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
        if processed and container.fault is not None:
            subcode = container.fault.subcode
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
        if container.video_url is not None:
            raise UploadFault(400, "InvalidState", "This container takes its video from video_url")
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
        container.duration_seconds, failure = check_video(
            container.data,
            min_seconds=self.config.min_duration_seconds,
            max_seconds=self.config.max_duration_seconds,
            thumb_offset_ms=container.thumb_offset_ms,
        )
        container.failure = failure

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
        if code == "ERROR" and container.fault is not None:
            raise container.fault
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

    def insights(self, media: Media, now: float) -> dict[str, int]:
        return insights(media.id, media.duration_seconds, now - media.published_at)
