"""The YouTube Data API v3 routes the publisher uses, emulated: the resumable ``videos.insert``
(session start, chunk PUTs, status queries), ``videos.list`` and ``channels.list``."""

from __future__ import annotations

import hashlib
import json
import re
import secrets
from collections.abc import Callable
from datetime import datetime
from typing import Any

import structlog
from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from sandbox.faults import DropConnection, FaultRule, lost
from sandbox.youtube_world import (
    CATEGORY_IDS,
    PLATFORM,
    READ_SCOPES,
    UPLOAD_SCOPES,
    Session,
    Video,
    World,
    api_error,
    authorize,
    injected_error,
    iso,
    quota_exceeded,
)

log = structlog.get_logger(__name__)

VIDEO_PARTS = frozenset({"snippet", "status", "statistics", "processingDetails", "id"})
CONTENT_RANGE = re.compile(r"^bytes (?:(\d+)-(\d+)|\*)/(\d+|\*)$")
PRIVACY = frozenset({"public", "private", "unlisted"})


def _parts(value: str | None) -> set[str] | None:
    parts = {p.strip() for p in (value or "").split(",") if p.strip()}
    return parts if parts and parts <= VIDEO_PARTS | {"contentDetails"} else None


def _media_failure(data: bytes) -> str | None:
    """What YouTube's processing would say of bytes that are no video (None: looks like one)."""
    if not data:
        return "emptyFile"
    if len(data) < 1024:
        return "tooSmall"
    head = data[:16]
    known = (
        head[4:8] in (b"ftyp", b"moov", b"mdat", b"wide", b"free", b"skip")
        or head.startswith(b"\x1a\x45\xdf\xa3")  # Matroska / WebM
        or head.startswith(b"\x00\x00\x01\xba")  # MPEG program stream
        or (head[:1] == b"\x47" and data[188:189] == b"\x47")  # MPEG transport stream
        or (head.startswith(b"RIFF") and head[8:11] == b"AVI")
        or head.startswith(b"FLV")
    )
    return None if known else "invalidFile"


def _check_metadata(resource: dict[str, Any], now: float) -> Response | None:
    snippet = resource.get("snippet") or {}
    status = resource.get("status") or {}
    title = snippet.get("title")
    if (
        not isinstance(title, str)
        or not title.strip()
        or len(title) > 100
        or "<" in title
        or ">" in title
    ):
        return api_error(
            400, "The request metadata specifies an invalid video title.", "invalidTitle"
        )
    description = snippet.get("description") or ""
    if len(str(description).encode()) > 5000 or "<" in description or ">" in description:
        return api_error(
            400,
            "The request metadata specifies an invalid video description.",
            "invalidDescription",
        )
    if str(snippet.get("categoryId")) not in CATEGORY_IDS:
        return api_error(400, "The video category specified is invalid.", "invalidCategoryId")
    if not isinstance(status.get("selfDeclaredMadeForKids"), bool):
        # [?] YouTube falls back on the channel's setting; the sandbox insists on the uploader's
        # own declaration (COPPA), which our client must always make.
        return api_error(
            400,
            "The request metadata must declare status.selfDeclaredMadeForKids.",
            "invalidVideoMetadata",
        )
    tags = snippet.get("tags", [])
    if not isinstance(tags, list) or not all(isinstance(tag, str) for tag in tags):
        return api_error(400, "The request metadata specifies invalid video keywords.",
                         "invalidTags")  # fmt: skip
    if sum(len(tag) + (2 if " " in tag else 0) for tag in tags) + max(len(tags) - 1, 0) > 500:
        return api_error(400, "The request metadata specifies invalid video keywords.",
                         "invalidTags")  # fmt: skip
    privacy = status.get("privacyStatus", "public")
    if privacy not in PRIVACY:
        return api_error(400, "The request metadata is invalid.", "invalidVideoMetadata")
    publish_at = status.get("publishAt")
    if publish_at is not None:
        try:
            when = datetime.fromisoformat(str(publish_at).replace("Z", "+00:00")).timestamp()
        except ValueError:
            when = None
        if privacy != "private" or when is None or when <= now:
            return api_error(
                400,
                "The request metadata specifies an invalid scheduled publishing time.",
                "invalidPublishAt",
            )
    return None


class VideosApi:
    def __init__(self, world: World, on_public_video: Callable[[Video], None]) -> None:
        self.world = world
        self.on_public_video = on_public_video
        self.router = APIRouter()
        path = "/api/upload/youtube/v3/videos"
        self.router.add_api_route(path, self.start, methods=["POST"], include_in_schema=False)
        self.router.add_api_route(path, self.put, methods=["PUT"], include_in_schema=False)
        self.router.add_api_route(
            "/api/youtube/v3/videos", self.list_videos, methods=["GET"], include_in_schema=False
        )
        self.router.add_api_route(
            "/api/upload/youtube/v3/thumbnails/set",
            self.set_thumbnail,
            methods=["POST"],
            include_in_schema=False,
        )
        self.router.add_api_route(
            "/api/youtube/v3/channels", self.list_channels, methods=["GET"], include_in_schema=False
        )

    # --- videos.insert, resumable ----------------------------------------------------------

    async def start(self, request: Request) -> Response:
        world = self.world
        rule, injected = await world.context.inject(PLATFORM, "upload_init", injected_error)
        if injected is not None:
            return injected
        if request.query_params.get("uploadType") != "resumable":
            return api_error(400, "The sandbox accepts uploadType=resumable only.", "badRequest")
        grant = authorize(world, request, UPLOAD_SCOPES)
        if isinstance(grant, Response):
            return grant
        part = request.query_params.get("part")
        if not part:
            return api_error(
                400, "No filter selected. Expected one of: part", "missingRequiredParameter"
            )
        if _parts(part) is None:
            return api_error(400, f"'{part}'", "unknownPart")
        if not world.charge_upload():
            return quota_exceeded()
        if not world.channel_upload_allowed(grant.channel_id):
            return api_error(
                400,
                "The user has exceeded the number of videos they may upload.",
                "uploadLimitExceeded",
                domain="youtube.video",
            )
        try:
            size = int(request.headers.get("X-Upload-Content-Length", ""))
        except ValueError:
            return api_error(400, "The sandbox needs X-Upload-Content-Length.", "badRequest")
        if size > world.config.max_file_bytes:
            return api_error(413, "The video file is too large.", "uploadTooLarge")
        content_type = request.headers.get("X-Upload-Content-Type", "application/octet-stream")
        if not (content_type.startswith("video/") or content_type == "application/octet-stream"):
            return api_error(400, f"Media type '{content_type}' is not supported.", "badContent")
        try:
            resource = json.loads(await request.body() or b"{}")
        except ValueError:
            return api_error(400, "Parse Error", "parseError")
        if not isinstance(resource, dict):
            return api_error(400, "Parse Error", "parseError")
        problem = _check_metadata(resource, world.now())
        if problem is not None:
            return problem
        session = Session(
            upload_id=secrets.token_urlsafe(32),
            channel_id=grant.channel_id,
            resource=resource,
            notify_subscribers=request.query_params.get("notifySubscribers", "true") != "false",
            size=size,
            content_type=content_type,
            created_at=world.now(),
        )
        world.sessions[session.upload_id] = session
        world.channel_uploads.setdefault(grant.channel_id, []).append(world.now())
        location = request.url.replace(
            query=f"uploadType=resumable&part={part}&upload_id={session.upload_id}"
        )
        log.info("sandbox.youtube.session_started", channel_id=grant.channel_id, size=size)
        lost(rule)
        return Response(status_code=200, headers={"Location": str(location)})

    def _session(self, upload_id: str) -> Session | None:
        session = self.world.sessions.get(upload_id)
        if session is None:
            return None
        if (
            session.video_id is None
            and self.world.now() >= session.created_at + self.world.config.session_ttl_seconds
        ):
            del self.world.sessions[upload_id]
            return None
        return session

    async def put(self, request: Request) -> Response:
        world = self.world
        match = CONTENT_RANGE.match(request.headers.get("Content-Range", ""))
        query = match is not None and match.group(1) is None
        operation = "upload_status" if query else "upload_chunk"
        rule, injected = await world.context.inject(PLATFORM, operation, injected_error)
        if injected is not None:
            return injected
        session = self._session(request.query_params.get("upload_id", ""))
        if session is None:
            return api_error(404, "Not Found", "notFound")
        if world.config.session_requires_token:
            grant = authorize(world, request, UPLOAD_SCOPES)
            if isinstance(grant, Response):
                return grant
        if session.video_id is not None:
            response = self._finished(session)
        elif match is None:
            return api_error(400, "Missing or malformed Content-Range.", "badRequest")
        elif match.group(3) != str(session.size):
            return api_error(
                400, "Content-Range total does not match the upload's length.", "badRequest"
            )
        elif query:
            response = self._incomplete(session)
        else:
            response = await self._chunk(
                request, session, int(match.group(1)), int(match.group(2)), rule
            )
        lost(rule)
        return response

    def _incomplete(self, session: Session) -> Response:
        # 308 Resume Incomplete; no Range header when nothing is held yet.
        headers = {"Range": f"bytes=0-{len(session.data) - 1}"} if session.data else {}
        return Response(status_code=308, headers=headers)

    def _finished(self, session: Session) -> Response:
        video = self.world.videos[str(session.video_id)]
        return JSONResponse(self.world.render_video(video, {"snippet", "status"}), status_code=200)

    async def _chunk(
        self, request: Request, session: Session, first: int, last: int, rule: FaultRule | None
    ) -> Response:
        declared = last - first + 1
        held = len(session.data)
        if first > held or last < first or last >= session.size:
            # Bytes past a gap cannot be kept: say what is held so the client resumes there.
            async for _ in request.stream():
                pass
            return self._incomplete(session)
        body = bytearray()
        async for piece in request.stream():
            body.extend(piece)
            if rule is not None and rule.fault == "drop" and len(body) >= declared // 2:
                # The line broke with about half of the chunk across.
                self._keep(session, first, bytes(body[: max(1, declared // 2)]))
                log.info("sandbox.youtube.chunk_dropped", kept=len(session.data))
                if len(session.data) == session.size:
                    await self._complete(session)
                raise DropConnection()
        if len(body) != declared:
            return api_error(
                400, "The chunk's length does not match its Content-Range.", "badRequest"
            )
        final = last + 1 == session.size
        multiple = self.world.config.chunk_multiple_bytes
        if not final and multiple and declared % multiple:
            if self.world.config.chunk_violation == "reject":
                return api_error(
                    400,
                    f"Chunks other than the last must be multiples of {multiple} bytes.",
                    "badRequest",
                )
            body = body[: declared - declared % multiple]
        self._keep(session, first, bytes(body))
        if len(session.data) < session.size:
            return self._incomplete(session)
        await self._complete(session)
        return self._finished(session)

    @staticmethod
    def _keep(session: Session, first: int, data: bytes) -> None:
        overlap = len(session.data) - first
        session.data.extend(data[overlap:])

    async def _complete(self, session: Session) -> None:
        world = self.world
        seconds, fails = world.context.processing(PLATFORM)
        failure = _media_failure(bytes(session.data))
        if fails:
            failure = failure or "conversion"
        snippet, status = (
            session.resource.get("snippet") or {},
            session.resource.get("status") or {},
        )
        publish_at = status.get("publishAt")
        video = Video(
            video_id=secrets.token_urlsafe(8)[:11],
            channel_id=session.channel_id,
            title=str(snippet.get("title", "")),
            description=str(snippet.get("description", "")),
            category_id=str(snippet.get("categoryId")),
            privacy=str(status.get("privacyStatus", "public")),
            made_for_kids=bool(status.get("selfDeclaredMadeForKids")),
            tags=[str(tag) for tag in snippet.get("tags", [])],
            publish_at=(
                datetime.fromisoformat(str(publish_at).replace("Z", "+00:00")).timestamp()
                if publish_at
                else None
            ),
            created_at=world.now(),
            ready_at=world.now() + seconds,
            size=len(session.data),
            sha256=hashlib.sha256(session.data).hexdigest(),
            failure_reason=failure,
        )
        world.videos[video.video_id] = video
        session.video_id = video.video_id
        log.info("sandbox.youtube.video_created", video_id=video.video_id, failure=failure)
        if world.privacy(video) == "public" and failure is None:
            self.on_public_video(video)

    # --- thumbnails.set ------------------------------------------------------------------

    async def set_thumbnail(self, request: Request) -> Response:
        """A custom thumbnail for one of the channel's videos: JPEG or PNG, at most 2 MB."""
        world = self.world
        rule, injected = await world.context.inject(PLATFORM, "thumbnails_set", injected_error)
        if injected is not None:
            return injected
        grant = authorize(world, request, UPLOAD_SCOPES)
        if isinstance(grant, Response):
            return grant
        video = world.videos.get(request.query_params.get("videoId", ""))
        if video is None or video.channel_id != grant.channel_id:
            return api_error(404, "The video that you are trying to update cannot be found.",
                             "videoNotFound")  # fmt: skip
        data = await request.body()
        if len(data) > 2 * 1024 * 1024:
            return api_error(400, "The thumbnail image file is too large.", "mediaBodyTooLarge")
        content_type = request.headers.get("content-type", "").split(";")[0].strip()
        if content_type not in ("image/jpeg", "image/png") or not (
            data.startswith(b"\xff\xd8") or data.startswith(b"\x89PNG")
        ):
            return api_error(400, "The image type is not supported.", "invalidImage")
        if not world.charge_units(50):
            return quota_exceeded()
        video.thumbnail_sha256 = hashlib.sha256(data).hexdigest()
        url = f"https://i.ytimg.com/vi/{video.video_id}/default.jpg"
        lost(rule)
        return JSONResponse(
            {
                "kind": "youtube#thumbnailSetResponse",
                "etag": video.thumbnail_sha256[:27],
                "items": [{"default": {"url": url, "width": 120, "height": 90}}],
            }
        )

    # --- list calls ----------------------------------------------------------------------

    async def list_videos(self, request: Request) -> Response:
        world = self.world
        rule, injected = await world.context.inject(PLATFORM, "videos_list", injected_error)
        if injected is not None:
            return injected
        grant = authorize(world, request, READ_SCOPES)
        if isinstance(grant, Response):
            return grant
        parts = _parts(request.query_params.get("part"))
        if parts is None:
            return api_error(
                400, "No filter selected. Expected one of: part", "missingRequiredParameter"
            )
        if not world.charge_units():
            return quota_exceeded()
        ids = [i for i in request.query_params.get("id", "").split(",") if i]
        if not ids:
            return api_error(
                400, "No filter selected. Expected one of: id", "missingRequiredParameter"
            )
        items = []
        for video_id in ids[:50]:
            video = world.videos.get(video_id)
            if video is None:
                continue
            visible = video.channel_id == grant.channel_id or (
                world.privacy(video) == "public" and world.upload_status(video) == "processed"
            )
            if visible:
                items.append(world.render_video(video, parts))
        lost(rule)
        return JSONResponse(
            {
                "kind": "youtube#videoListResponse",
                "items": items,
                "pageInfo": {"totalResults": len(items), "resultsPerPage": len(items)},
            }
        )

    async def list_channels(self, request: Request) -> Response:
        world = self.world
        rule, injected = await world.context.inject(PLATFORM, "channels_list", injected_error)
        if injected is not None:
            return injected
        grant = authorize(world, request, READ_SCOPES)
        if isinstance(grant, Response):
            return grant
        if not request.query_params.get("part"):
            return api_error(
                400, "No filter selected. Expected one of: part", "missingRequiredParameter"
            )
        if not world.charge_units():
            return quota_exceeded()
        if request.query_params.get("mine") == "true":
            channel_ids = [grant.channel_id]
        else:
            channel_ids = [i for i in request.query_params.get("id", "").split(",") if i]
        items = []
        for channel_id in channel_ids:
            account = world.account_by_channel(channel_id)
            if account is None:
                continue
            items.append(
                {
                    "kind": "youtube#channel",
                    "id": account.channel_id,
                    "snippet": {
                        "title": account.username,
                        "description": "",
                        "customUrl": f"@{account.username.lower()}",
                        "publishedAt": iso(account.created_at),
                    },
                }
            )
        lost(rule)
        return JSONResponse(
            {
                "kind": "youtube#channelListResponse",
                "items": items,
                "pageInfo": {"totalResults": len(items), "resultsPerPage": len(items)},
            }
        )
