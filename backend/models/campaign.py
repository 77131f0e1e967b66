"""Campaigns: target accounts with posting slots or a cadence, and the posts the planner placed."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from backend.models.base import Base, CreatedAt, UUIDPrimaryKey, utcnow

CAMPAIGN_STATES = ("draft", "active", "paused", "completed")
SCHEDULE_MODES = ("slots", "cadence")
APPROVAL_POLICIES = ("none", "one", "n")
CAMPAIGN_POST_STATES = ("planned", "scheduled", "published", "failed", "cancelled")


class Campaign(UUIDPrimaryKey, CreatedAt, Base):
    __tablename__ = "campaigns"
    __table_args__ = (
        CheckConstraint("state IN ('draft', 'active', 'paused', 'completed')", name="state_known"),
        CheckConstraint("schedule_mode IN ('slots', 'cadence')", name="schedule_mode_known"),
        CheckConstraint("approval_policy IN ('none', 'one', 'n')", name="approval_policy_known"),
        Index("ix_campaigns_workspace_created_at", "workspace_id", "created_at"),
    )

    workspace_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(200))
    state: Mapped[str] = mapped_column(String(16), default="draft")
    # IANA name; slots and blackout dates are wall-clock times and dates in it.
    time_zone: Mapped[str] = mapped_column(String(64), default="UTC")
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)
    # "slots": each target's weekday/time queue; "cadence": posts_per_day spread over the day.
    schedule_mode: Mapped[str] = mapped_column(String(16), default="slots")
    posts_per_day: Mapped[int | None] = mapped_column(default=None)
    min_gap_minutes: Mapped[int] = mapped_column(default=60)
    blackout_dates: Mapped[list[str]] = mapped_column(JSON, default=list)
    caption_template: Mapped[str] = mapped_column(Text, default="")
    required_hashtags: Mapped[list[str]] = mapped_column(JSON, default=list)
    source_asset_ids: Mapped[list[str]] = mapped_column(JSON, default=list)
    source_tags: Mapped[list[str]] = mapped_column(JSON, default=list)
    approval_policy: Mapped[str] = mapped_column(String(8), default="one")
    approvals_required: Mapped[int] = mapped_column(default=1)
    evergreen: Mapped[bool] = mapped_column(default=False)
    evergreen_cooldown_days: Mapped[int] = mapped_column(default=30)
    evergreen_max_reuses: Mapped[int] = mapped_column(default=2)
    # Share of slots given to clips the model is unsure of, so it does not only relearn its picks.
    exploration_share: Mapped[float] = mapped_column(default=0.1)
    # The user's own per-post choices for platforms that demand them (TikTok direct posts,
    # YouTube), as PostChoices holds them: made once in the editor, used for every post planned.
    post_choices: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict, server_default="{}")
    created_by_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), default=None
    )
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class CampaignTarget(UUIDPrimaryKey, Base):
    """An account the campaign posts to, with its weekly queue of slots
    (``[{"weekday": 0..6 (Monday 0), "time": "HH:MM"}]``, in the campaign's time zone)."""

    __tablename__ = "campaign_targets"
    __table_args__ = (UniqueConstraint("campaign_id", "account_id"),)

    campaign_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("campaigns.id", ondelete="CASCADE"), index=True
    )
    account_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("platform_accounts.id", ondelete="CASCADE")
    )
    slots: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)


class CampaignPost(UUIDPrimaryKey, CreatedAt, Base):
    """One placed post: a clip on an account at a slot, why it was picked, and the publication
    that carries it out once the plan is applied. One per campaign, account and slot, so applying
    the same plan again adds nothing."""

    __tablename__ = "campaign_posts"
    __table_args__ = (
        UniqueConstraint("campaign_id", "account_id", "slot_at"),
        CheckConstraint(
            "state IN ('planned', 'scheduled', 'published', 'failed', 'cancelled')",
            name="state_known",
        ),
        Index("ix_campaign_posts_account_slot_at", "account_id", "slot_at"),
        Index("ix_campaign_posts_workspace_slot_at", "workspace_id", "slot_at"),
    )

    campaign_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("campaigns.id", ondelete="CASCADE"))
    workspace_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    account_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("platform_accounts.id", ondelete="CASCADE")
    )
    clip_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("clips.id", ondelete="CASCADE"))
    publication_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("publications.id", ondelete="SET NULL"), default=None
    )
    slot_at: Mapped[datetime]
    state: Mapped[str] = mapped_column(String(16), default="planned")
    score: Mapped[float] = mapped_column(default=0.0)
    exploration: Mapped[bool] = mapped_column(default=False)
    # Evergreen: the how-many-th time this clip goes on this account (0: the first).
    reuse: Mapped[int] = mapped_column(default=0)
    reason: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    caption: Mapped[str] = mapped_column(Text, default="")
    title: Mapped[str] = mapped_column(String(200), default="")
    # "planner" or "csv" (a schedule imported in bulk).
    source: Mapped[str] = mapped_column(String(8), default="planner")


class PublicationApproval(UUIDPrimaryKey, CreatedAt, Base):
    """One approver's yes; a publication needing N approvals goes ahead at the N-th distinct one."""

    __tablename__ = "publication_approvals"
    __table_args__ = (UniqueConstraint("publication_id", "user_id"),)

    publication_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("publications.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
