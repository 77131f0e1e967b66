"""Where the platforms deliver their notifications: ``/webhooks/<platform>``, one route pair per
platform plugin. Public: each call proves who sent it with an HMAC signature over the raw body (or,
for subscription checks, a shared token or a topic only we subscribed to)."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import PlainTextResponse
from starlette.requests import ClientDisconnect

from backend.auth.dependencies import SessionDep, SettingsDep
from backend.errors import error_responses
from backend.platforms import registry
from backend.platforms.plugin import PlatformPlugin
from backend.webhooks import service
from backend.webhooks.errors import (
    WebhookMalformed,
    WebhookSignatureInvalid,
    WebhookSignatureStale,
    WebhookTooLarge,
)
from backend.webhooks.schemas import WebhookReceipt

router = APIRouter(prefix="/webhooks", tags=["webhooks"])

DELIVERY_ERRORS = error_responses(
    WebhookSignatureInvalid, WebhookSignatureStale, WebhookMalformed, WebhookTooLarge
)
_CHALLENGE_RESPONSE: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "The challenge, echoed as plain text.",
        "content": {"text/plain": {"schema": {"type": "string"}}},
    }
}


def _raw_body_schema(content_type: str) -> dict[str, Any]:
    schema = {"schema": {"type": "string", "format": "binary"}}
    return {"requestBody": {"required": True, "content": {content_type: schema}}}


async def _raw_body(request: Request, limit: int) -> bytes:
    """The body exactly as sent (signatures cover these bytes), refused past ``limit`` bytes: at
    once when Content-Length says so, otherwise as soon as the streamed bytes exceed it."""
    declared = request.headers.get("content-length")
    if declared is not None:
        if not (declared.isascii() and declared.strip().isdigit()):
            raise WebhookMalformed("Content-Length must be a number of bytes.")
        if int(declared) > limit:
            raise WebhookTooLarge(f"The body may be at most {limit} bytes.")
    body = bytearray()
    try:
        async for chunk in request.stream():
            body += chunk
            if len(body) > limit:
                raise WebhookTooLarge(f"The body may be at most {limit} bytes.")
    except ClientDisconnect:
        raise WebhookMalformed("The body was cut off before its end.") from None
    return bytes(body)


def _receiver(plugin: PlatformPlugin) -> Callable[..., Awaitable[WebhookReceipt]]:
    async def receive(
        request: Request, session: SessionDep, settings: SettingsDep
    ) -> WebhookReceipt:
        body = await _raw_body(request, settings.webhook_max_body_bytes)
        return await service.receive(
            session, settings, plugin.name, request.headers, body, time.time()
        )

    return receive


def _confirmer(plugin: PlatformPlugin) -> Callable[..., Awaitable[PlainTextResponse]]:
    async def confirm(
        request: Request, session: SessionDep, settings: SettingsDep
    ) -> PlainTextResponse:
        query = dict(request.query_params)
        return PlainTextResponse(
            await service.confirm_subscription(session, settings, plugin.name, query)
        )

    return confirm


def _mount(plugin: PlatformPlugin) -> None:
    receiver = plugin.receiver
    if receiver.confirm is not None:
        router.add_api_route(
            f"/{plugin.name}",
            _confirmer(plugin),
            methods=["GET"],
            name=f"confirm_{plugin.name}",
            description=receiver.confirm_description,
            response_class=PlainTextResponse,
            responses={**_CHALLENGE_RESPONSE, **error_responses(*receiver.confirm_refusals)},
        )
    router.add_api_route(
        f"/{plugin.name}",
        _receiver(plugin),
        methods=["POST"],
        name=f"receive_{plugin.name}",
        description=receiver.description,
        responses=DELIVERY_ERRORS,
        openapi_extra=_raw_body_schema(receiver.content_type),
    )


for _plugin in registry.plugins():
    _mount(_plugin)
