from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field, model_validator

from backend.models import VariantState

Platform = Literal["instagram", "tiktok", "youtube"]
ClipStatus = Literal["candidate", "approved", "rejected"]
# Instagram's limit, the tightest of the three platforms.
CAPTION_MAX_CHARS = 2200
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
    caption: str = Field(description="The marketer's caption; pre-fills publishing.")
    asset_name: str = Field(default="", description="The source video's name.")
    source_url: str | None = Field(
        default=None,
        description="Signed link to the source video; play it from `start_seconds` to "
        "`end_seconds` until a variant is ready.",
    )
    cover_url: str | None = Field(default=None, description="A ready variant's cover image.")
    preview_url: str | None = Field(default=None, description="A ready variant's short preview.")
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
    """Review a clip, edit its caption, or both; fields left out stay as they are."""

    status: ClipStatus | None = None
    caption: str | None = Field(
        default=None,
        max_length=CAPTION_MAX_CHARS,
        description=f"At most {CAPTION_MAX_CHARS} characters (Instagram's limit).",
    )

    @model_validator(mode="after")
    def _something(self) -> UpdateClipRequest:
        if self.status is None and self.caption is None:
            raise ValueError("send a status, a caption, or both")
        return self


class CreateVariantRequest(BaseModel):
    platform: Platform
    captions: bool = Field(default=False, description="Burn in captions from the transcript.")
    force: bool = Field(default=False, description="Render again even if a variant is ready.")
