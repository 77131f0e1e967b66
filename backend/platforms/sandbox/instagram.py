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
    rupload/ig-api-upload/{v}/{container-id}    POST bytes (offset, file_size); GET the offset [?]
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

Sandbox choices where Meta documents nothing [?]: ``GET`` on the upload ``uri`` answers
``{"id", "offset", "file_size"}`` (``upload_offset_query`` turns it off); an upload restarted at
offset 0 replaces the partial bytes; a second ``media_publish`` of a container answers
24/2207008, "does not exist or has been expired". Tokens may come in the ``Authorization``
header (``Bearer`` or ``OAuth``) or as ``access_token``, as Graph accepts both.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse
from fastapi.routing import APIRoute
from pydantic import BaseModel
from starlette.requests import ClientDisconnect
from starlette.responses import Response

from backend.platforms.sandbox.context import SandboxContext, with_retry_after
from backend.platforms.sandbox.faults import DropConnection, FaultRule
from backend.platforms.sandbox.instagram_state import (
    BASIC,
    INSIGHTS,
    PUBLISH,
    REEL_METRICS,
    SCOPES,
    USERNAME,
    ConfigChange,
    Container,
    GraphFault,
    InstagramState,
    Media,
    OAuthFault,
    SandboxConfig,
    Token,
    UploadFault,
    graph_time,
    no_such_object,
)

PLATFORM = "instagram"
VERSION = re.compile(r"^v\d+\.\d+$")
CALLBACK_PATH = "/accounts/oauth/instagram/callback"


class Revoke(BaseModel):
    remote_account_id: str


class FaultRoute(APIRoute):
    """Renders the platform's errors raised anywhere in a handler, in the host's own shape."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def render(request: Request) -> Response:
            try:
                return await handler(request)
            except (GraphFault, UploadFault, OAuthFault) as fault:
                return JSONResponse(fault.body(), fault.status)

        return render


@dataclass
class Call:
    """A Graph call that passed fault injection and authentication."""

    rule: FaultRule | None
    params: dict[str, str]
    token: Token


# --- error bodies, for the faults the context injects ------------------------------------------


def graph_error(status: int, message: str, retry_after: int | None) -> Response:
    if status == 429:
        fault = GraphFault(4, f"(#4) Application request limit reached ({message})", transient=True)
    elif status >= 500:
        fault = GraphFault(2, f"An unexpected error has occurred ({message})", transient=True)
    elif status in (401, 403):
        fault = GraphFault(190 if status == 401 else 10, message)
    else:
        fault = GraphFault(100, f"(#100) {message}")
    return JSONResponse(fault.body(), status, headers=with_retry_after({}, retry_after))


def upload_error(status: int, message: str, retry_after: int | None) -> Response:
    fault = UploadFault(status, "ProcessingFailedError", message, retriable=status >= 429)
    return JSONResponse(fault.body(), status, headers=with_retry_after({}, retry_after))


def oauth_error(status: int, message: str, retry_after: int | None) -> Response:
    body = OAuthFault(message, status).body()
    return JSONResponse(body, status, headers=with_retry_after({}, retry_after))


def page_error(status: int, message: str, retry_after: int | None) -> Response:
    return HTMLResponse(_page("Error", f"<p>{html.escape(message)}</p>"), status)


def _page(title: str, body: str) -> str:
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><title>{html.escape(title)} · "
        f"Instagram (sandbox)</title></head><body><h1>{html.escape(title)}</h1>{body}"
        "</body></html>"
    )


def _lost(rule: FaultRule | None) -> None:
    """``lost_response``: the work is done, the answer never arrives."""
    if rule is not None and rule.fault == "lost_response":
        raise DropConnection()


def _bearer(request: Request, params: dict[str, str]) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() in ("bearer", "oauth") and value.strip():
        return value.strip()
    return params.get("access_token") or None


async def _params(request: Request) -> dict[str, str]:
    """Query and form parameters together (Graph takes either)."""
    params = dict(request.query_params)
    if request.method == "POST" and request.headers.get("content-type", "").startswith(
        "application/x-www-form-urlencoded"
    ):
        params.update(parse_qsl((await request.body()).decode(), keep_blank_values=True))
    return params


def _fields(params: dict[str, str], allowed: tuple[str, ...], node_type: str) -> list[str]:
    fields = [f.strip() for f in params.get("fields", "id").split(",") if f.strip()]
    for name in fields:
        if name not in allowed:
            raise GraphFault(
                100, f"(#100) Tried accessing nonexisting field ({name}) on node type ({node_type})"
            )
    return fields


class Emulator:
    def __init__(self, context: SandboxContext) -> None:
        self.context = context
        settings = context.settings
        self.state = InstagramState(
            app_id=settings.instagram_app_id,
            app_secret=settings.instagram_app_secret.get_secret_value(),
            redirect_uri=f"{settings.public_base_url.rstrip('/')}{CALLBACK_PATH}",
        )
        self.router = APIRouter(include_in_schema=False, route_class=FaultRoute)
        self._consent_routes()
        self._token_routes()
        self._upload_routes()
        self._control_routes()
        self._graph_routes()  # last: its /{node} paths would shadow the others

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

    async def _inject(
        self, operation: str, responder: Any = graph_error
    ) -> tuple[FaultRule | None, Response | None]:
        return await self.context.inject(PLATFORM, operation, responder)

    # --- www.instagram.com: the consent window ---------------------------------------------

    def _consent_routes(self) -> None:
        state = self.state

        def check(params: dict[str, str]) -> frozenset[str]:
            if params.get("client_id") != state.app_id:
                raise OAuthFault("Invalid platform app")
            if params.get("redirect_uri") != state.redirect_uri:
                raise OAuthFault("Invalid redirect_uri: it must equal the registered one")
            if params.get("response_type") != "code":
                raise OAuthFault("response_type must be code")
            scopes = frozenset(s for s in re.split(r"[,\s]+", params.get("scope", "")) if s)
            unknown = sorted(scopes - SCOPES)
            if unknown:
                raise OAuthFault(f"Invalid scope: {', '.join(unknown)}")
            if BASIC not in scopes:
                raise OAuthFault(f"The scope must include {BASIC}")
            return scopes

        @self.router.get("/www/oauth/authorize", name="instagram_authorize")
        async def authorize_page(request: Request) -> Response:
            _, injected = await self._inject("authorize", page_error)
            if injected is not None:
                return injected
            params = dict(request.query_params)
            try:
                scopes = check(params)
            except OAuthFault as fault:
                return page_error(400, fault.message, None)
            hidden = "".join(
                f"<input type='hidden' name='{key}' value='{html.escape(params.get(key, ''))}'>"
                for key in ("client_id", "redirect_uri", "response_type", "scope", "state")
            )
            body = (
                f"<p>Stakazo would like to access your account: "
                f"{html.escape(', '.join(sorted(scopes)))}.</p>"
                f"<form method='post' action='{request.url_for('instagram_authorize')}'>"
                f"{hidden}<label>Username <input name='username' value='sandbox_creator'>"
                "</label> <button name='decision' value='allow'>Allow</button> "
                "<button name='decision' value='deny'>Deny</button></form>"
            )
            return HTMLResponse(_page("Log in with Instagram", body))

        @self.router.post("/www/oauth/authorize")
        async def authorize_decision(request: Request) -> Response:
            rule, injected = await self._inject("authorize", page_error)
            if injected is not None:
                return injected
            form = dict(parse_qsl((await request.body()).decode(), keep_blank_values=True))
            try:
                scopes = check(form)
            except OAuthFault as fault:
                return page_error(400, fault.message, None)
            back: dict[str, str] = {}
            if form.get("decision") == "allow":
                username = form.get("username", "").strip().lstrip("@")
                if not USERNAME.match(username):
                    return page_error(400, f"Not an Instagram username: {username!r}", None)
                account = state.account_for(username)
                back["code"] = state.issue_code(account, scopes, self.context.now())
            else:
                back.update(
                    error="access_denied",
                    error_reason="user_denied",
                    error_description="The user denied your request.",
                )
            if form.get("state"):
                back["state"] = form["state"]
            _lost(rule)
            # Instagram appends "#_" to the redirect.
            return RedirectResponse(f"{state.redirect_uri}?{urlencode(back)}#_", 302)

        @self.router.get("/www/reel/{shortcode}/", name="instagram_reel_page")
        async def reel_page(shortcode: str) -> Response:
            _, injected = await self._inject("reel_page", page_error)
            if injected is not None:
                return injected
            for media in state.media.values():
                if media.shortcode == shortcode:
                    owner = state.accounts[media.account_id]
                    body = f"<p>@{html.escape(owner.username)}</p><p>{html.escape(media.caption)}"
                    return HTMLResponse(_page("Reel", body + "</p>"))
            return page_error(404, "Sorry, this page isn't available.", None)

    # --- api.instagram.com and the token endpoints of graph.instagram.com -------------------

    def _token_routes(self) -> None:
        state, context = self.state, self.context

        @self.router.post("/api/oauth/access_token")
        async def access_token(request: Request) -> Response:
            rule, injected = await self._inject("access_token", oauth_error)
            if injected is not None:
                return injected
            form = dict(parse_qsl((await request.body()).decode(), keep_blank_values=True))
            try:
                token = state.redeem_code(form, context.now())
            except OAuthFault as fault:
                return JSONResponse(fault.body(), fault.status)
            _lost(rule)
            entry = {
                "access_token": token.value,
                "user_id": token.account_id,
                "permissions": ",".join(sorted(token.scopes)),
            }
            return JSONResponse({"data": [entry]})

        def token_answer(token: Token) -> dict[str, Any]:
            expires_in = int(token.expires_at - context.now())
            return {"access_token": token.value, "token_type": "bearer", "expires_in": expires_in}

        @self.router.get("/graph/access_token")
        async def exchange_token(request: Request) -> Response:
            rule, injected = await self._inject("exchange_token")
            if injected is not None:
                return injected
            params = dict(request.query_params)
            token = state.exchange(params, _bearer(request, params), context.now())
            _lost(rule)
            return JSONResponse(token_answer(token))

        @self.router.get("/graph/refresh_access_token")
        async def refresh_token(request: Request) -> Response:
            rule, injected = await self._inject("refresh_access_token")
            if injected is not None:
                return injected
            params = dict(request.query_params)
            token = state.refresh(params, _bearer(request, params), context.now())
            _lost(rule)
            return JSONResponse(token_answer(token))

    # --- rupload.facebook.com ----------------------------------------------------------------

    def _upload_routes(self) -> None:
        state, context = self.state, self.context
        path = "/rupload/ig-api-upload/{version}/{container_id}"

        def authorize(request: Request, container_id: str) -> Container:
            try:
                token = state.authenticate(_bearer(request, {}), context.now(), PUBLISH)
            except GraphFault as fault:
                raise UploadFault(401, "OAuthException", fault.message) from fault
            return state.upload_container(token, container_id, context.now())

        @self.router.get(path)
        async def upload_offset(request: Request, version: str, container_id: str) -> Response:
            rule, injected = await self._inject("upload_offset", upload_error)
            if injected is not None:
                return injected
            if not state.config.upload_offset_query:
                raise UploadFault(405, "MethodNotAllowed", "GET is not supported on this uri")
            container = authorize(request, container_id)
            _lost(rule)
            body = {
                "id": container.id,
                "offset": len(container.data),
                "file_size": container.declared_size,
            }
            return JSONResponse(body)

        @self.router.post(path, name="instagram_upload")
        async def upload(request: Request, version: str, container_id: str) -> Response:
            rule, injected = await self._inject("upload", upload_error)
            if injected is not None:
                return injected
            container = authorize(request, container_id)
            try:
                offset = int(request.headers["offset"])
                file_size = int(request.headers["file_size"])
            except (KeyError, ValueError) as error:
                raise UploadFault(
                    400, "BadRequest", "The offset and file_size headers are required integers"
                ) from error
            if offset < 0 or file_size <= 0:
                raise UploadFault(400, "BadRequest", "offset must be >= 0 and file_size > 0")
            resend = state.start_upload(container, offset, file_size)
            # A complete upload sent again is read aside and compared, never stored.
            target = bytearray() if resend else container.data
            drop_after = (file_size - offset) // 2 if rule and rule.fault == "drop" else None
            got = 0
            try:
                async for chunk in request.stream():
                    target.extend(chunk)
                    got += len(chunk)
                    if len(target) > file_size:
                        del target[file_size:]
                        raise UploadFault(400, "BadRequest", "The body exceeds file_size")
                    if drop_after is not None and got >= max(1, drop_after):
                        raise DropConnection()  # the bytes read so far stay
            except ClientDisconnect:
                return Response(status_code=499)  # nobody left to answer; the bytes stay
            if resend:
                if bytes(target) != bytes(container.data):
                    raise UploadFault(
                        400, "UploadAlreadyComplete", "All bytes were received already"
                    )
            elif len(container.data) < file_size:
                raise UploadFault(
                    400,
                    "IncompleteUpload",
                    f"received {len(container.data)} of {file_size} bytes; resume at that offset",
                    retriable=True,
                )
            else:
                slow = rule is not None and rule.fault == "slow_processing"
                seconds = rule.delay_seconds if slow and rule else context.processing_seconds
                state.finish_upload(container, context.now(), seconds)
            _lost(rule)
            return JSONResponse({"success": True, "message": "Upload successful."})

    # --- control -----------------------------------------------------------------------------

    def _control_routes(self) -> None:
        state, context = self.state, self.context

        @self.router.get("/_sandbox/config")
        async def get_config() -> SandboxConfig:
            return state.config

        @self.router.put("/_sandbox/config")
        async def put_config(change: ConfigChange) -> SandboxConfig:
            state.config = state.config.model_copy(update=change.model_dump(exclude_none=True))
            return state.config

        @self.router.post("/_sandbox/revoke")
        async def revoke(body: Revoke) -> Response:
            if body.remote_account_id not in state.accounts:
                return JSONResponse({"detail": "unknown account"}, 404)
            return JSONResponse({"revoked_tokens": state.revoke_account(body.remote_account_id)})

        @self.router.get("/_sandbox/containers/{container_id}")
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
                }
            )

        @self.router.get("/_sandbox/accounts")
        async def accounts() -> list[dict[str, str]]:
            return [
                {"id": a.id, "username": a.username, "name": a.name}
                for a in state.accounts.values()
            ]

    # --- graph.instagram.com -----------------------------------------------------------------

    def _graph_routes(self) -> None:
        state, context = self.state, self.context

        async def begin(
            request: Request, version: str, operation: str, scope: str | None = BASIC
        ) -> Call | Response:
            rule, injected = await self._inject(operation)
            if injected is not None:
                return injected
            if not VERSION.match(version):
                raise GraphFault(100, f"Unknown path components: /{version}", 2500)
            params = await _params(request)
            token = state.authenticate(_bearer(request, params), context.now(), scope)
            return Call(rule, params, token)

        @self.router.post("/graph/{version}/{node}/media")
        async def create_container(request: Request, version: str, node: str) -> Response:
            call = await begin(request, version, "create_container", PUBLISH)
            if isinstance(call, Response):
                return call
            rule, params, token = call.rule, call.params, call.token
            account = state.owner(token, node, "post")
            container = state.create_container(account, params, context.now())
            _lost(rule)
            uri = request.url_for("instagram_upload", version=version, container_id=container.id)
            return JSONResponse({"id": container.id, "uri": str(uri)})

        @self.router.get("/graph/{version}/{node}/media")
        async def list_media(request: Request, version: str, node: str) -> Response:
            call = await begin(request, version, "list_media")
            if isinstance(call, Response):
                return call
            rule, params, token = call.rule, call.params, call.token
            account = state.owner(token, node, "get")
            fields = _fields(params, MEDIA_FIELDS, "IGMedia")
            items = state.listing(account.id)
            start = _cursor_index(params.get("after"))
            limit = min(max(_int(params.get("limit"), 25), 1), 100)
            page = items[start : start + limit]
            body: dict[str, Any] = {"data": [self._media_fields(request, m, fields) for m in page]}
            if page:
                cursors = {"before": _cursor(start), "after": _cursor(start + len(page))}
                body["paging"] = {"cursors": cursors}
                if start + len(page) < len(items):
                    following = request.url.remove_query_params("access_token")
                    body["paging"]["next"] = str(
                        following.include_query_params(after=cursors["after"])
                    )
            _lost(rule)
            return JSONResponse(body)

        @self.router.post("/graph/{version}/{node}/media_publish")
        async def media_publish(request: Request, version: str, node: str) -> Response:
            call = await begin(request, version, "media_publish", PUBLISH)
            if isinstance(call, Response):
                return call
            rule, params, token = call.rule, call.params, call.token
            account = state.owner(token, node, "post")
            media = state.publish(account, params.get("creation_id", ""), context.now())
            _lost(rule)
            return JSONResponse({"id": media.id})

        @self.router.get("/graph/{version}/{node}/content_publishing_limit")
        async def publishing_limit(request: Request, version: str, node: str) -> Response:
            call = await begin(request, version, "content_publishing_limit", PUBLISH)
            if isinstance(call, Response):
                return call
            rule, params, token = call.rule, call.params, call.token
            account = state.owner(token, node, "get")
            fields = _fields(params, ("quota_usage", "config"), "ContentPublishingLimit")
            entry: dict[str, Any] = {}
            if "quota_usage" in fields or "id" in fields:
                entry["quota_usage"] = state.quota_usage(account.id, context.now())
            if "config" in fields:
                entry["config"] = {
                    "quota_total": state.config.quota_total,
                    "quota_duration": state.config.quota_duration_seconds,
                }
            _lost(rule)
            return JSONResponse({"data": [entry]})

        @self.router.get("/graph/{version}/{node}/insights")
        async def insights(request: Request, version: str, node: str) -> Response:
            call = await begin(request, version, "insights", INSIGHTS)
            if isinstance(call, Response):
                return call
            rule, params, token = call.rule, call.params, call.token
            media = state.media.get(node)
            if media is None or media.account_id != token.account_id:
                raise no_such_object(node)
            names = [n.strip() for n in params.get("metric", "").split(",") if n.strip()]
            if not names or any(name not in REEL_METRICS for name in names):
                raise GraphFault(
                    100,
                    "(#100) metric[0] must be one of the following values: "
                    + ", ".join(REEL_METRICS),
                )
            values = state.insights(media, context.now())
            data = [
                {
                    "name": name,
                    "period": "lifetime",
                    "values": [{"value": values[name]}],
                    "title": name.replace("_", " ").capitalize(),
                    "id": f"{media.id}/insights/{name}/lifetime",
                }
                for name in names
            ]
            _lost(rule)
            return JSONResponse({"data": data})

        @self.router.get("/graph/{version}/{node}")
        async def get_node(request: Request, version: str, node: str) -> Response:
            if node in state.containers:
                operation = "container_status"
            elif node in state.media:
                operation = "get_media"
            else:
                operation = "me"
            call = await begin(request, version, operation)
            if isinstance(call, Response):
                return call
            rule, params, token = call.rule, call.params, call.token
            body = self._node(request, token, node, params)
            _lost(rule)
            return JSONResponse(body)

    def _node(
        self, request: Request, token: Token, node: str, params: dict[str, str]
    ) -> dict[str, Any]:
        state, now = self.state, self.context.now()
        container = state.containers.get(node)
        if container is not None:
            if container.account_id != token.account_id:
                raise no_such_object(node)
            fields = _fields(params, ("id", "status_code", "status"), "ShadowIGMediaBuilder")
            code, status = state.status_code(container, now)
            report = {"id": container.id, "status_code": code, "status": status}
            return {name: report[name] for name in fields}
        media = state.media.get(node)
        if media is not None:
            if media.account_id != token.account_id:
                raise no_such_object(node)
            return self._media_fields(request, media, _fields(params, MEDIA_FIELDS, "IGMedia"))
        account = state.owner(token, node, "get")
        fields = _fields(params, USER_FIELDS, "IGUser")
        values: dict[str, Any] = {
            "id": account.id,
            "user_id": account.id,
            "username": account.username,
            "name": account.name,
            "account_type": "BUSINESS",
            "media_count": len(state.listing(account.id)),
        }
        return {name: values[name] for name in fields}

    def _media_fields(self, request: Request, media: Media, fields: list[str]) -> dict[str, Any]:
        owner = self.state.accounts[media.account_id]
        metrics = self.state.insights(media, self.context.now())
        values: dict[str, Any] = {
            "id": media.id,
            "caption": media.caption,
            "media_type": "VIDEO",
            "media_product_type": "REELS",
            "permalink": str(request.url_for("instagram_reel_page", shortcode=media.shortcode)),
            "shortcode": media.shortcode,
            "timestamp": graph_time(media.published_at),
            "username": owner.username,
            "like_count": metrics["likes"],
            "comments_count": metrics["comments"],
            "is_shared_to_feed": media.share_to_feed,
        }
        return {name: values[name] for name in fields}


MEDIA_FIELDS = (
    "id",
    "caption",
    "media_type",
    "media_product_type",
    "permalink",
    "shortcode",
    "timestamp",
    "username",
    "like_count",
    "comments_count",
    "is_shared_to_feed",
)
USER_FIELDS = ("id", "user_id", "username", "name", "account_type", "media_count")


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _cursor(index: int) -> str:
    return f"QVFIU{index:08d}"


def _cursor_index(cursor: str | None) -> int:
    if not cursor:
        return 0
    match = re.fullmatch(r"QVFIU(\d{8})", cursor)
    if match is None:
        raise GraphFault(100, "(#100) Invalid cursor")
    return int(match.group(1))
