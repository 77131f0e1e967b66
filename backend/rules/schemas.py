from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict


class PlatformRuleOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    platform: str
    version: int
    rules: dict[str, Any]
    approved_at: datetime | None
    created_at: datetime


class ScoringWeightsOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    version: int
    weights: dict[str, dict[str, float]]
    notes: str
    activated_at: datetime | None
    created_at: datetime
