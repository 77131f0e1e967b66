"""TikTok webhooks: ``Tiktok-Signature: t=…,s=…`` over ``"{t}.{raw body}"``, one event per call.

The envelope is ``{client_key, event, create_time, user_openid, content}`` where ``content`` is
itself a JSON *string*. Delivery is at least once, for up to 72 hours.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Any

from backend.config import Settings
from backend.platforms.base import MalformedWebhook, WebhookEvent, WebhookKind
from backend.platforms.signatures import tiktok_verify

# TikTok's event name → our kind. "publicaly" is TikTok's spelling.
KINDS: dict[str, WebhookKind] = {
    "post.publish.complete": "publish.completed",
    "post.publish.inbox_delivered": "publish.completed",
    "post.publish.publicly_available": "publish.available",
    "post.publish.failed": "publish.failed",
    "post.publish.no_longer_publicaly_available": "publish.removed",
    "authorization.removed": "account.revoked",
}


def verify(headers: Mapping[str, str], body: bytes, settings: Settings, now: float) -> None:
    """Raises SignatureInvalid unless the client secret signed ``"{t}.{body}"``, and
    SignatureStale when ``t`` is more than webhook_max_age_seconds away from ``now``."""
    tiktok_verify(
        headers,
        body,
        settings.tiktok_client_secret.get_secret_value(),
        now=now,
        max_age=settings.webhook_max_age_seconds,
    )


def _string(envelope: dict[str, Any], name: str) -> str:
    value = envelope.get(name)
    if not isinstance(value, str) or not value:
        raise MalformedWebhook(f"{name} must be a non-empty string")
    return value


def _content(envelope: dict[str, Any]) -> dict[str, Any]:
    raw = envelope.get("content", "")
    if raw in ("", None):
        return {}
    if not isinstance(raw, str):
        raise MalformedWebhook("content must be a JSON string")
    try:
        content = json.loads(raw)
    except (ValueError, RecursionError) as error:
        raise MalformedWebhook(f"content is not JSON: {error}") from None
    if not isinstance(content, dict):
        raise MalformedWebhook("content must hold a JSON object")
    return content


def _optional(content: dict[str, Any], name: str) -> str | None:
    value = content.get(name)
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise MalformedWebhook(f"content.{name} must be a string")
    return str(value)


def parse(body: bytes, *, client_key: str | None = None) -> list[WebhookEvent]:
    """One normalized event. With ``client_key``, an envelope addressed to another TikTok app is
    refused as malformed (the signature already proved who sent it)."""
    try:
        envelope = json.loads(body)
    except (ValueError, RecursionError) as error:
        raise MalformedWebhook(f"the body is not JSON: {error}") from None
    if not isinstance(envelope, dict):
        raise MalformedWebhook("the body must be a JSON object")
    name = _string(envelope, "event")
    user_openid = _string(envelope, "user_openid")
    create_time = envelope.get("create_time")
    if isinstance(create_time, bool) or not isinstance(create_time, int):
        raise MalformedWebhook("create_time must be an integer (unix seconds)")
    if client_key is not None and envelope.get("client_key") != client_key:
        raise MalformedWebhook("client_key is not this server's TikTok client key")
    content = _content(envelope)
    kind = KINDS.get(name, "other")
    publish_id = _optional(content, "publish_id")
    post_id = _optional(content, "post_id")
    if kind.startswith("publish.") and publish_id is None and post_id is None:
        raise MalformedWebhook(f"{name} must name the publish_id it is about")
    # TikTok gives no event id; these four fields are what a redelivery repeats exactly.
    key = hashlib.sha256(
        json.dumps(
            [name, create_time, user_openid, envelope.get("content", "")], ensure_ascii=False
        ).encode()
    ).hexdigest()
    return [
        WebhookEvent(
            platform="tiktok",
            kind=kind,
            key=key,
            remote_account_id=user_openid,
            remote_upload_id=publish_id,
            remote_post_id=post_id,
            reason=_optional(content, "reason"),
        )
    ]
