from __future__ import annotations

from dataclasses import asdict, fields
from typing import Any

from pydantic import BaseModel, Field

from backend.platforms.base import WebhookEvent

_EVENT_FIELDS = frozenset(field.name for field in fields(WebhookEvent))


class WebhookReceipt(BaseModel):
    received: int = Field(
        description="Events in this delivery that were new; each is applied once."
    )
    duplicates: int = Field(
        description="Events received before (a redelivery): acknowledged, not applied again."
    )


def event_to_json(event: WebhookEvent) -> dict[str, Any]:
    """The normalized event as stored on the delivery row (never the raw body)."""
    return asdict(event)


def event_from_json(stored: dict[str, Any]) -> WebhookEvent:
    return WebhookEvent(**{key: value for key, value in stored.items() if key in _EVENT_FIELDS})
