from __future__ import annotations

import uuid
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

KindName = Literal[
    "jobs",
    "publications",
    "webhook_deliveries",
    "notification_subscriptions",
    "alert_notifications",
    "ai_health_runs",
]


class OutboxCounts(BaseModel):
    waiting: int = Field(description="Sent once, its work not done yet.")
    retrying: int = Field(description="Sent again at least once, or its work failed; not dead.")
    dead: int = Field(description="Given up after too many sends; only an admin retries it.")


class DeadItem(BaseModel):
    kind: KindName
    id: uuid.UUID
    sends: int = Field(description="How often its message was sent again before giving up.")
    dead_at: datetime
    error: str | None = Field(description="The last error its work reported, if any.")


class OutboxOverview(BaseModel):
    counts: dict[KindName, OutboxCounts]
    dead: list[DeadItem] = Field(description="The newest dead items of each kind (50 at most).")


class OutboxRetried(BaseModel):
    kind: KindName
    id: uuid.UUID
