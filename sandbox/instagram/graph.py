"""graph.instagram.com (and graph.facebook.com, for Facebook Login tokens) in the emulator:
containers, publishing, the publishing limit, media, insights and the account node."""

from __future__ import annotations

import re
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from starlette.responses import Response

from sandbox.faults import lost
from sandbox.instagram.accounts import INSIGHTS, PUBLISH, Token
from sandbox.instagram.errors import GraphFault, no_such_object
from sandbox.instagram.fetch import fetch_container, fetch_cover
from sandbox.instagram.http import Shared, fields_of
from sandbox.instagram.media import REEL_METRICS
from sandbox.instagram.state import Media, graph_time


def add_graph_routes(router: APIRouter, shared: Shared, host: str = "/graph") -> None:
    """``host``: ``/graph`` (graph.instagram.com) or ``/fbgraph`` (graph.facebook.com)."""
    state, context = shared.state, shared.context

    @router.post(host + "/{version}/{node}/media")
    async def create_container(request: Request, version: str, node: str) -> Response:
        call = await shared.graph_call(request, version, "create_container", PUBLISH)
        if isinstance(call, Response):
            return call
        rule, params, token = call.rule, call.params, call.token
        account = state.owner(token, node, "post")
        container = state.create_container(account, params, context.now(), token.login)
        if container.video_url is not None:
            shared.spawn(
                fetch_container(state, container, context.now, context.processing_time(rule))
            )
            lost(rule)
            return JSONResponse({"id": container.id})
        if container.cover_url is not None:
            shared.spawn(fetch_cover(state, container))
        lost(rule)
        uri = request.url_for("instagram_upload", version=version, container_id=container.id)
        return JSONResponse({"id": container.id, "uri": str(uri)})

    @router.get(host + "/{version}/{node}/media")
    async def list_media(request: Request, version: str, node: str) -> Response:
        call = await shared.graph_call(request, version, "list_media")
        if isinstance(call, Response):
            return call
        rule, params, token = call.rule, call.params, call.token
        account = state.owner(token, node, "get")
        fields = fields_of(params, MEDIA_FIELDS, "IGMedia")
        items = state.listing(account.id)
        start = _cursor_index(params.get("after"))
        limit = min(max(_int(params.get("limit"), 25), 1), 100)
        page = items[start : start + limit]
        body: dict[str, Any] = {"data": [media_fields(shared, request, m, fields) for m in page]}
        if page:
            cursors = {"before": _cursor(start), "after": _cursor(start + len(page))}
            body["paging"] = {"cursors": cursors}
            if start + len(page) < len(items):
                following = request.url.remove_query_params("access_token")
                body["paging"]["next"] = str(following.include_query_params(after=cursors["after"]))
        lost(rule)
        return JSONResponse(body)

    @router.post(host + "/{version}/{node}/media_publish")
    async def media_publish(request: Request, version: str, node: str) -> Response:
        call = await shared.graph_call(request, version, "media_publish", PUBLISH)
        if isinstance(call, Response):
            return call
        rule, params, token = call.rule, call.params, call.token
        account = state.owner(token, node, "post")
        media = state.publish(account, params.get("creation_id", ""), context.now())
        lost(rule)
        return JSONResponse({"id": media.id})

    @router.get(host + "/{version}/{node}/content_publishing_limit")
    async def publishing_limit(request: Request, version: str, node: str) -> Response:
        call = await shared.graph_call(request, version, "content_publishing_limit", PUBLISH)
        if isinstance(call, Response):
            return call
        rule, params, token = call.rule, call.params, call.token
        account = state.owner(token, node, "get")
        fields = fields_of(params, ("quota_usage", "config"), "ContentPublishingLimit")
        entry: dict[str, Any] = {}
        if "quota_usage" in fields or "id" in fields:
            entry["quota_usage"] = state.quota_usage(account.id, context.now())
        if "config" in fields:
            entry["config"] = {
                "quota_total": state.config.quota_total,
                "quota_duration": state.config.quota_duration_seconds,
            }
        lost(rule)
        return JSONResponse({"data": [entry]})

    @router.get(host + "/{version}/{node}/insights")
    async def insights(request: Request, version: str, node: str) -> Response:
        call = await shared.graph_call(request, version, "insights", INSIGHTS)
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
                "(#100) metric[0] must be one of the following values: " + ", ".join(REEL_METRICS),
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
        lost(rule)
        return JSONResponse({"data": data})

    @router.get(host + "/{version}/{node}")
    async def get_node(request: Request, version: str, node: str) -> Response:
        if node in state.containers:
            operation = "container_status"
        elif node in state.media:
            operation = "get_media"
        else:
            operation = "me"
        call = await shared.graph_call(request, version, operation)
        if isinstance(call, Response):
            return call
        rule, params, token = call.rule, call.params, call.token
        body = node_fields(shared, request, token, node, params)
        lost(rule)
        return JSONResponse(body)


def node_fields(
    shared: Shared, request: Request, token: Token, node: str, params: dict[str, str]
) -> dict[str, Any]:
    """``GET /{v}/{id}``: a container, a media or the account, whichever the id names."""
    state, now = shared.state, shared.now()
    container = state.containers.get(node)
    if container is not None:
        if container.account_id != token.account_id:
            raise no_such_object(node)
        fields = fields_of(params, ("id", "status_code", "status"), "ShadowIGMediaBuilder")
        code, status = state.status_code(container, now)
        report = {"id": container.id, "status_code": code, "status": status}
        return {name: report[name] for name in fields}
    media = state.media.get(node)
    if media is not None:
        if media.account_id != token.account_id:
            raise no_such_object(node)
        return media_fields(shared, request, media, fields_of(params, MEDIA_FIELDS, "IGMedia"))
    account = state.owner(token, node, "get")
    fields = fields_of(params, USER_FIELDS, "IGUser")
    values: dict[str, Any] = {
        "id": account.id,
        "user_id": account.id,
        "username": account.username,
        "name": account.name,
        "account_type": "BUSINESS",
        "media_count": len(state.listing(account.id)),
    }
    return {name: values[name] for name in fields}


def media_fields(
    shared: Shared, request: Request, media: Media, fields: list[str]
) -> dict[str, Any]:
    owner = shared.state.accounts[media.account_id]
    metrics = shared.state.insights(media, shared.now())
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
