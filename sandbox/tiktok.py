"""TikTok emulated: Login Kit v2 (OAuth + PKCE) and the Content Posting API, mounted at /tiktok.

Paths mirror the real hosts under a prefix per host:
  /tiktok/www/v2/auth/authorize/                 consent page (GET) and decision (POST)
  /tiktok/open/v2/oauth/token/ | revoke/         OAuth (form-encoded; {error, error_description})
  /tiktok/open/v2/user/info/                     GET ?fields=
  /tiktok/open/v2/post/publish/creator_info/query/, video/init/, inbox/video/init/,
  /tiktok/open/v2/post/publish/status/fetch/, /tiktok/open/v2/video/query/
  /tiktok/upload/video/?upload_id=&upload_token= chunk PUTs (the upload host)
Control (not in the schema): GET/PUT /tiktok/_sandbox/config, POST /tiktok/_sandbox/revoke
{"remote_account_id", "reason"?}, GET /tiktok/_sandbox/uploads/{publish_id} (bytes received and
their sha256).

Fault operations (``context.inject("tiktok", <operation>, ...)``): authorize, token, revoke,
user_info, creator_info, init, inbox_init, upload_chunk, process, status, video_query.
``upload_chunk`` applies ``drop`` itself: it reads half the chunk, then closes the connection;
TikTok counts whole chunks only, so the partial chunk is discarded and ``uploaded_bytes`` stays on a
chunk boundary. ``process`` is consulted when the last chunk arrives: ``slow_processing`` makes
processing take ``delay_seconds``; ``error`` makes the publish end FAILED with ``internal``.
``lost_response`` does the work, then closes the connection, on every operation.

Behaviour: refresh tokens rotate; the access/refresh lifetimes, caps (rolling window on the
sandbox clock), per-minute rate limits per token, chunk bounds, webhook target and every [?]
fact are knobs of the config. Processing probes the file with ffmpeg and fails it the way TikTok
does (file_format / frame_rate / picture_size / duration_check_failed). A public post is
moderated after PUBLISH_COMPLETE (``moderation_seconds``): its ``publicaly_available_post_id``
and the publicly_available webhook come only then. ``username`` and the other profile fields of
user info need ``user.info.profile``; Direct Post init refuses interactions the creator turned
off (creator info's ``*_disabled`` knobs) left on, and private branded content. PULL_FROM_URL
always answers ``url_ownership_unverified``: no domain is verified in the sandbox.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from pydantic import ValidationError
from starlette.responses import JSONResponse, Response

from sandbox.context import SandboxContext
from sandbox.tiktok_oauth import OAuthRoutes
from sandbox.tiktok_publish import PublishRoutes
from sandbox.tiktok_state import TikTokSandboxConfig


class Emulator(OAuthRoutes, PublishRoutes):
    def __init__(self, context: SandboxContext) -> None:
        super().__init__(context)
        self.router = APIRouter()
        self.add_oauth_routes(self.router)
        self.add_publish_routes(self.router)
        self.router.add_api_route(
            "/_sandbox/config", self.get_config, methods=["GET"], include_in_schema=False
        )
        self.router.add_api_route(
            "/_sandbox/config", self.put_config, methods=["PUT"], include_in_schema=False
        )
        self.router.add_api_route(
            "/_sandbox/revoke", self.control_revoke, methods=["POST"], include_in_schema=False
        )
        self.router.add_api_route(
            "/_sandbox/uploads/{publish_id}",
            self.control_upload,
            methods=["GET"],
            include_in_schema=False,
        )

    def stats(self) -> dict[str, Any]:
        return {
            "posts": [
                {"remote_post_id": p.post_id, "account_id": p.open_id, "caption": p.caption}
                for p in self.posts
            ],
            "accounts": len(self.accounts),
            "publishes": len(self.publishes),
            "failed": sum(1 for p in self.publishes.values() if p.status == "FAILED"),
        }

    async def get_config(self) -> TikTokSandboxConfig:
        return self.config

    async def put_config(self, request: Request) -> Response:
        """Changes the knobs named in the body; the others keep their values."""
        changes = await request.json()
        if not isinstance(changes, dict):
            return JSONResponse({"detail": "a JSON object of knobs"}, status_code=422)
        try:
            config = TikTokSandboxConfig.model_validate({**self.config.model_dump(), **changes})
        except ValidationError as error:
            return JSONResponse({"detail": error.errors(include_url=False)}, status_code=422)
        self.config = config
        return JSONResponse(config.model_dump())

    async def control_revoke(self, request: Request) -> Response:
        body = await request.json()
        open_id = str(body.get("remote_account_id", ""))
        if open_id not in self.accounts:
            return JSONResponse({"detail": "unknown remote_account_id"}, status_code=404)
        self._deauthorize(open_id, reason=int(body.get("reason", 1)))  # 1: the user disconnected
        return JSONResponse({"revoked": open_id})

    async def control_upload(self, publish_id: str) -> Response:
        publish = self.publishes.get(publish_id)
        if publish is None:
            return JSONResponse({"detail": "unknown publish_id"}, status_code=404)
        return JSONResponse(
            {
                "publish_id": publish.publish_id,
                "mode": publish.mode,
                "status": publish.status,
                "video_size": publish.video_size,
                "chunk_size": publish.chunk_size,
                "total_chunk_count": publish.total_chunk_count,
                "uploaded_bytes": publish.received,
                "chunks_received": publish.chunks_received,
                "sha256": publish.hasher.copy().hexdigest(),
                "content_type": publish.content_type,
                "title": publish.title,
                "privacy_level": publish.privacy_level,
                "post_info": publish.post_info,
                "post_id": publish.post_id,
                "fail_reason": publish.fail_reason,
            }
        )
