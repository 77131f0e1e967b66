"""Instagram (Meta) webhooks: ``X-Hub-Signature-256`` over the raw body, batches of entries.

Meta has no publish-status webhook (publishing is polled), so every change arrives as an
``other`` event: verified, recorded once, nothing to apply. The entry id is the Instagram
account the change concerns.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Any

from backend.config import Settings
from backend.platforms.base import MalformedWebhook, WebhookEvent
from backend.platforms.signatures import meta_verify

KEY_LIMIT = 200  # webhook_deliveries.event_key


def verify(headers: Mapping[str, str], body: bytes, settings: Settings, now: float) -> None:
    """Raises SignatureInvalid unless the body carries the app secret's signature. Meta signs no
    timestamp, so ``now`` is unused: redeliveries are caught by the dedupe key instead."""
    meta_verify(headers, body, settings.instagram_app_secret.get_secret_value())


def _digest(value: Any) -> str:
    canonical = json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


def _key(*parts: str) -> str:
    key = ":".join(parts)
    return key if len(key) <= KEY_LIMIT else hashlib.sha256(key.encode()).hexdigest()


def _text(value: Any, what: str) -> str:
    if isinstance(value, bool) or not isinstance(value, str | int) or value == "":
        raise MalformedWebhook(f"{what} must be a string or a number")
    return str(value)


def _entry_events(entry: Any) -> list[WebhookEvent]:
    if not isinstance(entry, dict):
        raise MalformedWebhook("each entry must be an object")
    account_id = _text(entry.get("id"), "entry.id")
    time = _text(entry.get("time"), "entry.time")
    if "changes" in entry:
        changes = entry["changes"]
        if not isinstance(changes, list):
            raise MalformedWebhook("entry.changes must be a list")
    elif "field" in entry:  # the flat form: one change inline in the entry
        changes = [{"field": entry.get("field"), "value": entry.get("value")}]
    else:  # messaging and other entry shapes: one event for the whole entry
        changes = [{"field": "entry", "value": entry}]
    events = []
    for change in changes:
        if not isinstance(change, dict) or not isinstance(change.get("field"), str):
            raise MalformedWebhook("each change must be an object with a string field")
        events.append(
            WebhookEvent(
                platform="instagram",
                kind="other",
                key=_key(account_id, time, change["field"], _digest(change)),
                remote_account_id=account_id,
            )
        )
    return events


def parse(body: bytes) -> list[WebhookEvent]:
    """``{"object": "instagram", "entry": [{"id", "time", "changes": [{"field", "value"}]}]}``
    (also a list of such objects) → one ``other`` event per change."""
    try:
        document = json.loads(body)
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        raise MalformedWebhook(f"the body is not JSON: {error}") from None
    batches = document if isinstance(document, list) else [document]
    events: list[WebhookEvent] = []
    for batch in batches:
        if not isinstance(batch, dict) or not isinstance(batch.get("entry"), list):
            raise MalformedWebhook('the body must be {"object": ..., "entry": [...]}')
        if not isinstance(batch.get("object"), str):
            raise MalformedWebhook("the body's object must be a string")
        for entry in batch["entry"]:
            events.extend(_entry_events(entry))
    return events
