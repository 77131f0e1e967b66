from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field

from backend.models import VariantState

Platform = Literal["instagram", "tiktok", "youtube"]
ClipStatus = Literal["candidate", "approved", "rejected"]
ClipSort = Literal["score", "-score", "start", "-start", "created_at", "-created_at"]


class VariantOut(BaseModel):
    id: uuid.UUID
    clip_id: uuid.UUID
    platform: str
    captions: bool
    state: VariantState = Field(
        description="pending → rendering → ready, or failed; asked for again, pending once more"
    )
    width: int | None
    height: int | None
    duration_seconds: float | None
    size_bytes: int | None
    checks: dict[str, Any]
    error: str | None
    video_url: str | None = Field(description="Signed, expiring link; plays in a <video> tag.")
    cover_url: str | None
    preview_url: str | None
    created_at: datetime
    updated_at: datetime


class ClipOut(BaseModel):
    id: uuid.UUID
    asset_id: uuid.UUID
    start_seconds: float
    end_seconds: float
    duration_seconds: float
    rank: int
    score: float = Field(description="The best of the per-platform scores.")
    scores: dict[str, float]
    status: ClipStatus
    transcript: str | None
    created_at: datetime


class Contribution(BaseModel):
    value: float
    weight: float
    contribution: float


class ClipDetail(ClipOut):
    features: dict[str, float]
    duration_fit: dict[str, float] = Field(description="How well the length suits each platform.")
    weights_version: int
    breakdown: dict[str, dict[str, Contribution]] = Field(
        description="Per platform: each feature's value, its weight and their product."
    )
    variants: list[VariantOut]


class UpdateClipRequest(BaseModel):
    status: ClipStatus


class CreateVariantRequest(BaseModel):
    platform: Platform
    captions: bool = Field(default=False, description="Burn in captions from the transcript.")
    force: bool = Field(default=False, description="Render again even if a variant is ready.")
