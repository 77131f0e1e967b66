from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class LedgerEventOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    seq: int
    id: uuid.UUID
    occurred_at: datetime
    type: str
    workspace_id: uuid.UUID | None
    actor_id: uuid.UUID | None
    user_id: uuid.UUID | None
    asset_id: uuid.UUID | None
    job_id: uuid.UUID | None
    clip_id: uuid.UUID | None
    publication_id: uuid.UUID | None
    campaign_id: uuid.UUID | None
    payload: dict[str, Any]
    prev_hash: str
    hash: str


class LedgerPage(BaseModel):
    items: list[LedgerEventOut]
    next_cursor: int | None = Field(
        description="Pass as `before` to get the next (older) page; null on the last page."
    )


class LedgerVerification(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    intact: bool
    events_checked: int
    head_sequence: int | None
    head_hash: str | None
    first_broken_sequence: int | None = None
    problem: str | None = None
