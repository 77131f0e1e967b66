"""The TikTok emulator's Content Posting API: creator info, Direct Post and inbox init with the
chunk rules, chunk PUTs on the upload host, processing (ffmpeg checks of the video), status, and
the video list with metrics."""

from __future__ import annotations

import asyncio
import secrets
import tempfile
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlencode

import structlog
from fastapi import APIRouter, Request
from starlette.responses import Response

from sandbox.faults import DropConnection
from sandbox.tiktok_core import Core, api_error, api_ok, injected_api_error
from sandbox.tiktok_state import (
    MAX_TITLE_UTF16,
    UPLOAD_CONTENT_TYPES,
    Post,
    Publish,
    Token,
    background,
    check_source,
    check_video,
    metrics_for,
    parse_content_range,
    utf16_length,
)

log = structlog.get_logger(__name__)

POST_INFO_FLAGS = (
    "disable_comment",
    "disable_duet",
    "disable_stitch",
    "brand_content_toggle",
    "brand_organic_toggle",
    "is_aigc",
)
VIDEO_FIELDS = frozenset(
    {"id", "create_time", "title", "view_count", "like_count", "comment_count", "share_count"}
)


class PublishRoutes(Core):
    def add_publish_routes(self, router: APIRouter) -> None:
        base = "/open/v2/post/publish"
        router.add_api_route(f"{base}/creator_info/query/", self.creator_info, methods=["POST"])
        router.add_api_route(f"{base}/video/init/", self.direct_init, methods=["POST"])
        router.add_api_route(f"{base}/inbox/video/init/", self.inbox_init, methods=["POST"])
        router.add_api_route(f"{base}/status/fetch/", self.status_fetch, methods=["POST"])
        router.add_api_route("/open/v2/video/query/", self.video_query, methods=["POST"])
        router.add_api_route("/upload/video/", self.upload_chunk, methods=["PUT"])

    async def creator_info(self, request: Request) -> Response:
        call = await self._api_call(request, "creator_info", ("video.publish",))
        if isinstance(call, Response):
            return call
        rule, token = call
        account = self.accounts[token.open_id]
        options = self.config.privacy_level_options
        if not self.config.client_audited:
            options = ["SELF_ONLY"]
        data = {
            "creator_avatar_url": f"https://p16-sign.tiktokcdn.com/sandbox/{account.open_id}.jpeg",
            "creator_username": account.username,
            "creator_nickname": account.username.replace("_", " ").title(),
            "privacy_level_options": options,
            "comment_disabled": self.config.comment_disabled,
            "duet_disabled": self.config.duet_disabled,
            "stitch_disabled": self.config.stitch_disabled,
            "max_video_post_duration_sec": self.config.max_video_post_duration_sec,
        }
        return self._finish(rule, api_ok(data))

    async def direct_init(self, request: Request) -> Response:
        call = await self._api_call(request, "init", ("video.publish",))
        if isinstance(call, Response):
            return call
        rule, token = call
        body = await self._json_body(request)
        if body is None:
            return api_error(400, "invalid_params", "The body must be a JSON object.")
        post_info = body.get("post_info")
        if not isinstance(post_info, dict):
            return api_error(400, "invalid_params", "post_info is required.")
        title = post_info.get("title", "")
        if not isinstance(title, str) or utf16_length(title) > MAX_TITLE_UTF16:
            return api_error(400, "invalid_params", "title must be at most 2200 characters.")
        privacy = post_info.get("privacy_level")
        if not self.config.client_audited and privacy != "SELF_ONLY":
            return api_error(
                403,
                "unaudited_client_can_only_post_to_private_accounts",
                "Unaudited clients can only post with SELF_ONLY to private accounts.",
            )
        if privacy not in self.config.privacy_level_options:
            return api_error(
                400, "privacy_level_option_mismatch", "privacy_level is not offered to the user."
            )
        refusal = self._post_info_problem(post_info)
        if refusal is not None:
            return api_error(400, "invalid_params", refusal)
        problem = self._source_problem(body.get("source_info"))
        if problem is not None:
            return problem
        if self._in_window(token.open_id, "direct") >= self.config.daily_post_cap:
            return api_error(
                403,
                "spam_risk_too_many_posts",
                "The user has reached the daily limit of posts via the API.",
            )
        publish = self._open(token, "direct", body["source_info"], title, str(privacy))
        publish.post_info = dict(post_info)
        return self._finish(rule, api_ok(self._init_data(request, publish)))

    def _post_info_problem(self, post_info: dict[str, Any]) -> str | None:
        """What TikTok refuses in the settings of a post: toggles that are not booleans, an
        interaction the creator turned off left on, private branded content, a bad cover."""
        for name in POST_INFO_FLAGS:
            if name in post_info and not isinstance(post_info[name], bool):
                return f"{name} must be a boolean."
        for flag, name in (
            ("comment_disabled", "disable_comment"),
            ("duet_disabled", "disable_duet"),
            ("stitch_disabled", "disable_stitch"),
        ):
            if getattr(self.config, flag) and post_info.get(name) is not True:
                return f"{name} must be true: the creator has turned it off ({flag})."
        if post_info.get("brand_content_toggle") and post_info["privacy_level"] == "SELF_ONLY":
            return "Branded content cannot be posted with privacy_level SELF_ONLY."
        cover = post_info.get("video_cover_timestamp_ms")
        if cover is not None and (not isinstance(cover, int) or cover < 0):
            return "video_cover_timestamp_ms must be a non-negative integer."
        return None

    def _in_window(self, open_id: str, mode: str) -> int:
        """Posts (direct) or pending shares (inbox) of a user within the cap's rolling window."""
        now = self.context.now()
        return sum(
            1
            for p in self.publishes.values()
            if p.open_id == open_id
            and p.mode == mode
            and p.created_at > now - self.config.cap_window_seconds
            and p.counts_toward_cap(now)
        )

    async def inbox_init(self, request: Request) -> Response:
        call = await self._api_call(request, "inbox_init", ("video.upload",))
        if isinstance(call, Response):
            return call
        rule, token = call
        body = await self._json_body(request)
        if body is None:
            return api_error(400, "invalid_params", "The body must be a JSON object.")
        problem = self._source_problem(body.get("source_info"))
        if problem is not None:
            return problem
        if self._in_window(token.open_id, "inbox") >= self.config.pending_share_cap:
            return api_error(
                403,
                "spam_risk_too_many_pending_share",
                "The user has too many pending shares in their inbox.",
            )
        publish = self._open(token, "inbox", body["source_info"], "", None)
        return self._finish(rule, api_ok(self._init_data(request, publish)))

    def _source_problem(self, source: Any) -> Response | None:
        if isinstance(source, dict) and source.get("source") == "PULL_FROM_URL":
            return api_error(
                403,
                "url_ownership_unverified",
                "The domain or URL prefix of video_url is not verified for this client.",
            )
        problem = check_source(source, self.config)
        return api_error(400, "invalid_params", problem) if problem else None

    def _open(
        self,
        token: Token,
        mode: Literal["direct", "inbox"],
        source: dict[str, Any],
        title: str,
        privacy: str | None,
    ) -> Publish:
        now = self.context.now()
        serial = 7300000000000000000 + self._next()
        kind = "pub_file" if mode == "direct" else "inbox_file"
        publish = Publish(
            publish_id=f"v_{kind}~v2-1.{serial}",
            open_id=token.open_id,
            mode=mode,
            video_size=int(source["video_size"]),
            chunk_size=int(source["chunk_size"]),
            total_chunk_count=int(source["total_chunk_count"]),
            upload_id=str(serial),
            upload_token=secrets.token_urlsafe(24),
            created_at=now,
            upload_expires_at=now + self.config.upload_url_seconds,
            title=title,
            privacy_level=privacy,
        )
        self.publishes[publish.publish_id] = publish
        self.uploads[publish.upload_id] = publish
        log.info("sandbox.tiktok.init", publish_id=publish.publish_id, mode=mode)
        return publish

    def _init_data(self, request: Request, publish: Publish) -> dict[str, str]:
        # The emulator's own /tiktok prefix as the caller reached it, wherever it is mounted.
        base = str(request.url.replace(query="")).split("/open/v2/", 1)[0]
        query = urlencode({"upload_id": publish.upload_id, "upload_token": publish.upload_token})
        return {"publish_id": publish.publish_id, "upload_url": f"{base}/upload/video/?{query}"}

    async def upload_chunk(self, request: Request) -> Response:
        rule, response = await self.context.inject("tiktok", "upload_chunk", injected_api_error)
        if response is not None:
            return response
        publish = self.uploads.get(request.query_params.get("upload_id", ""))
        if publish is None or not secrets.compare_digest(
            publish.upload_token, request.query_params.get("upload_token", "")
        ):
            return api_error(404, "invalid_params", "Unknown upload_id or upload_token.")
        if self.context.now() > publish.upload_expires_at:
            return api_error(403, "upload_url_expired", "The upload_url has expired.")
        content_type = request.headers.get("content-type", "").split(";")[0].strip()
        if content_type not in UPLOAD_CONTENT_TYPES:
            return api_error(
                400,
                "invalid_file_upload",
                "Content-Type must be video/mp4, video/quicktime or video/webm.",
            )
        parsed = parse_content_range(request.headers.get("content-range"))
        if parsed is None or parsed[2] != publish.video_size:
            return api_error(
                400, "invalid_params", "Content-Range must be bytes {first}-{last}/{video_size}."
            )
        first, last, _ = parsed
        if publish.status != "PROCESSING_UPLOAD" or first != publish.received:
            return _range_not_satisfiable(publish)
        index = publish.chunks_received
        if (first, last) != publish.expected_chunk(index):
            return api_error(
                400,
                "invalid_file_upload",
                f"Chunk {index + 1} must be bytes {publish.expected_chunk(index)[0]}-"
                f"{publish.expected_chunk(index)[1]}.",
            )
        expected = last - first + 1
        if request.headers.get("content-length") != str(expected):
            return api_error(400, "invalid_file_upload", "Content-Length must match the range.")
        received = bytearray()
        async for piece in request.stream():
            received += piece
            if rule is not None and rule.fault == "drop" and len(received) >= expected // 2:
                log.info("sandbox.tiktok.upload_dropped", publish_id=publish.publish_id)
                raise DropConnection()
            if len(received) > expected:
                break
        if len(received) != expected:
            return api_error(400, "invalid_file_upload", "The body does not match the range.")
        if publish.received != first or publish.status != "PROCESSING_UPLOAD":
            return _range_not_satisfiable(publish)  # another PUT of this chunk finished first
        publish.data += received
        publish.hasher.update(received)
        publish.received += expected
        publish.chunks_received += 1
        publish.content_type = content_type
        if publish.chunks_received < publish.total_chunk_count:
            return self._finish(rule, Response(status_code=206))
        self._start_processing(publish)
        return self._finish(rule, Response(status_code=201))

    def _start_processing(self, publish: Publish) -> None:
        delay, fails = self.context.processing("tiktok")
        if fails:
            publish.forced_fail_reason = "internal"
        publish.status = "PROCESSING_DOWNLOAD"
        publish.ready_at = self.context.now() + delay
        background(self._tasks, self._settle_later(publish, delay))

    async def _settle_later(self, publish: Publish, delay: float) -> None:
        await asyncio.sleep(delay)
        await self._settle(publish)

    async def _settle(self, publish: Publish) -> None:
        """Processing ends (once): the video is checked, then posted or delivered to the inbox."""
        if publish.status != "PROCESSING_DOWNLOAD" or publish.settling:
            return
        if publish.ready_at is None or self.context.now() < publish.ready_at:
            return
        publish.settling = True
        try:
            reason = publish.forced_fail_reason or await self._check_video(publish)
        finally:
            publish.settling = False
        if publish.status != "PROCESSING_DOWNLOAD":  # revoked meanwhile
            return
        publish.data = bytearray()
        if reason is not None:
            self._fail(publish, reason)
            return
        publish_type = (
            self.config.direct_publish_type if publish.mode == "direct" else "INBOX_SHARE"
        )
        if publish.mode == "inbox":
            publish.status = "SEND_TO_USER_INBOX"
            self._webhook(
                "post.publish.inbox_delivered",
                publish.open_id,
                {"publish_id": publish.publish_id, "publish_type": publish_type},
            )
            return
        publish.status = "PUBLISH_COMPLETE"
        publish.post_id = str(7400000000000000000 + self._next() * 7919)
        self.posts.append(
            Post(
                publish.post_id,
                publish.open_id,
                publish.title,
                publish.privacy_level or "",
                self.context.now(),
            )
        )
        log.info("sandbox.tiktok.published", publish_id=publish.publish_id, post=publish.post_id)
        content = {"publish_id": publish.publish_id, "publish_type": publish_type}
        self._webhook("post.publish.complete", publish.open_id, content)
        delay = self.config.moderation_seconds
        publish.moderated_at = self.context.now() + delay
        background(self._tasks, self._moderated_later(publish, content, delay))

    async def _moderated_later(
        self, publish: Publish, content: dict[str, Any], delay: float
    ) -> None:
        await asyncio.sleep(delay)
        if self._public_id(publish) is not None:
            self._webhook(
                "post.publish.publicly_available",
                publish.open_id,
                {**content, "post_id": publish.post_id},
            )

    def _public_id(self, publish: Publish) -> str | None:
        """The post id TikTok shows: only once the post is publicly available, after
        moderation, which a post for followers, friends or only the creator never is."""
        if publish.privacy_level != "PUBLIC_TO_EVERYONE" and not self.config.private_post_ids:
            return None
        if publish.moderated_at is None or self.context.now() < publish.moderated_at:
            return None
        return publish.post_id

    async def _check_video(self, publish: Publish) -> str | None:
        if not self.config.validate_media:
            return None
        from core.ffmpeg import FfmpegNotFound, find_ffmpeg

        try:
            ffmpeg = find_ffmpeg(self.settings.ffmpeg_path)
        except FfmpegNotFound:
            log.warning("sandbox.tiktok.no_ffmpeg", publish_id=publish.publish_id)
            return None
        data = bytes(publish.data)
        max_duration = self.config.max_video_post_duration_sec
        return await asyncio.to_thread(_check_bytes, data, max_duration, ffmpeg)

    async def status_fetch(self, request: Request) -> Response:
        call = await self._api_call(request, "status", ("video.publish", "video.upload"))
        if isinstance(call, Response):
            return call
        rule, token = call
        body = await self._json_body(request)
        publish = self.publishes.get(str((body or {}).get("publish_id", "")))
        if publish is None or publish.open_id != token.open_id:
            return api_error(400, "invalid_params", "publish_id is invalid.")
        await self._settle(publish)
        data: dict[str, Any] = {
            "status": publish.status,
            "uploaded_bytes": publish.received,
            "downloaded_bytes": publish.received if publish.status != "PROCESSING_UPLOAD" else 0,
            "publicaly_available_post_id": [
                post_id for post_id in [self._public_id(publish)] if post_id is not None
            ],
        }
        if publish.fail_reason:
            data["fail_reason"] = publish.fail_reason
        return self._finish(rule, api_ok(data))

    async def video_query(self, request: Request) -> Response:
        call = await self._api_call(request, "video_query", ("video.list",))
        if isinstance(call, Response):
            return call
        rule, token = call
        fields = [f for f in request.query_params.get("fields", "").split(",") if f]
        if not fields or not set(fields) <= VIDEO_FIELDS:
            return api_error(400, "invalid_params", f"fields must be among {sorted(VIDEO_FIELDS)}")
        body = await self._json_body(request) or {}
        filters = body.get("filters")
        ids = filters.get("video_ids") if isinstance(filters, dict) else None
        if not isinstance(ids, list) or not 1 <= len(ids) <= 20:
            return api_error(400, "invalid_params", "filters.video_ids must hold 1-20 ids.")
        now = self.context.now()
        videos = []
        for post in self.posts:
            if post.post_id in {str(i) for i in ids} and post.open_id == token.open_id:
                values: dict[str, Any] = {
                    "id": post.post_id,
                    "create_time": int(post.published_at),
                    "title": post.caption,
                    **metrics_for(post.post_id, now - post.published_at),
                }
                videos.append({f: values[f] for f in ["id", *fields] if f in values})
        return self._finish(rule, api_ok({"videos": videos, "cursor": 0, "has_more": False}))


def _check_bytes(data: bytes, max_duration: int, ffmpeg: str) -> str | None:
    with tempfile.TemporaryDirectory(prefix="tiktok-sandbox-") as folder:
        path = Path(folder) / "upload.bin"
        path.write_bytes(data)
        return check_video(path, max_duration, ffmpeg)


def _range_not_satisfiable(publish: Publish) -> Response:
    response = api_error(
        416,
        "invalid_params",
        f"Content-Range does not match the upload's progress ({publish.received} bytes in).",
    )
    response.headers["Content-Range"] = f"bytes */{publish.video_size}"
    return response
