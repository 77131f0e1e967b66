from __future__ import annotations

import uuid
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from backend.input_types import ExactTypes
from backend.platforms.base import Platform

RuleStatus = Literal["proposed", "approved", "rejected"]
CaptionUnit = Literal["characters", "utf16_units", "bytes"]
_CLOCK = r"^([01][0-9]|2[0-3]):[0-5][0-9]$"


class SafeArea(ExactTypes):
    """Share of the frame, per edge, that the platform's own buttons and text cover."""

    model_config = ConfigDict(extra="forbid")

    top: float = Field(ge=0, lt=1)
    bottom: float = Field(ge=0, lt=1)
    left: float = Field(ge=0, lt=1)
    right: float = Field(ge=0, lt=1)


class PostingWindow(ExactTypes):
    """A time of day (UTC) when posts may go out; on one weekday (0 = Monday) or every day."""

    model_config = ConfigDict(extra="forbid")

    weekday: int | None = Field(default=None, ge=0, le=6)
    start: str = Field(pattern=_CLOCK, description="HH:MM, UTC")
    end: str = Field(pattern=_CLOCK, description="HH:MM, UTC, after start")

    @model_validator(mode="after")
    def _ends_after_start(self) -> PostingWindow:
        if self.end <= self.start:
            raise ValueError(f"a posting window must end after it starts ({self.start}-{self.end})")
        return self


class PlatformRulesDoc(ExactTypes):
    """Everything Stakazo knows a platform accepts. The first group is what renders aim at (and
    the publish-time media check holds the file to); the second is what the pre-flight check
    refuses before any upload. Unknown keys are refused."""

    model_config = ConfigDict(extra="forbid")

    # What renders produce.
    label: str = Field(min_length=1, max_length=60)
    container: str
    video_codec: str
    profile: str
    pixel_format: str
    width: int = Field(ge=16, le=8192)
    height: int = Field(ge=16, le=8192)
    fps: float = Field(gt=0, le=240)
    min_fps: float = Field(gt=0, le=240)
    max_fps: float = Field(gt=0, le=240)
    audio_codec: str
    audio_sample_rate: int = Field(ge=8000, le=192000)
    audio_channels: int = Field(ge=1, le=8)
    audio_bitrate_kbps: int = Field(ge=8, le=1024)
    faststart: bool
    min_duration_seconds: float = Field(ge=0)
    max_duration_seconds: float = Field(gt=0)
    ideal_duration_seconds: list[float] = Field(min_length=2, max_length=2)
    max_video_bitrate_kbps: int = Field(gt=0)
    target_video_bitrate_kbps: int = Field(gt=0)
    max_size_bytes: int = Field(gt=0)
    safe_area: SafeArea
    # What the platform accepts of a post.
    min_side_px: int | None = Field(default=None, ge=1)
    max_side_px: int | None = Field(default=None, ge=1)
    containers: list[str] = Field(min_length=1)
    video_codecs: list[str] = Field(min_length=1)
    audio_codecs: list[str] = Field(min_length=1)
    aspect_ratios: list[str] = Field(
        min_length=1, description='Accepted shapes, "W:H" (2% tolerance).'
    )
    caption_max_chars: int = Field(ge=1)
    caption_unit: CaptionUnit = Field(
        default="characters", description="How the platform counts caption_max_chars."
    )
    title_max_chars: int | None = Field(default=None, ge=1)
    hashtags_max: int | None = Field(default=None, ge=0)
    mentions_max: int | None = Field(default=None, ge=0)
    forbidden_characters: str = Field(default="", description="Refused in captions and titles.")
    posts_per_day: int | None = Field(
        default=None, ge=1, description="Posts per account in any 24 hours (none: no cap)."
    )
    posting_windows: list[PostingWindow] = Field(
        default_factory=list, description="When posts may go out (empty: any time)."
    )

    @model_validator(mode="after")
    def _consistent(self) -> PlatformRulesDoc:
        problems = []
        if self.min_duration_seconds > self.max_duration_seconds:
            problems.append("min_duration_seconds is above max_duration_seconds")
        if self.min_fps > self.max_fps:
            problems.append("min_fps is above max_fps")
        if self.min_side_px and self.max_side_px and self.min_side_px > self.max_side_px:
            problems.append("min_side_px is above max_side_px")
        for ratio in self.aspect_ratios:
            width, _, height = ratio.partition(":")
            if not (width.isdigit() and height.isdigit() and int(width) and int(height)):
                problems.append(f'aspect ratio "{ratio}" is not of the form W:H')
        for target, accepted in (
            ("video_codec", self.video_codecs),
            ("audio_codec", self.audio_codecs),
            ("container", self.containers),
        ):
            if getattr(self, target) not in accepted:
                problems.append(f"renders make {target} {getattr(self, target)!r}, not accepted")
        if problems:
            raise ValueError("; ".join(problems))
        return self


class PlatformRuleOut(BaseModel):
    """One version. Proposer and deciders are named only when they belong to the caller's
    workspace (rules are shared by every workspace; its people are not)."""

    id: uuid.UUID
    platform: str
    version: int
    status: RuleStatus
    rules: PlatformRulesDoc
    note: str
    proposed_by_id: uuid.UUID | None
    approved_at: datetime | None
    approved_by_id: uuid.UUID | None
    rejected_at: datetime | None
    rejected_by_id: uuid.UUID | None
    decision_note: str | None
    created_at: datetime


class ProposeRules(BaseModel):
    model_config = ConfigDict(extra="forbid")

    platform: Platform
    rules: dict[str, object] = Field(
        description="The keys to change; the rest is taken from the active version."
    )
    note: str = Field(min_length=1, max_length=2000, description="Why the change is needed.")


class ApproveRules(BaseModel):
    model_config = ConfigDict(extra="forbid")

    note: str | None = Field(default=None, max_length=2000)


class RejectRules(BaseModel):
    model_config = ConfigDict(extra="forbid")

    note: str = Field(min_length=1, max_length=2000, description="Why it is rejected.")


class ScoringWeightsOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    version: int
    weights: dict[str, dict[str, float]]
    notes: str
    activated_at: datetime | None
    created_at: datetime
