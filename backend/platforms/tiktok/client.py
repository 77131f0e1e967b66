"""TikTok Content Posting API: Direct Post, or a draft into the creator's inbox, by FILE_UPLOAD.

begin()   creator_info/query (privacy options, disabled interactions, longest allowed video),
          then video/init (direct, with the user's own choices: ``choices.py``) or
          inbox/video/init (draft) with the chunk plan → publish_id + upload_url
upload()  PUT the chunks in order with Content-Range, from the boundary status() reported
status()  status/fetch: the platform's own record, so it is the truth after any crash
publish() TikTok publishes by itself once processing ends, so this is status()
quota()   None: TikTok exposes no counter of the ~15 direct posts a day, the engine counts
          against settings.tiktok_daily_post_cap and TikTok's spam_risk_too_many_posts is
          raised as QuotaExceeded.
"""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta
from pathlib import Path
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
    PostMetrics,
    PostSpec,
    ProgressCallback,
    QuotaStatus,
    RemoteState,
    RetryableError,
    UploadTicket,
)
from backend.platforms.tiktok import choices
from backend.platforms.tiktok import creator as creator_info
from backend.platforms.tiktok import media as rules
from backend.platforms.tiktok.api import call_api
from backend.platforms.tiktok.endpoints import Endpoints, endpoints_for
from backend.platforms.tiktok.errors import PLATFORM, api_error, envelope_error, fail_reason
from core.clock import utcnow

log = structlog.get_logger(__name__)

PRIVACY_PUBLIC = "PUBLIC_TO_EVERYONE"
MAX_TITLE_UTF16 = 2200
# The upload URL is valid for an hour; a ticket older than this is treated as expired.
UPLOAD_URL_TTL_SECONDS = 3600
VIDEO_FIELDS = "id,view_count,like_count,comment_count,share_count"


class TikTokPublisher:
    platform: Platform = "tiktok"

    def __init__(
        self,
        settings: Settings,
        *,
        endpoints: Endpoints | None = None,
        chunk_size_bytes: int = rules.DEFAULT_CHUNK_BYTES,
        upload_url_ttl_seconds: int = UPLOAD_URL_TTL_SECONDS,
    ) -> None:
        rules.plan_chunks(rules.MIN_CHUNK_BYTES, chunk_size_bytes)  # refuses a bad chunk size
        self._settings = settings
        self._endpoints = endpoints or endpoints_for(settings)
        self._chunk_size = chunk_size_bytes
        self._upload_url_ttl = timedelta(seconds=upload_url_ttl_seconds)

    async def quota(self, credentials: Credentials) -> QuotaStatus | None:
        return None

    async def begin(
        self, credentials: Credentials, media: MediaFile, post: PostSpec
    ) -> UploadTicket:
        rules.check_media(media)
        title = post.caption or post.title
        if len(title.encode("utf-16-le")) // 2 > MAX_TITLE_UTF16:
            raise PermanentError(
                PLATFORM, "caption_too_long", "TikTok captions are limited to 2200 characters."
            )
        async with http.client(self._settings) as client:
            creator = await creator_info.query(client, self._endpoints, credentials.access_token)
            max_seconds = creator.get("max_video_post_duration_sec")
            rules.check_duration(media, int(max_seconds) if max_seconds is not None else None)
            plan = rules.plan_chunks(media.size_bytes, self._chunk_size)
            body: dict[str, Any] = {
                "source_info": {
                    "source": "FILE_UPLOAD",
                    "video_size": plan.video_size,
                    "chunk_size": plan.chunk_size,
                    "total_chunk_count": plan.total_chunk_count,
                }
            }
            privacy = ""
            url = self._endpoints.inbox_init
            if post.mode == "direct":
                url = self._endpoints.direct_init
                body["post_info"] = _post_info(post, media, title, creator)
                privacy = body["post_info"]["privacy_level"]
            data = await call_api(
                client,
                "POST",
                url,
                operation="init",
                access_token=credentials.access_token,
                json=body,
            )
        publish_id, upload_url = data.get("publish_id"), data.get("upload_url")
        if not publish_id or not upload_url:
            raise RetryableError(PLATFORM, "init: no publish_id or upload_url in the answer")
        log.info(
            "tiktok.upload_initialized",
            publish_id=publish_id,
            mode=post.mode,
            bytes=plan.video_size,
            chunks=plan.total_chunk_count,
        )
        return UploadTicket(
            remote_id=str(publish_id),
            upload_url=str(upload_url),
            extra={
                "mode": post.mode,
                "video_size": str(plan.video_size),
                "chunk_size": str(plan.chunk_size),
                "total_chunk_count": str(plan.total_chunk_count),
                "username": str(creator.get("creator_username") or ""),
                "privacy_level": privacy,
                # A public post gets its id only once moderation passes (minutes, or hours):
                # until then a completion without an id is not the end.
                "awaits_post_id": "1" if privacy == PRIVACY_PUBLIC else "",
                "upload_expires_at": (utcnow() + self._upload_url_ttl).isoformat(),
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
        plan = _plan(ticket)
        if media.size_bytes != plan.video_size:
            raise PermanentError(
                PLATFORM,
                f"file is {media.size_bytes} bytes, the upload was opened for {plan.video_size}",
                "The video changed since its upload began; it will be started again.",
            )
        if offset < plan.video_size:
            async with http.client(self._settings, upload=True) as client:
                for index in range(plan.chunk_index(offset), plan.total_chunk_count):
                    expired = await self._put_chunk(client, ticket, media, plan, index)
                    if expired is not None:
                        return expired
                    if progress is not None:
                        await progress(plan.chunk_range(index)[1] + 1, plan.video_size)
            log.info("tiktok.upload_sent", publish_id=ticket.remote_id, bytes=plan.video_size)
        return await self.status(credentials, ticket)

    async def status(self, credentials: Credentials, ticket: UploadTicket) -> RemoteState:
        async with http.client(self._settings) as client:
            data = await call_api(
                client,
                "POST",
                self._endpoints.status,
                operation="status",
                access_token=credentials.access_token,
                json={"publish_id": ticket.remote_id},
            )
        return self._state(ticket, data)

    async def publish(
        self, credentials: Credentials, ticket: UploadTicket, post: PostSpec
    ) -> RemoteState:
        return await self.status(credentials, ticket)

    async def metrics(self, credentials: Credentials, remote_post_id: str) -> PostMetrics:
        async with http.client(self._settings) as client:
            data = await call_api(
                client,
                "POST",
                self._endpoints.video_query,
                operation="video_query",
                access_token=credentials.access_token,
                params={"fields": VIDEO_FIELDS},
                json={"filters": {"video_ids": [remote_post_id]}},
            )
        videos = data.get("videos")
        for video in videos if isinstance(videos, list) else []:
            if isinstance(video, dict) and str(video.get("id")) == remote_post_id:
                return PostMetrics(
                    views=_count(video.get("view_count")),
                    likes=_count(video.get("like_count")),
                    comments=_count(video.get("comment_count")),
                    shares=_count(video.get("share_count")),
                )
        raise PermanentError(
            PLATFORM,
            f"video_not_found: {remote_post_id}",
            "TikTok no longer lists this video (deleted or made private).",
        )

    async def _put_chunk(
        self,
        client: httpx.AsyncClient,
        ticket: UploadTicket,
        media: MediaFile,
        plan: rules.ChunkPlan,
        index: int,
    ) -> RemoteState | None:
        first, last = plan.chunk_range(index)
        content = await asyncio.to_thread(_read, media.path, first, last - first + 1)
        headers = {
            "Content-Type": media.content_type,
            "Content-Range": f"bytes {first}-{last}/{plan.video_size}",
        }
        with http.transport_errors(PLATFORM, "upload_chunk"):
            response = await client.put(ticket.upload_url, content=content, headers=headers)
        if response.status_code in (201, 206):
            return None
        code, message = envelope_error(http.json_or_none(response))
        if response.status_code in (403, 404):
            log.info("tiktok.upload_url_expired", publish_id=ticket.remote_id, code=code)
            return RemoteState(
                phase="expired",
                reason=f"upload_url_expired: {code}",
                detail="The upload link TikTok gave out has expired.",
            )
        if response.status_code == 416:
            # TikTok holds a different number of bytes than we thought: ask status() and resume.
            raise RetryableError(
                PLATFORM,
                f"upload_chunk: range {first}-{last} does not match TikTok's progress",
                "The upload got out of step with TikTok; it will resume.",
                status_code=416,
            )
        raise api_error(
            response.status_code,
            code if code != "ok" else f"http_{response.status_code}",
            message,
            retry_after_seconds=http.retry_after_seconds(response),
        )

    def _state(self, ticket: UploadTicket, data: dict[str, Any]) -> RemoteState:
        status = str(data.get("status") or "")
        uploaded = _count(data.get("uploaded_bytes")) or 0
        size = int(ticket.extra.get("video_size") or 0)
        if status == "PROCESSING_UPLOAD":
            if _expired(ticket.extra.get("upload_expires_at")):
                return RemoteState(
                    phase="expired",
                    uploaded_bytes=uploaded,
                    reason="upload_url_expired",
                    detail="The upload link TikTok gave out has expired.",
                )
            if size and uploaded >= size:
                # Every byte is there; TikTok has yet to start processing: wait, don't resend.
                return RemoteState(phase="processing", uploaded_bytes=uploaded)
            return RemoteState(phase="uploading", uploaded_bytes=uploaded)
        total = size or uploaded
        if status == "PROCESSING_DOWNLOAD":
            return RemoteState(phase="processing", uploaded_bytes=total)
        if status == "SEND_TO_USER_INBOX":
            # A draft has no post id until the creator posts it in the app; the publish id
            # stands in for it.
            return RemoteState(
                phase="published",
                uploaded_bytes=total,
                remote_post_id=ticket.remote_id,
                detail="inbox",
            )
        if status == "PUBLISH_COMPLETE":
            post_ids = data.get("publicaly_available_post_id") or []
            if not post_ids and ticket.extra.get("privacy_level") == PRIVACY_PUBLIC:
                # Posted, still in moderation: the public id comes later.
                return RemoteState(phase="processing", uploaded_bytes=total, detail="moderation")
            if not post_ids:
                # Posted for followers, friends or only the creator: never publicly available,
                # so TikTok gives no post id; the publish id stands in for it.
                return RemoteState(
                    phase="published",
                    uploaded_bytes=total,
                    remote_post_id=ticket.remote_id,
                    detail="not_public",
                )
            post_id = str(post_ids[0])
            username = ticket.extra.get("username")
            url = f"https://www.tiktok.com/@{username}/video/{post_id}" if username else None
            return RemoteState(
                phase="published", uploaded_bytes=total, remote_post_id=post_id, url=url
            )
        if status == "FAILED":
            reason = str(data.get("fail_reason") or "unknown")
            known = fail_reason(reason)
            return RemoteState(
                phase="failed",
                uploaded_bytes=uploaded,
                reason=reason,
                retryable=known.retryable,
                detail=known.user_message,
            )
        raise RetryableError(PLATFORM, f"status: unknown status {status!r}")


def _post_info(
    post: PostSpec, media: MediaFile, title: str, creator: dict[str, Any]
) -> dict[str, Any]:
    """post_info from the user's own choices, refused (never adjusted) where the creator's
    current settings forbid them."""
    if not post.options:
        raise PermanentError(
            PLATFORM,
            "post_choices_missing",
            "TikTok needs the user's own choices for this post (privacy, comments, duet, "
            "stitch, commercial content, AI-generated label); none were made.",
        )
    problems = choices.refusals(post.options, creator)
    if problems:
        raise PermanentError(
            PLATFORM, "creator_info_refuses: " + " ".join(problems), " ".join(problems)
        )
    info: dict[str, Any] = {"title": title, **choices.post_info(post.options)}
    if (
        post.cover_offset_ms is not None
        and 0 <= post.cover_offset_ms < media.duration_seconds * 1000
    ):
        info["video_cover_timestamp_ms"] = post.cover_offset_ms
    return info


def _plan(ticket: UploadTicket) -> rules.ChunkPlan:
    try:
        return rules.ChunkPlan(
            video_size=int(ticket.extra["video_size"]),
            chunk_size=int(ticket.extra["chunk_size"]),
            total_chunk_count=int(ticket.extra["total_chunk_count"]),
        )
    except (KeyError, ValueError) as error:
        raise PermanentError(PLATFORM, f"ticket without a chunk plan: {error}") from error


def _read(path: Path, offset: int, size: int) -> bytes:
    with path.open("rb") as file:
        file.seek(offset)
        return file.read(size)


def _count(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _expired(iso: str | None) -> bool:
    if not iso:
        return False
    try:
        return datetime.fromisoformat(iso) <= utcnow()
    except ValueError:
        return False
