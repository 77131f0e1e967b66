"""Publishing Reels through the Instagram Graph API (Instagram Login, resumable upload).

    begin    POST /{v}/{ig-user-id}/media  media_type=REELS upload_type=resumable caption ...
             -> {"id": container, "uri": "https://rupload.facebook.com/ig-api-upload/{v}/{id}"}
    upload   POST {uri}  Authorization: OAuth <token>, offset, file_size; body = bytes from offset
    status   GET /{v}/{container}?fields=status_code,status
    publish  POST /{v}/{ig-user-id}/media_publish?creation_id={container} -> {"id": media}
    quota    GET /{v}/{ig-user-id}/content_publishing_limit?fields=quota_usage,config
    metrics  GET /{v}/{media}/insights?metric=views,likes,comments,shares,...

Two things Meta does not document, and what this client does about them [?]:

* **The upload offset after an interruption.** A container says ``IN_PROGRESS`` both while it waits
  for bytes and while it processes them. The client asks the upload ``uri`` itself
  (``GET {uri}`` with the same ``Authorization`` header, answered ``{"offset": N, ...}`` by the
  sandbox). When that question is refused, or ``query_upload_offset=False``, the offset is taken
  as unknown = 0: ``status`` says ``uploading`` from 0 and the file is sent again from its start,
  which replaces the partial bytes (a complete, identical re-send is acknowledged as such).
* **Which media a published container became**, when the answer to ``media_publish`` was lost:
  the account's media are searched by caption and time (see ``lookup.py``). Until it is found,
  ``status`` raises ``RetryableError``: never a guess.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from typing import Any

import anyio
import structlog

from backend.config import Settings
from backend.platforms.base import (
    AuthError,
    Credentials,
    MediaFile,
    MediaRejected,
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
from backend.platforms.instagram.endpoints import Endpoints, endpoints_for
from backend.platforms.instagram.errors import (
    BUILDER_GONE,
    CONTAINER_EXPIRED,
    PLATFORM,
    container_failure,
    graph_error_of,
)
from backend.platforms.instagram.graph import JSON, GraphClient
from backend.platforms.instagram.insights import METRICS, post_metrics
from backend.platforms.instagram.lookup import caption_fingerprint, find_published_media

log = structlog.get_logger(__name__)


class InstagramPublisher:
    platform: Platform = "instagram"

    def __init__(
        self,
        settings: Settings,
        *,
        endpoints: Endpoints | None = None,
        query_upload_offset: bool = True,
        upload_chunk_bytes: int = 1024 * 1024,
        media_lookup_pages: int = 4,
        clock_skew_seconds: float = 300.0,
    ) -> None:
        self.settings = settings
        self.endpoints = endpoints or endpoints_for(settings)
        self.graph = GraphClient(settings, self.endpoints)
        self.query_upload_offset = query_upload_offset
        self.upload_chunk_bytes = upload_chunk_bytes
        self.media_lookup_pages = media_lookup_pages
        self.clock_skew_seconds = clock_skew_seconds

    # --- allowance ---------------------------------------------------------------------------

    async def quota(self, credentials: Credentials) -> QuotaStatus | None:
        answer = await self._get(
            credentials,
            "content_publishing_limit",
            self.endpoints.node(credentials.remote_account_id, "content_publishing_limit"),
            {"fields": "quota_usage,config"},  # without ``since``: the last 24 h
        )
        entries = answer.get("data")
        if not isinstance(entries, list) or not entries or not isinstance(entries[0], dict):
            return None
        entry = entries[0]
        config = entry.get("config")
        limit = config.get("quota_total") if isinstance(config, dict) else None
        if not isinstance(limit, int):
            return None
        # The window rolls over 24 h; Meta does not say when the oldest post leaves it.
        return QuotaStatus(used=int(entry.get("quota_usage") or 0), limit=limit, resets_at=None)

    # --- the upload --------------------------------------------------------------------------

    async def begin(
        self, credentials: Credentials, media: MediaFile, post: PostSpec
    ) -> UploadTicket:
        form = {
            "media_type": "REELS",
            "upload_type": "resumable",
            "caption": post.caption,
            "share_to_feed": "true" if post.share_to_feed else "false",
        }
        if post.cover_offset_ms is not None:
            form["thumb_offset"] = str(post.cover_offset_ms)
        created_at = time.time()
        answer = await self.graph.call(
            "POST",
            self.endpoints.node(credentials.remote_account_id, "media"),
            operation="create_container",
            token=credentials.access_token,
            data=form,
        )
        container = str(answer.get("id") or "")
        uri = str(answer.get("uri") or "")
        if not container or not uri:
            raise PermanentError(
                PLATFORM,
                f"create_container: no id or uri in {sorted(answer)}",
                "Instagram did not open an upload for the video.",
            )
        if not self.endpoints.accepts_upload_uri(uri):
            raise PermanentError(
                PLATFORM,
                f"create_container: unexpected upload host in {uri!r}",
                "Instagram answered with an upload address Stakazo does not trust.",
            )
        log.info(
            "instagram.container_created",
            container_id=container,
            ig_user_id=credentials.remote_account_id,
            bytes=media.size_bytes,
        )
        return UploadTicket(
            remote_id=container,
            upload_url=uri,
            extra={
                "ig_user_id": credentials.remote_account_id,
                "file_size": str(media.size_bytes),
                "created_at": f"{created_at:.3f}",
                "caption_sha256": caption_fingerprint(post.caption),
            },
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
        size = media.size_bytes
        if not 0 <= offset <= size:
            raise PermanentError(
                PLATFORM, f"upload: offset {offset} outside 0..{size}", "The upload got confused."
            )
        if offset == size:
            return await self.status(credentials, ticket)
        try:
            await self.graph.call(
                "POST",
                ticket.upload_url,
                operation="upload",
                token=credentials.access_token,
                auth_scheme="OAuth",
                headers={
                    "offset": str(offset),
                    "file_size": str(size),
                    "Content-Type": "application/octet-stream",
                    "Content-Length": str(size - offset),
                },
                content=self._read(media, offset, progress),
                upload=True,
            )
        except PermanentError as error:
            if isinstance(error, AuthError | MediaRejected):
                raise
            # An upload refused for the container's sake (expired, failed) is a state, not an
            # error of ours: say which.
            state = await self.status(credentials, ticket)
            if state.phase in ("expired", "failed"):
                return state
            raise
        log.info("instagram.uploaded", container_id=ticket.remote_id, offset=offset, bytes=size)
        return RemoteState(phase="processing", uploaded_bytes=size)

    async def _read(
        self, media: MediaFile, offset: int, progress: ProgressCallback | None
    ) -> AsyncIterator[bytes]:
        sent = offset
        async with await anyio.open_file(media.path, "rb") as source:
            await source.seek(offset)
            while chunk := await source.read(self.upload_chunk_bytes):
                yield chunk
                sent += len(chunk)
                if progress is not None:
                    await progress(sent, media.size_bytes)

    async def status(self, credentials: Credentials, ticket: UploadTicket) -> RemoteState:
        answer = await self._get(
            credentials,
            "container_status",
            self.endpoints.node(ticket.remote_id),
            {"fields": "id,status_code,status"},
        )
        code = str(answer.get("status_code") or "")
        size = _int(ticket.extra.get("file_size"))
        if code == "FINISHED":
            return RemoteState(phase="ready", uploaded_bytes=size)
        if code == "PUBLISHED":
            found = await find_published_media(
                self.graph,
                credentials,
                ticket,
                pages=self.media_lookup_pages,
                clock_skew_seconds=self.clock_skew_seconds,
            )
            if found is None:
                raise RetryableError(
                    PLATFORM,
                    f"container_status: {ticket.remote_id} is PUBLISHED; its media is not listed",
                    "Instagram published the post but does not list it yet; checking again later.",
                )
            return RemoteState(
                phase="published",
                uploaded_bytes=size,
                remote_post_id=found.id,
                url=found.permalink,
            )
        if code == "EXPIRED":
            return RemoteState(phase="expired", reason="EXPIRED: not published within 24 h")
        if code == "ERROR":
            reason, verdict = container_failure(str(answer.get("status") or ""))
            return RemoteState(phase="failed", reason=reason, retryable=verdict.retryable)
        if code != "IN_PROGRESS":
            raise RetryableError(
                PLATFORM,
                f"container_status: unknown status_code {code!r}",
                "Instagram gave an unexpected status; asking again later.",
            )
        received = await self._upload_offset(credentials, ticket)
        if received < size:
            return RemoteState(phase="uploading", uploaded_bytes=received)
        return RemoteState(phase="processing", uploaded_bytes=size)

    async def _upload_offset(self, credentials: Credentials, ticket: UploadTicket) -> int:
        """Bytes the upload host holds; 0 when it will not say (see the module docstring)."""
        if not self.query_upload_offset:
            return 0
        try:
            answer = await self.graph.call(
                "GET",
                ticket.upload_url,
                operation="upload_offset",
                token=credentials.access_token,
                auth_scheme="OAuth",
            )
        except (AuthError, RetryableError):
            raise
        except PlatformError as error:
            log.info("instagram.upload_offset_unknown", container_id=ticket.remote_id, error=error)
            return 0
        return _int(answer.get("offset"))

    # --- publishing --------------------------------------------------------------------------

    async def publish(
        self, credentials: Credentials, ticket: UploadTicket, post: PostSpec
    ) -> RemoteState:
        user = ticket.extra.get("ig_user_id") or credentials.remote_account_id
        try:
            answer = await self.graph.call(
                "POST",
                self.endpoints.node(user, "media_publish"),
                operation="media_publish",
                token=credentials.access_token,
                data={"creation_id": ticket.remote_id},
            )
        except PlatformError as error:
            graph = graph_error_of(error)
            subcode = graph.subcode if graph is not None else None
            if subcode == CONTAINER_EXPIRED:
                return RemoteState(phase="expired", reason=error.reason)
            if subcode == BUILDER_GONE:
                # Also what a container already published says: ask it before retrying.
                state = await self.status(credentials, ticket)
                if state.phase in ("published", "expired", "failed"):
                    return state
            raise
        media_id = str(answer.get("id") or "")
        if not media_id:
            # It may well be live: let status() find out rather than publish again.
            raise RetryableError(
                PLATFORM, "media_publish: the answer has no id", "Checking the post on Instagram."
            )
        log.info("instagram.published", container_id=ticket.remote_id, media_id=media_id)
        return RemoteState(
            phase="published",
            uploaded_bytes=_int(ticket.extra.get("file_size")),
            remote_post_id=media_id,
            url=await self._permalink(credentials, media_id),
        )

    async def _permalink(self, credentials: Credentials, media_id: str) -> str | None:
        """Best effort: the post is live whatever this call does."""
        try:
            media = await self._get(
                credentials, "get_media", self.endpoints.node(media_id), {"fields": "permalink"}
            )
        except PlatformError as error:
            log.info("instagram.permalink_unknown", media_id=media_id, error=error)
            return None
        link = media.get("permalink")
        return str(link) if link else None

    # --- afterwards --------------------------------------------------------------------------

    async def metrics(self, credentials: Credentials, remote_post_id: str) -> PostMetrics:
        answer = await self._get(
            credentials,
            "insights",
            self.endpoints.node(remote_post_id, "insights"),
            {"metric": ",".join(METRICS)},
        )
        return post_metrics(answer)

    async def _get(
        self, credentials: Credentials, operation: str, url: str, params: dict[str, str]
    ) -> JSON:
        return await self.graph.call(
            "GET", url, operation=operation, token=credentials.access_token, params=params
        )


def _int(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0
