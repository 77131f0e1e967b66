"""What the telemetry collector keeps: one snapshot per workspace (and one for the instance) per
collection, and each worker process's heartbeat (docs/operations.md)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from backend.models.base import Base, UUIDPrimaryKey, utcnow


class TelemetrySnapshot(UUIDPrimaryKey, Base):
    """``workspace_id`` is None for the instance's snapshot (queues, workers, disk, every
    workspace's totals). ``data`` is a ``backend.telemetry.schemas.Snapshot``; ``metrics`` the
    flat numbers charts draw (``queue.media.depth``, ``jobs.failure_rate.5m``...)."""

    __tablename__ = "telemetry_snapshots"
    __table_args__ = (Index("ix_telemetry_snapshots_scope_taken_at", "workspace_id", "taken_at"),)

    workspace_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("workspaces.id", ondelete="CASCADE"), default=None
    )
    taken_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    metrics: Mapped[dict[str, float]] = mapped_column(JSON, default=dict)


class WorkerHeartbeat(Base):
    """One row per Celery worker node (``media@host``), written every few seconds by the node
    itself. A node that stops beating without saying it stops is missing."""

    __tablename__ = "worker_heartbeats"

    name: Mapped[str] = mapped_column(String(200), primary_key=True)
    hostname: Mapped[str] = mapped_column(String(200))
    pid: Mapped[int]
    queues: Mapped[list[str]] = mapped_column(JSON, default=list)
    concurrency: Mapped[int] = mapped_column(default=1)
    # What it runs now: [{"task": "media.process", "task_id", "job_id", "started_at"}, ...]
    active: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    processed: Mapped[int] = mapped_column(default=0)
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    seen_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Set by a clean shutdown: a node that said goodbye is stopped, not missing.
    stopped_at: Mapped[datetime | None] = mapped_column(default=None)
