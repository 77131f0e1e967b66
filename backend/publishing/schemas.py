from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field, model_validator

from backend.input_types import DateTimeInput
from backend.platforms.tiktok.choices import TikTokChoices
from backend.platforms.youtube.choices import YouTubeChoices

PublicationState = Literal[
    "draft",
    "awaiting_approval",
    "scheduled",
    "queued",
    "uploading",
    "processing",
    "published",
    "failed",
    "cancelled",
]
Privacy = Literal["public", "private", "unlisted"]
Mode = Literal["direct", "draft"]


class PublicationSpec(BaseModel):
    clip_id: uuid.UUID
    account_ids: list[uuid.UUID] = Field(min_length=1, max_length=30)
    caption: str = Field(default="", max_length=5000)
    title: str = Field(default="", max_length=100, description="YouTube title; TikTok uses it too.")
    privacy: Privacy = "public"
    mode: Mode = Field(
        default="direct", description="TikTok only: `draft` sends it to the creator's inbox."
    )
    publish_at: DateTimeInput | None = Field(
        default=None, description="When to publish (UTC). Absent or past: as soon as approved."
    )
    captions: bool = Field(default=False, description="Publish the variant with burned captions.")
    tiktok: TikTokChoices | None = Field(
        default=None,
        description="Required for TikTok direct posts: the user's choices, offered from "
        "`GET /v1/accounts/{id}/creator-info`. Its `privacy_level` replaces `privacy`.",
    )
    youtube: YouTubeChoices | None = Field(
        default=None, description="Required for YouTube: the audience declaration, tags, category."
    )

    def choices_for(self, platform: str) -> BaseModel | None:
        """The choices given for ``platform``'s accounts."""
        # The fields are named after the platforms whose choices they hold.
        given = getattr(self, platform, None)
        return given if isinstance(given, BaseModel) else None

    @model_validator(mode="after")
    def _aware(self) -> PublicationSpec:
        if self.publish_at is not None and self.publish_at.tzinfo is None:
            raise ValueError("publish_at needs a time zone, e.g. 2026-12-01T18:00:00Z")
        return self


class CreatePublications(PublicationSpec):
    submit: bool = Field(
        default=True,
        description="Ask for approval right away (`awaiting_approval`), or keep drafts.",
    )


class ConfirmPublish(BaseModel):
    """Approve existing publications by id, or create and approve in one go."""

    publication_ids: list[uuid.UUID] | None = Field(default=None, max_length=200)
    create: PublicationSpec | None = None

    @model_validator(mode="after")
    def _one_of(self) -> ConfirmPublish:
        if bool(self.publication_ids) == (self.create is not None):
            raise ValueError("send either publication_ids or create, not both or neither")
        return self


class ApproverOut(BaseModel):
    user_id: uuid.UUID
    name: str = Field(description="The approver's name (their email when they gave none).")
    approved_at: datetime


class PublicationOut(BaseModel):
    id: uuid.UUID
    clip_id: uuid.UUID
    variant_id: uuid.UUID | None
    account_id: uuid.UUID
    platform: str
    sandbox: bool = Field(description="Published to the built-in sandbox, not the real platform.")
    state: PublicationState
    caption: str
    title: str
    privacy: Privacy
    mode: Mode
    publish_at: datetime | None
    options: dict[str, Any] = Field(description="The user's choices for the platform, as given.")
    next_attempt_at: datetime | None = Field(
        description="When the next attempt happens (a schedule, a quota deferral or a backoff)."
    )
    attempts: int = Field(description="Failed attempts in a row (reset when one makes progress).")
    progress: int = Field(description="0-100: upload and processing progress.")
    remote_post_id: str | None = Field(description="The post's id on the platform.")
    remote_url: str | None
    remote_detail: str | None = Field(
        description="e.g. `inbox`, `moderation`, or `scheduled` (uploaded; the platform releases "
        "it at `publish_at`, and it becomes `published` then)."
    )
    error: str | None = Field(description="Why it failed, in plain words.")
    error_reason: str | None = Field(description="The platform's own error code or message.")
    approved_at: datetime | None
    approvals_required: int = Field(
        description="Distinct approvers needed before it goes ahead (a campaign may ask for "
        "several)."
    )
    approvals: int = Field(default=0, description="Distinct approvals given so far.")
    approvers: list[ApproverOut] = Field(default_factory=list, description="Who approved, when.")
    published_at: datetime | None
    created_at: datetime
    updated_at: datetime


class PublicationBatch(BaseModel):
    """The publications one request created or approved (all of them: not a page)."""

    items: list[PublicationOut]


class MetricOut(BaseModel):
    captured_at: datetime
    views: int | None
    likes: int | None
    comments: int | None
    shares: int | None
    watch_time_seconds: float | None


class SchedulePublication(BaseModel):
    publish_at: DateTimeInput | None = Field(
        description="When it goes out (with a time zone). Null: as soon as it is approved (an "
        "approved one is sent now)."
    )

    @model_validator(mode="after")
    def _aware(self) -> SchedulePublication:
        if self.publish_at is not None and self.publish_at.tzinfo is None:
            raise ValueError("publish_at needs a time zone, e.g. 2026-12-01T18:00:00Z")
        return self


class RejectPublication(BaseModel):
    reason: str = Field(
        min_length=1, max_length=1000, description="Why, in words; kept in the ledger."
    )


class QuotaOut(BaseModel):
    """An account's publishing allowance now."""

    account_id: uuid.UUID
    platform: str
    source: Literal["platform", "counted", "unlimited"] = Field(
        description="`platform`: as the platform reports it (Instagram); `counted`: Stakazo "
        "counts its own posts against the platform's documented limit (TikTok's daily cap, "
        "YouTube's daily upload quota); `unlimited`: no limit applies to this mode."
    )
    mode: Mode = Field(description="The kind of post asked about (TikTok drafts count nowhere).")
    used: int | None = Field(description="Posts that count against the allowance in its window.")
    limit: int | None
    remaining: int | None = Field(description="Posts that still fit now.")
    window: Literal["rolling_day", "pacific_day"] | None = Field(
        description="`rolling_day`: the last 24 hours; `pacific_day`: since midnight Pacific."
    )
    resets_at: datetime | None = Field(
        description="When room frees up: the oldest counted post leaves a rolling day, or the "
        "next midnight Pacific. Null when nothing is used or it is not known."
    )


class PreflightProblem(BaseModel):
    code: str = Field(description="e.g. caption_too_long, duration_too_long, quota_used_up")
    field: str = Field(description="What the problem is about: caption, title, duration...")
    message: str = Field(description="The problem in words.")
    retry_at: datetime | None = Field(
        default=None, description="Set when the problem passes by itself then (quota, window)."
    )


class PreflightOut(BaseModel):
    ok: bool = Field(description="False when the platform would refuse the publication.")
    problems: list[PreflightProblem]
