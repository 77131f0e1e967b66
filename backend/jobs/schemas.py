from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

JobState = Literal["pending", "running", "succeeded", "failed", "cancelled"]
JobTypeName = Literal["media.process", "media.analyze", "media.render_variant", "ledger.audit"]


class JobOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    workspace_id: uuid.UUID
    type: str
    state: JobState
    progress: int = Field(description="0 to 100")
    attempts: int
    params: dict[str, Any]
    result: dict[str, Any] | None
    error: str | None
    asset_id: uuid.UUID | None
    clip_id: uuid.UUID | None
    created_by_id: uuid.UUID | None
    created_at: datetime
    updated_at: datetime
    started_at: datetime | None
    finished_at: datetime | None


class CreateJobRequest(BaseModel):
    type: JobTypeName
    asset_id: uuid.UUID | None = Field(default=None, description="For media.process, media.analyze")
    clip_id: uuid.UUID | None = Field(default=None, description="For media.render_variant")
    params: dict[str, Any] = Field(default_factory=dict)
