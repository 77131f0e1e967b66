"""The Instagram emulator: Instagram Login and Reels publishing, mounted at ``/instagram``.

Each real host lives under a prefix of its own, with its real paths below it:

    www/oauth/authorize                         consent window (GET page, POST decision)
    api/oauth/access_token                      POST code -> short-lived token
    graph/access_token                          GET ig_exchange_token -> 60-day token
    graph/refresh_access_token                  GET ig_refresh_token
    graph/{v}/me | graph/{v}/{ig-user-id}       the account (fields user_id, username, name...)
    graph/{v}/{ig-user-id}/media                POST create a container; GET list the media
    graph/{v}/{ig-user-id}/media_publish        POST creation_id -> {"id": media}
    graph/{v}/{ig-user-id}/content_publishing_limit
    graph/{v}/{container-id}                    GET status_code, status
    graph/{v}/{media-id}                        GET a published media
    graph/{v}/{media-id}/insights               GET metric=...
    fbgraph/...                                 the same Graph routes for Facebook Login tokens
    rupload/ig-api-upload/{v}/{container-id}    POST bytes (offset, file_size), Facebook Login only
    www/reel/{shortcode}/                       the permalink of a published Reel

Fault operations (``{"platform": "instagram", "operation": ...}``): ``authorize``,
``access_token``, ``exchange_token``, ``refresh_access_token``, ``me``, ``create_container``,
``upload`` (``drop`` keeps the bytes read so far; ``slow_processing`` sets how long processing
of the completed upload takes), ``upload_offset``, ``container_status``, ``get_media``,
``list_media``, ``media_publish``, ``content_publishing_limit``, ``insights``, ``reel_page``.

Control (not in the schema):

    GET/PUT /instagram/_sandbox/config          see ``SandboxConfig`` (quota, token lifetimes...)
    POST    /instagram/_sandbox/revoke          {"remote_account_id"}: the user removed the app
    GET     /instagram/_sandbox/containers/{id} bytes received, declared size, sha256, status
    GET     /instagram/_sandbox/accounts        the accounts that connected
    POST    /instagram/_sandbox/facebook_login  {"username"}: the token Facebook Login for
                                                Business would end with (its consent is
                                                Facebook's, not emulated here)

With Instagram Login a container is created from ``video_url`` (and ``cover_url``), which the
emulator downloads itself, with a timeout, and checks like an upload (``fetch.py``). Every Graph
answer carries ``X-App-Usage`` and ``X-Business-Use-Case-Usage``; past the limits, calls are
refused with code 4 or 80002 (``usage.py``).

Sandbox choices where Meta documents nothing [?]: ``GET`` on the upload ``uri`` is refused
(``upload_offset_query`` turns on an answer ``{"id", "offset", "file_size"}``); rupload refuses
an Instagram Login token with 403 ``OAuthException``; an upload restarted at
offset 0 replaces the partial bytes; a second ``media_publish`` of a container answers
24/2207008, "does not exist or has been expired"; rupload's errors are
``{"debug_info": {"retriable", "type", "message"}}``. Tokens may come in the ``Authorization``
header (``Bearer`` or ``OAuth``) or as ``access_token``, as Graph accepts both.

Modules: ``accounts`` (Instagram Login's rules), ``state`` (containers, media, the limit),
``media`` (file checks, insights), ``errors`` (the three error shapes), ``config`` (the knobs),
``http`` (what the routes share), ``login``/``graph``/``upload`` (the routes of each host).
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ValidationError
from starlette.responses import Response

from backend.platforms.registry import redirect_uri
from sandbox.context import SandboxContext
from sandbox.instagram.config import SandboxConfig
from sandbox.instagram.graph import add_graph_routes
from sandbox.instagram.http import FaultRoute, Shared
from sandbox.instagram.login import add_consent_routes, add_token_routes
from sandbox.instagram.state import InstagramState
from sandbox.instagram.upload import add_upload_routes

__all__ = ["Emulator"]


class Revoke(BaseModel):
    remote_account_id: str


class FacebookLogin(BaseModel):
    username: str


class Emulator:
    def __init__(self, context: SandboxContext) -> None:
        settings = context.settings
        self.state = InstagramState(
            app_id=settings.instagram_app_id,
            app_secret=settings.instagram_app_secret.get_secret_value(),
            redirect_uri=redirect_uri(settings, "instagram"),
        )
        shared = Shared(self.state, context)
        self.router = APIRouter(include_in_schema=False, route_class=FaultRoute)
        add_consent_routes(self.router, shared)
        add_token_routes(self.router, shared)
        add_upload_routes(self.router, shared)
        add_control_routes(self.router, shared)
        # Last: their /{node} paths would shadow the others.
        add_graph_routes(self.router, shared, "/graph")
        add_graph_routes(self.router, shared, "/fbgraph")

    def stats(self) -> dict[str, Any]:
        return {
            "posts": [
                {"remote_post_id": m.id, "account_id": m.account_id, "caption": m.caption}
                for m in self.state.media.values()
            ],
            "accounts": len(self.state.accounts),
            "containers": len(self.state.containers),
            "published": len(self.state.media),
        }


def add_control_routes(router: APIRouter, shared: Shared) -> None:
    state, context = shared.state, shared.context

    @router.get("/_sandbox/config")
    async def get_config() -> SandboxConfig:
        return state.config

    @router.put("/_sandbox/config")
    async def put_config(change: dict[str, Any]) -> Response:
        """Changes only the knobs given; unknown or invalid ones are refused (422)."""
        try:
            state.config = SandboxConfig.model_validate({**state.config.model_dump(), **change})
        except ValidationError as error:
            return JSONResponse({"detail": error.errors(include_url=False)}, 422)
        return JSONResponse(state.config.model_dump())

    @router.post("/_sandbox/revoke")
    async def revoke(body: Revoke) -> Response:
        if body.remote_account_id not in state.accounts:
            return JSONResponse({"detail": "unknown account"}, 404)
        return JSONResponse({"revoked_tokens": state.revoke_account(body.remote_account_id)})

    @router.post("/_sandbox/facebook_login")
    async def facebook_login(body: FacebookLogin) -> Response:
        account = state.account_for(body.username)
        token = state.issue_facebook_token(account, context.now())
        return JSONResponse(
            {
                "access_token": token.value,
                "user_id": account.id,
                "scopes": sorted(token.scopes),
                "expires_in": int(token.expires_at - context.now()),
            }
        )

    @router.get("/_sandbox/containers/{container_id}")
    async def container_info(container_id: str) -> Response:
        container = state.containers.get(container_id)
        if container is None:
            return JSONResponse({"detail": "unknown container"}, 404)
        code, status = state.status_code(container, context.now())
        return JSONResponse(
            {
                "id": container.id,
                "account_id": container.account_id,
                "status_code": code,
                "status": status,
                "received_bytes": len(container.data),
                "file_size": container.declared_size,
                "sha256": container.sha256(),
                "media_id": container.media_id,
                "source": "video_url" if container.video_url else "resumable",
                "cover_sha256": container.cover_sha256,
                "thumb_offset_ms": container.thumb_offset_ms,
            }
        )

    @router.get("/_sandbox/accounts")
    async def accounts() -> list[dict[str, str]]:
        return [
            {"id": a.id, "username": a.username, "name": a.name} for a in state.accounts.values()
        ]
