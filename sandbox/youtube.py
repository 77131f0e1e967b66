"""YouTube emulated: Google OAuth, the Data API v3 resumable upload, videos/channels.list and
the WebSub hub, under ``/youtube`` with one prefix per real host (see
``backend/platforms/youtube/endpoints.py``):

  GET/POST /youtube/accounts/o/oauth2/v2/auth      consent page / decision (accounts.google.com)
  POST /youtube/oauth2/token, /youtube/oauth2/revoke                     (oauth2.googleapis.com)
  POST /youtube/api/upload/youtube/v3/videos?uploadType=resumable        start a session
  PUT  /youtube/api/upload/youtube/v3/videos?upload_id=...               chunk / status query
  GET  /youtube/api/youtube/v3/videos, /youtube/api/youtube/v3/channels   (www.googleapis.com)
  POST /youtube/hub/subscribe                                        (pubsubhubbub.appspot.com)

Fault operations (``{"platform": "youtube", "operation": ...}``):
  authorize      the consent page and its form post
  token          code exchange and refresh
  revoke         token revocation
  upload_init    POST that opens a resumable session (videos.insert; charges the quota)
  upload_chunk   PUT carrying bytes; ``drop`` keeps about half the chunk, then hangs up
  upload_status  empty PUT with ``Content-Range: bytes */total``
  process        when the last byte lands (not a request: only these two apply):
                 ``slow_processing`` makes processing take ``delay_seconds``; ``error`` makes
                 it fail (failureReason "conversion", worth a new upload)
  videos_list    videos.list (status, statistics...)
  channels_list  channels.list (fetch_account)
  hub_subscribe  WebSub subscription requests
``lost_response`` does the work and then hangs up, on every operation.

Control (not in the schema):
  GET/PUT /youtube/_sandbox/config    the knobs of ``YouTubeConfig`` (PUT merges a partial body)
  POST /youtube/_sandbox/revoke       {"remote_account_id"}: the channel's grants stop working
  GET /youtube/_sandbox/videos/{id}   a video as stored, with the sha256 and size of its bytes

The quota buckets are per Google project (all channels together) and reset at midnight Pacific
time on the sandbox clock. Processing failures are decided by sniffing the uploaded bytes (no
recognizable container: "invalidFile"; empty: "emptyFile"; under 1 KiB: "tooSmall").
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import structlog
from fastapi import APIRouter
from pydantic import BaseModel, ValidationError
from starlette.responses import JSONResponse, Response

from sandbox.context import SandboxContext
from sandbox.youtube_api import VideosApi
from sandbox.youtube_hub import Hub
from sandbox.youtube_oauth import build_router
from sandbox.youtube_world import World, YouTubeConfig

log = structlog.get_logger(__name__)


class RevokeBody(BaseModel):
    remote_account_id: str


class Emulator:
    def __init__(self, context: SandboxContext) -> None:
        self.world = World(
            context=context,
            config=YouTubeConfig(daily_upload_quota=context.settings.youtube_daily_upload_quota),
        )
        self.hub = Hub(self.world)
        self.api = VideosApi(self.world, on_public_video=self.hub.notify)
        self.router = APIRouter()
        self.router.include_router(build_router(self.world))
        self.router.include_router(self.api.router)
        self.router.include_router(self.hub.router)
        self.router.include_router(self._control_router())

    def _control_router(self) -> APIRouter:
        router = APIRouter(prefix="/_sandbox")
        world = self.world

        @router.get("/config", include_in_schema=False)
        async def get_config() -> YouTubeConfig:
            return world.config

        @router.put("/config", include_in_schema=False)
        async def put_config(body: dict[str, Any]) -> Response:
            try:
                world.config = YouTubeConfig.model_validate(world.config.model_dump() | body)
            except ValidationError as error:
                return JSONResponse({"detail": error.errors(include_url=False)}, status_code=422)
            log.info("sandbox.youtube.config_set", keys=sorted(body))
            return JSONResponse(world.config.model_dump())

        @router.post("/revoke", include_in_schema=False)
        async def revoke(body: RevokeBody) -> dict[str, int]:
            return {"revoked": world.revoke_channel(body.remote_account_id)}

        @router.get("/videos/{video_id}", include_in_schema=False)
        async def video(video_id: str) -> Response:
            stored = world.videos.get(video_id)
            if stored is None:
                return JSONResponse({"detail": "no such video"}, status_code=404)
            return JSONResponse(self._video_stats(video_id))

        return router

    def _video_stats(self, video_id: str) -> dict[str, Any]:
        video = self.world.videos[video_id]
        return {
            "video_id": video.video_id,
            "channel_id": video.channel_id,
            "title": video.title,
            "privacy": self.world.privacy(video),
            "publish_at": (
                datetime.fromtimestamp(video.publish_at, UTC).isoformat()
                if video.publish_at is not None
                else None
            ),
            "upload_status": self.world.upload_status(video),
            "size_bytes": video.size,
            "sha256": video.sha256,
            "made_for_kids": video.made_for_kids,
            "tags": video.tags,
            "category_id": video.category_id,
            "thumbnail_sha256": video.thumbnail_sha256,
        }

    def stats(self) -> dict[str, Any]:
        world = self.world
        day = world.day()
        return {
            # Every video a channel got (private and scheduled ones too), but not those whose
            # processing failed: YouTube never shows them, and a new upload replaces them.
            "posts": [
                {
                    "remote_post_id": v.video_id,
                    "account_id": v.channel_id,
                    "caption": v.description,
                    "title": v.title,
                }
                for v in world.videos.values()
                if v.failure_reason is None
            ],
            "videos": [self._video_stats(video_id) for video_id in world.videos],
            "sessions": len(world.sessions),
            "accounts": len(world.accounts),
            "quota": {
                "day": day,
                "uploads_used": world.uploads_by_day.get(day, 0),
                "uploads_limit": world.config.daily_upload_quota,
                "units_used": world.units_by_day.get(day, 0),
                "units_limit": world.config.daily_units_quota,
            },
            "websub": {
                "subscriptions": self.hub.stats(),
                "notifications_sent": world.notifications_sent,
            },
        }
