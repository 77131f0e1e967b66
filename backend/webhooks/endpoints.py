"""Where Instagram, TikTok and YouTube deliver their notifications. Public: each call proves who
sent it with an HMAC signature over the raw body (or, for subscription checks, a shared token or
a topic only we subscribed to)."""

from __future__ import annotations

import time
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import PlainTextResponse
from starlette.requests import ClientDisconnect

from backend.auth.dependencies import SessionDep, SettingsDep
from backend.errors import error_responses
from backend.platforms.base import Platform
from backend.webhooks import service
from backend.webhooks.errors import (
    TopicUnknown,
    VerificationInvalid,
    VerifyTokenMismatch,
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


async def _receive(
    request: Request, session: SessionDep, settings: SettingsDep, platform: Platform
) -> WebhookReceipt:
    body = await _raw_body(request, settings.webhook_max_body_bytes)
    return await service.receive(session, settings, platform, request.headers, body, time.time())


@router.get(
    "/instagram",
    response_class=PlainTextResponse,
    responses={
        **_CHALLENGE_RESPONSE,
        **error_responses(VerificationInvalid, VerifyTokenMismatch),
    },
)
async def confirm_instagram(
    settings: SettingsDep,
    mode: Annotated[str | None, Query(alias="hub.mode", description="Always `subscribe`.")] = None,
    verify_token: Annotated[
        str | None,
        Query(alias="hub.verify_token", description="The verify token set in the Meta app."),
    ] = None,
    challenge: Annotated[
        str | None, Query(alias="hub.challenge", description="Echoed back on success.")
    ] = None,
) -> PlainTextResponse:
    """Meta's subscription check for the Instagram webhook. Answers `hub.challenge` as plain
    text when `hub.verify_token` equals STAKAZO_INSTAGRAM_WEBHOOK_VERIFY_TOKEN; 403 when it does
    not; 400 when a field is missing."""
    return PlainTextResponse(
        service.confirm_instagram_subscription(settings, mode, verify_token, challenge)
    )


@router.post(
    "/instagram", responses=DELIVERY_ERRORS, openapi_extra=_raw_body_schema("application/json")
)
async def receive_instagram(
    request: Request, session: SessionDep, settings: SettingsDep
) -> WebhookReceipt:
    """Instagram change notifications (comments, mentions…), signed with
    `X-Hub-Signature-256: sha256=<HMAC-SHA256 of the raw body with the app secret>`. Each change
    is recorded once however often Meta redelivers it. Instagram sends no publish-status
    notifications: publications are followed by polling. 401 for a missing or wrong signature,
    400 for a body that is not an Instagram notification, 413 past
    STAKAZO_WEBHOOK_MAX_BODY_BYTES."""
    return await _receive(request, session, settings, "instagram")


@router.post(
    "/tiktok", responses=DELIVERY_ERRORS, openapi_extra=_raw_body_schema("application/json")
)
async def receive_tiktok(
    request: Request, session: SessionDep, settings: SettingsDep
) -> WebhookReceipt:
    """TikTok events (`post.publish.*`, `authorization.removed`), signed with
    `Tiktok-Signature: t=<unix seconds>,s=<HMAC-SHA256 of "{t}.{raw body}" with the client
    secret>`. A `t` further than STAKAZO_WEBHOOK_MAX_AGE_SECONDS from now is refused (401) even
    when the HMAC matches; an event for another client_key is refused (400). Publications and
    accounts are updated in the background; each event is applied once."""
    return await _receive(request, session, settings, "tiktok")


@router.get(
    "/youtube",
    response_class=PlainTextResponse,
    responses={**_CHALLENGE_RESPONSE, **error_responses(VerificationInvalid, TopicUnknown)},
)
async def confirm_youtube(
    session: SessionDep,
    mode: Annotated[
        str | None, Query(alias="hub.mode", description="`subscribe` or `unsubscribe`.")
    ] = None,
    topic: Annotated[
        str | None,
        Query(
            alias="hub.topic",
            description="https://www.youtube.com/xml/feeds/videos.xml?channel_id=<channel id>",
        ),
    ] = None,
    challenge: Annotated[
        str | None, Query(alias="hub.challenge", description="Echoed back on success.")
    ] = None,
    lease_seconds: Annotated[
        str | None, Query(alias="hub.lease_seconds", description="How long the hub will push.")
    ] = None,
) -> PlainTextResponse:
    """The WebSub hub's intent check for YouTube push notifications. Answers `hub.challenge` as
    plain text when `hub.topic` is the upload feed of a YouTube channel connected in some
    workspace; 404 for any other topic; 400 when a field is missing."""
    return PlainTextResponse(
        await service.confirm_youtube_subscription(session, mode, topic, challenge, lease_seconds)
    )


@router.post(
    "/youtube",
    responses=DELIVERY_ERRORS,
    openapi_extra=_raw_body_schema("application/atom+xml"),
)
async def receive_youtube(
    request: Request, session: SessionDep, settings: SettingsDep
) -> WebhookReceipt:
    """YouTube upload and deletion notices from the WebSub hub (an Atom feed), signed with
    `X-Hub-Signature: sha1=<HMAC-SHA1 of the raw body with the hub.secret>`. XML with a DOCTYPE
    or entity declarations is refused (400). A notice for a video one of our publications
    uploaded marks that publication published; a deletion notice is recorded on it."""
    return await _receive(request, session, settings, "youtube")
