"""Publishing Reels through the Instagram Graph API, with either login.

    begin    POST /{v}/{ig-user-id}/media  media_type=REELS caption share_to_feed
             + cover_url (the rendered cover) or thumb_offset, and the video:
               Instagram Login:  video_url = a signed, expiring link to the file on our public
                                 base URL; Instagram fetches it itself          -> {"id"}
               Facebook Login:   upload_type=resumable                          -> {"id", "uri"}
    upload   POST {uri}  Authorization: OAuth <token>, offset: 0, file_size; body = the file
             (Facebook Login only: Meta documents resumable upload only for Facebook Login for
             Business apps)
    status   GET /{v}/{container}?fields=status_code,status   (once a minute, five minutes at most)
    publish  POST /{v}/{ig-user-id}/media_publish?creation_id={container} -> {"id": media}
    quota    GET /{v}/{ig-user-id}/content_publishing_limit?fields=quota_usage,config
    metrics  GET /{v}/{media}/insights?metric=views,likes,comments,shares,...

The login is told by the account's permissions (``endpoints.login_of``); Facebook Login tokens
go to graph.facebook.com, Instagram Login tokens to graph.instagram.com.

What Meta does not document, and what this client does about it [?]:

* **How many bytes a broken resumable upload left.** There is no documented offset query, so
  none is asked: an upload that was not acknowledged is sent again whole, from offset 0. An
  acknowledged one is known from the ticket (the engine records ``uploaded_bytes`` in it), so a
  container that is ``IN_PROGRESS`` after that is processing, not waiting for bytes.
* **Which media a published container became**, when the answer to ``media_publish`` was lost:
  the account's media are searched by caption and time (see ``lookup.py``). Until it is found,
  ``status`` raises ``RetryableError``: never a guess.

Processing is polled at Meta's pace: each ``processing`` state carries ``poll_after_seconds``
(``STAKAZO_INSTAGRAM_POLL_INTERVAL_SECONDS``, 60), and a container still ``IN_PROGRESS`` after
``STAKAZO_INSTAGRAM_PROCESSING_LIMIT_SECONDS`` (300) is given up as a retryable failure: the
engine starts again with a new container.
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
from backend.platforms.instagram.endpoints import Endpoints, Login, endpoints_for, login_of
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

VIDEO_URL, RESUMABLE = "video_url", "resumable"


class InstagramPublisher:
    platform: Platform = "instagram"

    def __init__(
        self,
        settings: Settings,
        *,
        endpoints: Endpoints | None = None,
        upload_chunk_bytes: int = 1024 * 1024,
        media_lookup_pages: int = 4,
        clock_skew_seconds: float = 300.0,
    ) -> None:
        self.settings = settings
        self.endpoints = endpoints or endpoints_for(settings)
        self.graphs: dict[Login, GraphClient] = {
            login: GraphClient(settings, self.endpoints.for_login(login))
            for login in ("instagram", "facebook")
        }
        self.upload_chunk_bytes = upload_chunk_bytes
        self.media_lookup_pages = media_lookup_pages
        self.clock_skew_seconds = clock_skew_seconds

    def graph(self, credentials: Credentials) -> GraphClient:
        return self.graphs[login_of(credentials.scopes)]

    # --- allowance ---------------------------------------------------------------------------

    async def quota(self, credentials: Credentials) -> QuotaStatus | None:
        graph = self.graph(credentials)
        answer = await self._get(
            credentials,
            "content_publishing_limit",
            graph.endpoints.node(credentials.remote_account_id, "content_publishing_limit"),
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
        login = login_of(credentials.scopes)
        source = RESUMABLE if login == "facebook" else VIDEO_URL
        form = {
            "media_type": "REELS",
            "caption": post.caption,
            "share_to_feed": "true" if post.share_to_feed else "false",
        }
        if source == VIDEO_URL:
            if not media.url:
                raise PermanentError(
                    PLATFORM,
                    "create_container: no public link to the video",
                    "Instagram fetches the video from Stakazo's public address, and this "
                    "publication has none.",
                )
            form["video_url"] = media.url
        else:
            form["upload_type"] = RESUMABLE
        # Meta takes cover_url over thumb_offset when both are sent: send the one that counts.
        if media.cover_url:
            form["cover_url"] = media.cover_url
        elif post.cover_offset_ms is not None:
            form["thumb_offset"] = str(post.cover_offset_ms)
        created_at = time.time()
        graph = self.graphs[login]
        answer = await graph.call(
            "POST",
            graph.endpoints.node(credentials.remote_account_id, "media"),
            operation="create_container",
            token=credentials.access_token,
            data=form,
            account=credentials.remote_account_id,
        )
        container = str(answer.get("id") or "")
        uri = str(answer.get("uri") or "") if source == RESUMABLE else container
        if not container or not uri:
            raise PermanentError(
                PLATFORM,
                f"create_container: no id or uri in {sorted(answer)}",
                "Instagram did not open an upload for the video.",
            )
        if source == RESUMABLE and not self.endpoints.accepts_upload_uri(uri):
            raise PermanentError(
                PLATFORM,
                f"create_container: unexpected upload host in {uri!r}",
                "Instagram answered with an upload address Stakazo does not trust.",
            )
        log.info(
            "instagram.container_created",
            container_id=container,
            ig_user_id=credentials.remote_account_id,
            source=source,
            cover="cover_url" in form,
            bytes=media.size_bytes,
        )
        return UploadTicket(
            remote_id=container,
            upload_url=uri,
            extra={
                "ig_user_id": credentials.remote_account_id,
                "source": source,
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
        """Sends the whole file. ``offset`` is only ever 0 or the size (see the module
        docstring): without a documented way to resume, a partial upload starts again."""
        size = media.size_bytes
        if ticket.extra.get("source") == VIDEO_URL or offset >= size:
            return await self.status(credentials, ticket)
        try:
            await self.graph(credentials).call(
                "POST",
                ticket.upload_url,
                operation="upload",
                token=credentials.access_token,
                auth_scheme="OAuth",
                headers={
                    "offset": "0",
                    "file_size": str(size),
                    "Content-Type": "application/octet-stream",
                    "Content-Length": str(size),
                },
                content=self._read(media, progress),
                upload=True,
                account=credentials.remote_account_id,
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
        log.info("instagram.uploaded", container_id=ticket.remote_id, bytes=size)
        return RemoteState(
            phase="processing",
            uploaded_bytes=size,
            poll_after_seconds=self.settings.instagram_poll_interval_seconds,
        )

    async def _read(
        self, media: MediaFile, progress: ProgressCallback | None
    ) -> AsyncIterator[bytes]:
        sent = 0
        async with await anyio.open_file(media.path, "rb") as source:
            while chunk := await source.read(self.upload_chunk_bytes):
                yield chunk
                sent += len(chunk)
                if progress is not None:
                    await progress(sent, media.size_bytes)

    async def status(self, credentials: Credentials, ticket: UploadTicket) -> RemoteState:
        graph = self.graph(credentials)
        answer = await self._get(
            credentials,
            "container_status",
            graph.endpoints.node(ticket.remote_id),
            {"fields": "id,status_code,status"},
        )
        code = str(answer.get("status_code") or "")
        size = _int(ticket.extra.get("file_size"))
        if code == "FINISHED":
            return RemoteState(phase="ready", uploaded_bytes=size)
        if code == "PUBLISHED":
            found = await find_published_media(
                graph,
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
        return self._in_progress(ticket, size)

    def _in_progress(self, ticket: UploadTicket, size: int) -> RemoteState:
        """``IN_PROGRESS`` means waiting for bytes or processing them; the ticket tells which."""
        extra = ticket.extra
        resumable = extra.get("source", RESUMABLE) == RESUMABLE
        if resumable and _int(extra.get("uploaded_bytes")) < size:
            return RemoteState(phase="uploading", uploaded_bytes=0)
        since = float(extra.get("uploaded_at") or extra.get("created_at") or 0)
        limit = self.settings.instagram_processing_limit_seconds
        if since and time.time() - since > limit:
            # Meta: poll "for no more than 5 minutes". A new container may fare better.
            return RemoteState(
                phase="failed",
                reason=f"IN_PROGRESS: still processing after {limit:.0f} s",
                retryable=True,
            )
        return RemoteState(
            phase="processing",
            uploaded_bytes=size,
            poll_after_seconds=self.settings.instagram_poll_interval_seconds,
        )

    # --- publishing --------------------------------------------------------------------------

    async def publish(
        self, credentials: Credentials, ticket: UploadTicket, post: PostSpec
    ) -> RemoteState:
        user = ticket.extra.get("ig_user_id") or credentials.remote_account_id
        graph = self.graph(credentials)
        try:
            answer = await graph.call(
                "POST",
                graph.endpoints.node(user, "media_publish"),
                operation="media_publish",
                token=credentials.access_token,
                data={"creation_id": ticket.remote_id},
                account=credentials.remote_account_id,
            )
        except PlatformError as error:
            graph_error = graph_error_of(error)
            subcode = graph_error.subcode if graph_error is not None else None
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
        node = self.graph(credentials).endpoints.node(media_id)
        try:
            media = await self._get(credentials, "get_media", node, {"fields": "permalink"})
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
            self.graph(credentials).endpoints.node(remote_post_id, "insights"),
            {"metric": ",".join(METRICS)},
        )
        return post_metrics(answer)

    async def _get(
        self, credentials: Credentials, operation: str, url: str, params: dict[str, str]
    ) -> JSON:
        return await self.graph(credentials).call(
            "GET",
            url,
            operation=operation,
            token=credentials.access_token,
            params=params,
            account=credentials.remote_account_id,
        )


def _int(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0
