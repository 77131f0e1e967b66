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
    true,
)
from sqlalchemy.orm import Mapped, mapped_column

from backend.models.base import Base, CreatedAt, StateColumn, UUIDPrimaryKey, one_of, utcnow


# The moves between states are decided in backend/clips/variant_transitions.py.
class VariantState(StrEnum):
    """pending → rendering → ready, or failed. Asked for again, a failed variant (or a ready
    one, with force) is pending once more."""

    PENDING = "pending"
    RENDERING = "rendering"
    READY = "ready"
    FAILED = "failed"


class Clip(UUIDPrimaryKey, CreatedAt, Base):
    """A candidate short cut from an asset, with the features and per-platform scores behind it."""

    __tablename__ = "clips"
    __table_args__ = (
        Index("ix_clips_workspace_score", "workspace_id", "score"),
        Index("ix_clips_asset_rank", "asset_id", "rank"),
    )

    workspace_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    asset_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("assets.id", ondelete="CASCADE"))
    start_seconds: Mapped[float]
    end_seconds: Mapped[float]
    rank: Mapped[int]
    score: Mapped[float] = mapped_column(default=0.0)
    scores: Mapped[dict[str, float]] = mapped_column(JSON, default=dict)
    # The scoring features in [0, 1], plus "duration_fit": {platform: fit}.
    features: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    transcript: Mapped[str | None] = mapped_column(Text, default=None)
    # The marketer's caption, pre-filled when the clip is published.
    caption: Mapped[str] = mapped_column(Text, default="", server_default="")
    status: Mapped[str] = mapped_column(String(16), default="candidate")
    weights_version: Mapped[int] = mapped_column(default=1)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    # Editing a clip never changes it: the edit is a new row one version up, whose parent is the
    # row it was edited (split, merged) from, so publications and the ledger keep what they saw.
    version: Mapped[int] = mapped_column(default=1, server_default="1")
    parent_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("clips.id", ondelete="SET NULL"), index=True, default=None
    )
    # False once a newer version exists: lists show only the latest.
    latest: Mapped[bool] = mapped_column(default=True, server_default=true())
    # The clip's own words on the source timeline, once edited ({"text", "start", "end"}); None:
    # the asset timeline's words inside the clip, as cut.
    words: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON, default=None)
    # One of core.caption_presets.PRESET_NAMES; None: the workspace's brand, else the default.
    caption_preset: Mapped[str | None] = mapped_column(String(32), default=None)

    @property
    def duration_seconds(self) -> float:
        return self.end_seconds - self.start_seconds


class Variant(UUIDPrimaryKey, CreatedAt, Base):
    """A clip rendered for one platform (9:16, its codec rules), with cover and preview."""

    __tablename__ = "variants"
    __table_args__ = (
        UniqueConstraint("clip_id", "platform", "captions"),
        CheckConstraint(one_of("state", VariantState), name="state_known"),
    )

    workspace_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("workspaces.id", ondelete="CASCADE"), index=True
    )
    clip_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("clips.id", ondelete="CASCADE"))
    platform: Mapped[str] = mapped_column(String(32))
    captions: Mapped[bool] = mapped_column(default=False)
    state: Mapped[VariantState] = mapped_column(
        StateColumn(VariantState), default=VariantState.PENDING
    )
    storage_key: Mapped[str | None] = mapped_column(String(500), default=None)
    cover_key: Mapped[str | None] = mapped_column(String(500), default=None)
    preview_key: Mapped[str | None] = mapped_column(String(500), default=None)
    width: Mapped[int | None] = mapped_column(default=None)
    height: Mapped[int | None] = mapped_column(default=None)
    duration_seconds: Mapped[float | None] = mapped_column(default=None)
    size_bytes: Mapped[int | None] = mapped_column(BigInteger, default=None)
    checks: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    error: Mapped[str | None] = mapped_column(Text, default=None)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
