from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from backend.models.base import Base, CreatedAt, UUIDPrimaryKey


class PlatformRule(UUIDPrimaryKey, CreatedAt, Base):
    """What a platform accepts (size, codecs, duration, bitrate), versioned; the newest approved
    version of each platform is the one renders and pre-upload checks follow."""

    __tablename__ = "platform_rules"
    __table_args__ = (UniqueConstraint("platform", "version"),)

    platform: Mapped[str] = mapped_column(String(32))
    version: Mapped[int]
    rules: Mapped[dict[str, Any]] = mapped_column(JSON)
    approved_at: Mapped[datetime | None] = mapped_column(default=None)
    approved_by_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), default=None
    )


class ScoringWeights(UUIDPrimaryKey, CreatedAt, Base):
    """Per-platform weights over clip features; a later version is trained from results."""

    __tablename__ = "scoring_weights"

    version: Mapped[int] = mapped_column(unique=True)
    weights: Mapped[dict[str, dict[str, float]]] = mapped_column(JSON)
    notes: Mapped[str] = mapped_column(String(500), default="")
    activated_at: Mapped[datetime | None] = mapped_column(default=None)
