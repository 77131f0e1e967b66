"""Every run of the AI health worker: what it looked at, what it found, what the model said."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from backend.models.base import Base, UUIDPrimaryKey, utcnow
from backend.models.outbox import OutboxColumns

AI_RUN_STATES = ("queued", "running", "succeeded", "failed")


class AIHealthRun(OutboxColumns, UUIDPrimaryKey, Base):
    """``outcome`` says whose answer stands: ``model`` (an LLM's, validated), ``deterministic``
    (no key, or both providers down, or the cost cap reached: ``fallback_reason`` says which)."""

    __tablename__ = "ai_health_runs"
    __table_args__ = (
        CheckConstraint(
            "state IN ('queued', 'running', 'succeeded', 'failed')", name="state_known"
        ),
        Index("ix_ai_health_runs_workspace_created_at", "workspace_id", "created_at"),
    )

    workspace_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    requested_by_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), default=None
    )
    trigger: Mapped[str] = mapped_column(String(16))  # "schedule" or "manual"
    state: Mapped[str] = mapped_column(String(16), default="queued")
    outcome: Mapped[str | None] = mapped_column(String(16), default=None)
    fallback_reason: Mapped[str | None] = mapped_column(Text, default=None)
    inputs_digest: Mapped[str | None] = mapped_column(String(64), default=None)
    provider: Mapped[str | None] = mapped_column(String(32), default=None)
    model: Mapped[str | None] = mapped_column(String(100), default=None)
    score: Mapped[int | None] = mapped_column(default=None)
    critical: Mapped[bool] = mapped_column(default=False)
    findings: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    answer: Mapped[dict[str, Any] | None] = mapped_column(JSON, default=None)
    dropped_claims: Mapped[int] = mapped_column(default=0)
    tool_calls: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    tokens_in: Mapped[int] = mapped_column(default=0)
    tokens_out: Mapped[int] = mapped_column(default=0)
    cost_usd: Mapped[float] = mapped_column(default=0.0)
    duration_ms: Mapped[int | None] = mapped_column(default=None)
    error: Mapped[str | None] = mapped_column(Text, default=None)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(default=None)
    finished_at: Mapped[datetime | None] = mapped_column(default=None)
    dispatched_at: Mapped[datetime | None] = mapped_column(default=utcnow)
