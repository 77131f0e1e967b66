from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    CheckConstraint,
    ForeignKey,
    Index,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from backend.models.base import Base, CreatedAt, StateColumn, UUIDPrimaryKey, one_of, utcnow


# The moves between states are decided in backend/assets/transitions.py.
class AssetState(StrEnum):
    """uploaded → probing → analyzing → ready. Probing may end in rejected (the file is not a
    usable video) and any step in failed; analysing again starts over from probing."""

    UPLOADED = "uploaded"
    PROBING = "probing"
    ANALYZING = "analyzing"
    READY = "ready"
    REJECTED = "rejected"
    FAILED = "failed"


class Asset(UUIDPrimaryKey, CreatedAt, Base):
    """A source video a marketer uploaded; identified by its content within a workspace."""

    __tablename__ = "assets"
    __table_args__ = (
        UniqueConstraint("workspace_id", "sha256"),
        Index("ix_assets_workspace_created", "workspace_id", "created_at"),
        CheckConstraint(one_of("state", AssetState), name="state_known"),
    )

    workspace_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    uploaded_by_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), default=None
    )
    display_name: Mapped[str] = mapped_column(String(500))
    storage_key: Mapped[str] = mapped_column(String(500))
    size_bytes: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str] = mapped_column(String(64))
    state: Mapped[AssetState] = mapped_column(StateColumn(AssetState), default=AssetState.UPLOADED)
    rejection_reason: Mapped[str | None] = mapped_column(Text, default=None)
    media_info: Mapped[dict[str, Any] | None] = mapped_column(JSON, default=None)
    duration_seconds: Mapped[float | None] = mapped_column(default=None)
    transcript_status: Mapped[str] = mapped_column(String(16), default="pending")
    transcript_reason: Mapped[str | None] = mapped_column(Text, default=None)
    # The marketer's labels; a campaign may take its sources by tag.
    tags: Mapped[list[str]] = mapped_column(JSON, default=list, server_default="[]")
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class AssetTimeline(UUIDPrimaryKey, CreatedAt, Base):
    """What analysis found over time: shots, loudness, silences, motion, faces, words."""

    __tablename__ = "asset_timelines"

    asset_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("assets.id", ondelete="CASCADE"), unique=True
    )
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
