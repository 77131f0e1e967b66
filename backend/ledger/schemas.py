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


class LedgerVerification(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    intact: bool = Field(description="Whether the whole chain (every workspace's events) holds.")
    events_checked: int = Field(description="How many of this workspace's events were verified.")
    head_sequence: int | None = Field(
        description="Sequence number of this workspace's newest verified event."
    )
    first_broken_sequence: int | None = Field(
        default=None, description="Where the chain breaks, when that event is this workspace's."
    )
    problem: str | None = None
