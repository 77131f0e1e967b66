"""YouTube Shorts publishing through the Data API v3 resumable upload.

begin() opens the resumable session (the ticket is the session URI) before any byte moves;
upload() sends the bytes through google-api-python-client; status() asks the session itself
(``PUT <session>`` with ``Content-Range: bytes */total``), so after any crash the answer comes
from YouTube's records: 308 = still uploading, 200/201 = the video exists, 404 = session gone.
YouTube has no separate publish step: the video is created when the last byte arrives. Then the
rendered cover goes up as its custom thumbnail (``thumbnail.py``), best effort.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import httpx
import structlog

from backend.config import Settings
from backend.platforms import http
from backend.platforms.base import (
    Credentials,
    MediaFile,
    PermanentError,
    Platform,
    PlatformError,
    PostMetrics,
    PostSpec,
    ProgressCallback,
    QuotaStatus,
    RemoteState,
    RetryableError,
    UploadTicket,
)
from backend.platforms.youtube import errors, thumbnail
from backend.platforms.youtube.choices import YouTubeChoices
from backend.platforms.youtube.endpoints import WATCH_URL, Endpoints, for_settings
from backend.platforms.youtube.errors import PLATFORM
from backend.platforms.youtube.uploader import CHUNK_GRANULARITY, ResumableSend

log = structlog.get_logger(__name__)

TITLE_MAX_CHARS = 100
DESCRIPTION_MAX_BYTES = 5000
DEFAULT_CHUNK_SIZE = 8 * 1024 * 1024


class YouTubePublisher:
    platform: Platform = "youtube"

    def __init__(
        self,
        settings: Settings,
        *,
        endpoints: Endpoints | None = None,
        chunk_size: int = DEFAULT_CHUNK_SIZE,
        notify_subscribers: bool = True,
    ) -> None:
        # Chunks must be multiples of 256 KiB except the last [? in the reference]; the
        # sandbox enforces it (its ``chunk_multiple_bytes`` knob), so we always comply.
        if chunk_size <= 0 or chunk_size % CHUNK_GRANULARITY:
            raise ValueError(f"chunk_size must be a positive multiple of {CHUNK_GRANULARITY}")
        self.settings = settings
        self.endpoints = endpoints or for_settings(settings)
        self.chunk_size = chunk_size
        self.notify_subscribers = notify_subscribers

    async def quota(self, credentials: Credentials) -> QuotaStatus | None:
        """None: Google offers no API to read quota usage. The engine counts uploads against
        ``settings.youtube_daily_upload_quota``; when the project's bucket is empty, begin()
        raises QuotaExceeded with the seconds until midnight Pacific time."""
        return None

    async def begin(
        self, credentials: Credentials, media: MediaFile, post: PostSpec
    ) -> UploadTicket:
        params = {"uploadType": "resumable", "part": "snippet,status"}
        if not self.notify_subscribers:
            params["notifySubscribers"] = "false"
        headers = {
            **_auth(credentials),
            "Content-Type": "application/json; charset=UTF-8",
            "X-Upload-Content-Length": str(media.size_bytes),
            "X-Upload-Content-Type": media.content_type,
        }
        async with http.client(self.settings) as client:
            with http.transport_errors(PLATFORM, "begin"):
                response = await client.post(
                    self.endpoints.upload_videos,
                    params=params,
                    headers=headers,
                    json=video_resource(media, post),
                )
        location = response.headers.get("Location")
        if response.status_code != 200:
            raise errors.from_response(response, "begin")
        if not location:
            raise PermanentError(PLATFORM, "begin: no Location in the answer")
        log.info("youtube.session_created", account=credentials.remote_account_id)
        return UploadTicket(
            remote_id=location,
            upload_url=location,
            extra={"size": str(media.size_bytes), "content_type": media.content_type},
        )

    async def upload(
        self,
        credentials: Credentials,
        ticket: UploadTicket,
        media: MediaFile,
        *,
        offset: int,
        progress: ProgressCallback | None = None,
    ) -> RemoteState:
        total = _size(ticket, media)
        if offset >= total:
            state = await self.status(credentials, ticket)
            if state.phase == "uploading" and state.uploaded_bytes >= total:
                # Every byte is in but no video came of it (yet): sending more cannot help.
                raise RetryableError(
                    PLATFORM,
                    "upload: all bytes held but the session is not complete",
                    "YouTube has the whole file but has not created the video yet.",
                )
            return state
        send = ResumableSend(
            access_token=credentials.access_token,
            api_root=self.endpoints.api_root,
            timeout=self.settings.platform_upload_timeout_seconds,
            session_uri=ticket.upload_url,
            media=media,
            offset=offset,
            chunk_size=self.chunk_size,
        )
        try:
            while True:
                try:
                    held, video = await send.next_chunk()
                except PlatformError as error:
                    if error.status_code == 404:
                        log.info("youtube.session_expired", account=credentials.remote_account_id)
                        return RemoteState(phase="expired", reason="session not found")
                    raise
                if progress is not None:
                    await progress(held, total)
                if video is not None:
                    log.info("youtube.upload_completed", video_id=video.get("id"), bytes=total)
                    state = state_of_video(video)
                    warning = await thumbnail.send(self, credentials, str(video["id"]), media)
                    return replace(state, warnings=(warning,)) if warning else state
                log.debug("youtube.chunk_sent", held=held, total=total)
        finally:
            send.close()

    async def status(self, credentials: Credentials, ticket: UploadTicket) -> RemoteState:
        total = _size(ticket, None)
        known = ticket.extra.get("remote_post_id")
        if known:
            # The video exists (awaiting its release, say): ask about it, not the upload
            # session, which YouTube forgets after a while.
            return await self._known_video(credentials, known, total)
        headers = {**_auth(credentials), "Content-Range": f"bytes */{total}"}
        async with http.client(self.settings) as client:
            with http.transport_errors(PLATFORM, "status"):
                response = await client.put(ticket.upload_url, headers=headers, content=b"")
            if response.status_code == 308:
                return RemoteState(phase="uploading", uploaded_bytes=_held(response))
            if response.status_code == 404:
                return RemoteState(phase="expired", reason="session not found")
            if response.status_code not in (200, 201):
                raise errors.from_response(response, "status")
            video = errors.json_body(response, "status")
            if video.get("status", {}).get("uploadStatus") == "uploaded":
                # The session may describe the video as it was when the upload finished;
                # the video itself says whether processing is over.
                video = await self._current(client, credentials, video)
        return state_of_video(video, uploaded_bytes=total)

    async def publish(
        self, credentials: Credentials, ticket: UploadTicket, post: PostSpec
    ) -> RemoteState:
        """YouTube publishes on its own when the upload completes: just report."""
        return await self.status(credentials, ticket)

    async def metrics(self, credentials: Credentials, remote_post_id: str) -> PostMetrics:
        async with http.client(self.settings) as client:
            item = await self._video(client, credentials, remote_post_id, "statistics", "metrics")
        if item is None:
            raise PermanentError(
                PLATFORM,
                f"metrics: video {remote_post_id} not found",
                "YouTube cannot find that video.",
            )
        statistics = item.get("statistics") or {}
        return PostMetrics(
            views=_int(statistics.get("viewCount")),
            likes=_int(statistics.get("likeCount")),
            comments=_int(statistics.get("commentCount")),
        )

    async def _known_video(
        self, credentials: Credentials, video_id: str, total: int
    ) -> RemoteState:
        async with http.client(self.settings) as client:
            item = await self._video(client, credentials, video_id, "status", "status")
        if item is None:
            return RemoteState(
                phase="failed",
                uploaded_bytes=total,
                remote_post_id=video_id,
                reason="deleted",
                detail="The video is no longer on YouTube (deleted on the channel).",
            )
        return state_of_video(item, uploaded_bytes=total)

    async def _current(
        self, client: httpx.AsyncClient, credentials: Credentials, video: dict[str, Any]
    ) -> dict[str, Any]:
        item = await self._video(client, credentials, str(video["id"]), "status", "status")
        if item is None:
            return {**video, "status": {**video.get("status", {}), "uploadStatus": "deleted"}}
        return {**video, "status": item.get("status") or video.get("status", {})}

    async def _video(
        self,
        client: httpx.AsyncClient,
        credentials: Credentials,
        video_id: str,
        part: str,
        operation: str,
    ) -> dict[str, Any] | None:
        with http.transport_errors(PLATFORM, operation):
            response = await client.get(
                self.endpoints.videos,
                params={"part": part, "id": video_id},
                headers=_auth(credentials),
            )
        if response.status_code != 200:
            raise errors.from_response(response, operation)
        items = errors.json_body(response, operation).get("items") or []
        return items[0] if items else None


def video_resource(media: MediaFile, post: PostSpec) -> dict[str, Any]:
    """The ``videos.insert`` body: within YouTube's limits, so it is never refused for them,
    with the user's own audience declaration, tags and category (``choices.py``)."""
    if not post.options:
        raise PermanentError(
            PLATFORM,
            "post_choices_missing",
            "YouTube needs the user's own declaration of whether the video is made for kids; "
            "none was made.",
        )
    chosen = YouTubeChoices.model_validate(post.options)
    caption = _clean(post.caption)
    first_line = next((line for line in caption.splitlines() if line.strip()), "")
    title = (_clean(post.title).strip() or first_line.strip() or media.path.stem)[:TITLE_MAX_CHARS]
    description = caption.encode()[:DESCRIPTION_MAX_BYTES].decode(errors="ignore")
    status: dict[str, Any] = {
        "privacyStatus": post.privacy,
        "selfDeclaredMadeForKids": chosen.made_for_kids,
    }
    if post.publish_at is not None:
        # publishAt can only be set on a private video; YouTube makes it public at that time.
        status["privacyStatus"] = "private"
        status["publishAt"] = (
            post.publish_at.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
        )
    snippet: dict[str, Any] = {
        "title": title,
        "description": description,
        "categoryId": chosen.category_id,
    }
    if chosen.tags:
        snippet["tags"] = chosen.tags
    return {"snippet": snippet, "status": status}


def state_of_video(video: dict[str, Any], *, uploaded_bytes: int = 0) -> RemoteState:
    """A video resource (``status.uploadStatus``) as a phase."""
    video_id = str(video["id"])
    status = video.get("status") or {}
    upload_status = status.get("uploadStatus", "uploaded")
    url = WATCH_URL.format(video_id=video_id)
    if upload_status == "uploaded":
        return RemoteState(
            phase="processing", uploaded_bytes=uploaded_bytes, remote_post_id=video_id, url=url
        )
    if upload_status == "processed":
        release_at = _time(status.get("publishAt"))
        if status.get("privacyStatus") == "private" and release_at is not None:
            # Private until publishAt, then YouTube makes it public by itself.
            return RemoteState(
                phase="scheduled",
                uploaded_bytes=uploaded_bytes,
                remote_post_id=video_id,
                url=url,
                detail="scheduled",
                release_at=release_at,
            )
        return RemoteState(
            phase="published",
            uploaded_bytes=uploaded_bytes,
            remote_post_id=video_id,
            url=url,
            detail=status.get("privacyStatus"),
        )
    reason = str(status.get("failureReason") or status.get("rejectionReason") or upload_status)
    message, retryable = errors.processing_failure(reason)
    return RemoteState(
        phase="failed",
        uploaded_bytes=uploaded_bytes,
        remote_post_id=video_id,
        reason=reason,
        retryable=retryable,
        detail=message,
    )


def _time(value: Any) -> datetime | None:
    try:
        return datetime.fromisoformat(str(value).replace("Z", "+00:00")) if value else None
    except ValueError:
        return None


def _clean(text: str) -> str:
    # YouTube refuses titles and descriptions containing angle brackets.
    return text.replace("<", "\u2039").replace(">", "\u203a")


def _auth(credentials: Credentials) -> dict[str, str]:
    return {"Authorization": f"Bearer {credentials.access_token}"}


def _size(ticket: UploadTicket, media: MediaFile | None) -> int:
    if "size" in ticket.extra:
        return int(ticket.extra["size"])
    if media is None:
        raise PermanentError(PLATFORM, "status: the ticket does not record the upload size")
    return media.size_bytes


def _held(response: httpx.Response) -> int:
    """``Range: bytes=0-N`` means N+1 bytes are held; no Range means none."""
    value = response.headers.get("Range", "")
    try:
        return int(value.rsplit("-", 1)[1]) + 1
    except (IndexError, ValueError):
        return 0


def _int(value: Any) -> int | None:
    return int(value) if value is not None else None
