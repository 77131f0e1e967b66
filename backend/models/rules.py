from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from backend.models.base import Base, CreatedAt, UUIDPrimaryKey

RULE_STATUSES = ("proposed", "approved", "rejected")


class PlatformRule(UUIDPrimaryKey, CreatedAt, Base):
    """What a platform accepts (size, codecs, duration, caption limits, quotas, posting windows),
    versioned: an editor proposes a version, an admin approves or rejects it. The newest approved
    version of each platform is the one renders, pre-flight checks and publishing follow."""

    __tablename__ = "platform_rules"
    __table_args__ = (
        UniqueConstraint("platform", "version"),
        CheckConstraint("status IN ('proposed', 'approved', 'rejected')", name="status_known"),
    )

    platform: Mapped[str] = mapped_column(String(32))
    version: Mapped[int]
    rules: Mapped[dict[str, Any]] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(16), default="proposed", server_default="approved")
    # Why the change is proposed, in the proposer's words.
    note: Mapped[str] = mapped_column(Text, default="", server_default="")
    proposed_by_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), default=None
    )
    approved_at: Mapped[datetime | None] = mapped_column(default=None)
    approved_by_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), default=None
    )
    # A rejection: who, when and why (approval uses approved_at/approved_by_id).
    rejected_at: Mapped[datetime | None] = mapped_column(default=None)
    rejected_by_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), default=None
    )
    decision_note: Mapped[str | None] = mapped_column(Text, default=None)


class ScoringWeights(UUIDPrimaryKey, CreatedAt, Base):
    """Per-platform weights over clip features; a later version is trained from results."""

    __tablename__ = "scoring_weights"

    version: Mapped[int] = mapped_column(unique=True)
    weights: Mapped[dict[str, dict[str, float]]] = mapped_column(JSON)
    notes: Mapped[str] = mapped_column(String(500), default="")
    activated_at: Mapped[datetime | None] = mapped_column(default=None)
