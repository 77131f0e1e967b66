from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

# What `LedgerPage.next_cursor` looks like; `before` parameters accept only that.


class LedgerEventOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    chain: str = Field(
        description="The chain the event belongs to: its workspace's id, `system` for events "
        "of no workspace, or `legacy` for events recorded before chains were per workspace."
    )
    chain_seq: int = Field(
        description="The event's number in its chain: 1, 2, 3 … with no gaps (legacy events "
        "keep the instance-wide numbers they had)."
    )
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

    intact: bool = Field(description="Whether this workspace's chain holds.")
    events_checked: int = Field(description="How many events of the chain were verified.")
    head_sequence: int | None = Field(
        description="`chain_seq` of the chain's newest verified event."
    )
    first_broken_sequence: int | None = Field(
        default=None, description="`chain_seq` of the first event that does not hold."
    )
    problem: str | None = None
