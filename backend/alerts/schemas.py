"""What the alert routes answer and take."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field

RuleName = Literal[
    "failure_rate",
    "backlog_growing",
    "job_overdue",
    "worker_missing",
    "queue_unconsumed",
    "account_needs_reauth",
    "token_expiring",
    "quota_nearly_used",
    "ledger_broken",
    "disk_low",
    "webhooks_failing",
]
Severity = Literal["critical", "warning", "info"]
AlertState = Literal["open", "resolved"]

MAX_SILENCE_MINUTES = 7 * 24 * 60


class AlertOut(BaseModel):
    """One condition while it lasted (docs/alerts.md lists every rule)."""

    id: uuid.UUID
    scope: Literal["instance", "workspace"] = Field(
        description="instance: about the machines every workspace shares (workers, queues, disk, "
        "platform notifications); workspace: about this workspace's own work."
    )
    workspace_id: uuid.UUID | None = Field(description="Null for instance alerts.")
    rule: RuleName
    key: str = Field(
        description="Names the condition within its scope, e.g. worker_missing:media@host."
    )
    severity: Severity
    state: AlertState
    title: str
    message: str = Field(description="What is wrong and what to do, in plain words.")
    details: dict[str, Any] = Field(description="The numbers the rule saw, by rule.")
    first_seen_at: datetime
    last_seen_at: datetime = Field(description="The last collection that still saw the condition.")
    count: int = Field(description="How many collections saw it.")
    resolved_at: datetime | None
    acknowledged_at: datetime | None
    acknowledged_by_id: uuid.UUID | None = Field(
        description="Who acknowledged it; null when unknown to this workspace (an instance alert "
        "acknowledged from another workspace)."
    )
    silenced_until: datetime | None
    silenced: bool = Field(description="Silenced now: it still updates, but sends no notification.")


class SilenceRequest(BaseModel):
    minutes: int = Field(
        ge=1,
        le=MAX_SILENCE_MINUTES,
        description="How long to send no notification for this condition (1 minute to 7 days).",
    )


@dataclass(frozen=True)
class AlertFilter:
    """What GET /v1/alerts narrows the list to."""

    state: str | None = None
    severity: str | None = None
    rule: str | None = None
    since: datetime | None = None  # seen at or after
    until: datetime | None = None  # first seen at or before
    silenced: bool | None = None
    acknowledged: bool | None = None
