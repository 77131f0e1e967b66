"""Clip scoring models learnt per workspace and platform from the workspace's own results."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from backend.models.base import Base, CreatedAt, UUIDPrimaryKey

SCORING_MODEL_STATES = ("candidate", "active", "rejected", "retired")
SCORING_MODEL_KINDS = ("prior", "linear", "lambdarank")


class ScoringModel(UUIDPrimaryKey, CreatedAt, Base):
    """One training run's result: its parameters and held-out metrics. At most one ``active``
    per workspace and platform; without one, the default weights (``scoring_weights``) score.

    ``candidate`` lost to the active model on the held-out period (kept with its metrics),
    ``rejected`` was turned down by an admin, ``retired`` was active once (an admin may roll back
    to it)."""

    __tablename__ = "scoring_models"
    __table_args__ = (
        UniqueConstraint("workspace_id", "platform", "version"),
        CheckConstraint(
            "state IN ('candidate', 'active', 'rejected', 'retired')", name="state_known"
        ),
        CheckConstraint("kind IN ('prior', 'linear', 'lambdarank')", name="kind_known"),
        Index("ix_scoring_models_workspace_platform_state", "workspace_id", "platform", "state"),
    )

    workspace_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    platform: Mapped[str] = mapped_column(String(32))
    version: Mapped[int]
    kind: Mapped[str] = mapped_column(String(16))
    state: Mapped[str] = mapped_column(String(16), default="candidate")
    # Feature weights, centring and scale: enough to score and explain a clip without the trainer.
    params: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # Held-out NDCG@5 of this model and of the one active when it was trained, sizes, periods.
    metrics: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    training_rows: Mapped[int] = mapped_column(default=0)
    trained_by_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), default=None
    )
    activated_at: Mapped[datetime | None] = mapped_column(default=None)
    activated_by_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), default=None
    )
    note: Mapped[str] = mapped_column(Text, default="")
