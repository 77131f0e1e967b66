"""What the campaign routes take and answer."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from functools import cache
from typing import Any, Literal
from zoneinfo import available_timezones

from pydantic import BaseModel, Field, field_validator, model_validator

from backend.input_types import DateInput, ExactTypes
from backend.platforms.tiktok.choices import TikTokChoices
from backend.platforms.youtube.choices import YouTubeChoices

CampaignState = Literal["draft", "active", "paused", "completed"]
ScheduleMode = Literal["slots", "cadence"]
ApprovalPolicy = Literal["none", "one", "n"]
PostState = Literal["planned", "scheduled", "published", "failed", "cancelled"]
MAX_DAYS = 366


@cache
def _zones() -> frozenset[str]:
    return frozenset(available_timezones()) | {"UTC"}


class Slot(ExactTypes):
    weekday: int = Field(ge=0, le=6, description="0 is Monday.")
    time: str = Field(
        pattern=r"^([01]\d|2[0-3]):[0-5]\d$", description="HH:MM, in the campaign's time zone."
    )


class TargetIn(ExactTypes):
    account_id: uuid.UUID
    slots: list[Slot] = Field(default_factory=list, max_length=100)


class TargetOut(TargetIn):
    platform: str
    username: str


class PostChoices(ExactTypes):
    """The user's own choices for the posts to platforms that demand them on every post (TikTok
    direct posts, YouTube), checked as for one-off publishing. A plan uses those sent with it,
    else the campaign's own (`post_choices`), else those of its latest post to that platform; a
    platform with none refuses the plan with 422."""

    tiktok: TikTokChoices | None = None
    youtube: YouTubeChoices | None = None


class CampaignFields(ExactTypes):
    """Every setting of a campaign; PATCH sends any of them."""

    name: str = Field(min_length=1, max_length=200)
    time_zone: str = Field(default="UTC", description="IANA zone, e.g. Europe/Madrid.")
    starts_on: DateInput
    ends_on: DateInput
    schedule_mode: ScheduleMode = Field(
        default="slots",
        description="slots: each target's weekday/time queue; cadence: posts_per_day spread over "
        "the platform's posting window.",
    )
    posts_per_day: int | None = Field(default=None, ge=1, le=48)
    min_gap_minutes: int = Field(default=60, ge=0, le=1440)
    blackout_dates: list[DateInput] = Field(default_factory=list, max_length=MAX_DAYS)
    caption_template: str = Field(
        default="",
        max_length=5000,
        description="Placeholders: {title}, {hook}, {transcript}, {hashtags}, {asset}, {account}.",
    )
    required_hashtags: list[str] = Field(default_factory=list, max_length=30)
    source_asset_ids: list[uuid.UUID] = Field(default_factory=list, max_length=500)
    source_tags: list[str] = Field(default_factory=list, max_length=50)
    approval_policy: ApprovalPolicy = "one"
    approvals_required: int = Field(default=1, ge=1, le=10)
    evergreen: bool = False
    evergreen_cooldown_days: int = Field(default=30, ge=1, le=365)
    evergreen_max_reuses: int = Field(default=2, ge=0, le=20)
    exploration_share: float = Field(default=0.1, ge=0.0, le=0.5)
    targets: list[TargetIn] = Field(default_factory=list, max_length=100)
    post_choices: PostChoices = Field(
        default_factory=PostChoices,
        description="Choices for every post to TikTok (direct posts) and YouTube: what the "
        "editor's Platform choices section holds. Targets on those platforms need them before "
        "a plan is applied (or choices sent with the plan).",
    )

    @field_validator("time_zone")
    @classmethod
    def _real_zone(cls, value: str) -> str:
        if value not in _zones():
            raise ValueError(f"{value!r} is not an IANA time zone, e.g. Europe/Madrid")
        return value

    @field_validator("required_hashtags", "source_tags")
    @classmethod
    def _words(cls, values: list[str]) -> list[str]:
        cleaned = [value.strip().lstrip("#") for value in values]
        if any(not value or len(value) > 100 or " " in value for value in cleaned):
            raise ValueError("each must be one word of 1 to 100 characters")
        return list(dict.fromkeys(cleaned))

    @model_validator(mode="after")
    def _consistent(self) -> CampaignFields:
        if self.ends_on < self.starts_on:
            raise ValueError("ends_on must be on or after starts_on")
        if self.ends_on - self.starts_on >= timedelta(days=MAX_DAYS):
            raise ValueError(f"a campaign spans at most {MAX_DAYS} days")
        if self.schedule_mode == "cadence" and not self.posts_per_day:
            raise ValueError("cadence mode needs posts_per_day (1 or more)")
        if self.schedule_mode == "slots":
            bare = [str(t.account_id) for t in self.targets if not t.slots]
            if bare:
                raise ValueError(f"slots mode needs slots for every target; none for {bare[0]}")
        if self.approval_policy == "n" and self.approvals_required < 2:
            raise ValueError('approval policy "n" needs approvals_required of 2 or more')
        if self.approval_policy != "n":
            self.approvals_required = 1
        if len({t.account_id for t in self.targets}) != len(self.targets):
            raise ValueError("each account may be a target once")
        return self


class CampaignIn(CampaignFields):
    pass


class CampaignPatch(ExactTypes):
    """Any of the campaign's settings; the result is checked as a whole."""

    model_config = {"extra": "forbid"}

    name: str | None = None
    time_zone: str | None = None
    starts_on: DateInput | None = None
    ends_on: DateInput | None = None
    schedule_mode: ScheduleMode | None = None
    posts_per_day: int | None = None
    min_gap_minutes: int | None = None
    blackout_dates: list[DateInput] | None = None
    caption_template: str | None = None
    required_hashtags: list[str] | None = None
    source_asset_ids: list[uuid.UUID] | None = None
    source_tags: list[str] | None = None
    approval_policy: ApprovalPolicy | None = None
    approvals_required: int | None = None
    evergreen: bool | None = None
    evergreen_cooldown_days: int | None = None
    evergreen_max_reuses: int | None = None
    exploration_share: float | None = None
    targets: list[TargetIn] | None = None
    post_choices: PostChoices | None = None


class CampaignOut(CampaignFields):
    id: uuid.UUID
    state: CampaignState
    targets: list[TargetOut]  # type: ignore[assignment]
    created_at: datetime
    updated_at: datetime


class StateChange(PostChoices):
    state: CampaignState


class PlanRequest(PostChoices):
    apply: bool = Field(
        default=False,
        description="false: a dry run that only answers the plan; true: write it (posts and "
        "publications). Applying again adds nothing already there.",
    )


class PickOut(BaseModel):
    account_id: uuid.UUID
    platform: str
    slot_at: datetime
    clip_id: uuid.UUID
    asset_id: uuid.UUID
    score: float
    exploration: bool
    reuse: int
    caption: str
    title: str
    reason: dict[str, Any] = Field(description="text: why, in words; score; constraint: null.")


class SkipOut(BaseModel):
    account_id: uuid.UUID
    slot_at: datetime
    constraint: str = Field(
        description="past, blackout, nonexistent_time, min_gap, daily_quota, no_clip, "
        "account_unavailable."
    )
    reason: str


class PlanOut(BaseModel):
    applied: bool
    picks: list[PickOut]
    skips: list[SkipOut]
    created: int = Field(description="Posts (and publications) written by this call.")
    kept: int = Field(description="Slots already filled by earlier runs, left as they are.")


class CampaignPostOut(BaseModel):
    id: uuid.UUID
    account_id: uuid.UUID
    clip_id: uuid.UUID
    publication_id: uuid.UUID | None
    publication_state: str | None
    slot_at: datetime
    state: PostState
    score: float
    exploration: bool
    reuse: int
    reason: dict[str, Any]
    caption: str
    title: str
    source: Literal["planner", "csv"]


class ImportOut(BaseModel):
    created: int
    posts: list[CampaignPostOut]
