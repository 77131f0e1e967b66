from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from backend.models.base import Base, CreatedAt, UUIDPrimaryKey, utcnow
from backend.models.outbox import OutboxColumns

PUBLICATION_STATES = (
    "draft",
    "awaiting_approval",
    "scheduled",
    "queued",
    "uploading",
    "processing",
    "published",
    "failed",
    "cancelled",
)
IN_FLIGHT_STATES = ("queued", "uploading", "processing")


class Publication(OutboxColumns, UUIDPrimaryKey, CreatedAt, Base):
    """One clip variant going to one connected account, and everything the platform said."""

    __tablename__ = "publications"
    __table_args__ = (
        Index("ix_publications_due", "state", "next_attempt_at"),
        Index("ix_publications_workspace_created", "workspace_id", "created_at"),
    )

    workspace_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    clip_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("clips.id", ondelete="CASCADE"))
    variant_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("variants.id", ondelete="SET NULL"), default=None
    )
    account_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("platform_accounts.id", ondelete="CASCADE"), index=True
    )
    platform: Mapped[str] = mapped_column(String(32))
    sandbox: Mapped[bool] = mapped_column(default=False)
    state: Mapped[str] = mapped_column(String(24), default="draft")
    # Sent with every attempt; the engine's proof that two attempts are the same publication.
    idempotency_key: Mapped[str] = mapped_column(String(64), unique=True)
    caption: Mapped[str] = mapped_column(Text, default="")
    title: Mapped[str] = mapped_column(String(200), default="")
    privacy: Mapped[str] = mapped_column(String(16), default="public")
    mode: Mapped[str] = mapped_column(String(16), default="direct")
    publish_at: Mapped[datetime | None] = mapped_column(default=None)
    # The user's choices for this platform (backend/platforms/<platform>/choices.py), as sent.
    options: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # When the engine may next act on it (a schedule, a deferral for quota, a backoff).
    next_attempt_at: Mapped[datetime | None] = mapped_column(default=None)
    attempts: Mapped[int] = mapped_column(default=0)
    progress: Mapped[int] = mapped_column(default=0)
    # What the platform handed out when the upload began (persisted before any bytes moved).
    remote_upload_id: Mapped[str | None] = mapped_column(Text, default=None)
    upload_url: Mapped[str | None] = mapped_column(Text, default=None)
    upload_extra: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    uploaded_bytes: Mapped[int] = mapped_column(BigInteger, default=0)
    # Set just before the irreversible call (Instagram's media_publish): a crash after it means
    # "ask the platform", never "call again".
    publish_requested_at: Mapped[datetime | None] = mapped_column(default=None)
    remote_post_id: Mapped[str | None] = mapped_column(String(200), default=None)
    remote_url: Mapped[str | None] = mapped_column(Text, default=None)
    remote_detail: Mapped[str | None] = mapped_column(String(200), default=None)
    error: Mapped[str | None] = mapped_column(Text, default=None)
    error_reason: Mapped[str | None] = mapped_column(Text, default=None)
    created_by_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), default=None
    )
    approved_by_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), default=None
    )
    approved_at: Mapped[datetime | None] = mapped_column(default=None)
    # Distinct approvers needed before it goes ahead (a campaign's "N approvers" policy).
    approvals_required: Mapped[int] = mapped_column(default=1, server_default="1")
    published_at: Mapped[datetime | None] = mapped_column(default=None)
    # Written by the worker while it works on the publication; silence means it died.
    heartbeat_at: Mapped[datetime | None] = mapped_column(default=None)
    # Which run holds the publication; a run that lost it (it was presumed dead) stops writing.
    lease_id: Mapped[str | None] = mapped_column(String(36), default=None)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class PublicationMetric(UUIDPrimaryKey, Base):
    """One reading of a published post's numbers; the series is what scoring learns from."""

    __tablename__ = "publication_metrics"
    __table_args__ = (Index("ix_publication_metrics_series", "publication_id", "captured_at"),)

    publication_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("publications.id", ondelete="CASCADE")
    )
    workspace_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    captured_at: Mapped[datetime] = mapped_column(default=utcnow)
    views: Mapped[int | None] = mapped_column(BigInteger, default=None)
    likes: Mapped[int | None] = mapped_column(BigInteger, default=None)
    comments: Mapped[int | None] = mapped_column(BigInteger, default=None)
    shares: Mapped[int | None] = mapped_column(BigInteger, default=None)
    watch_time_seconds: Mapped[float | None] = mapped_column(default=None)
