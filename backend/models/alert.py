"""Alerts raised by the rules the collector evaluates on each snapshot, and their outbound
notifications (a signed webhook, sent through the outbox)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from backend.models.base import Base, UUIDPrimaryKey, utcnow
from backend.models.outbox import OutboxColumns

ALERT_SEVERITIES = ("critical", "warning", "info")
ALERT_STATES = ("open", "resolved")
NOTIFICATION_STATES = ("pending", "sent", "failed", "dead")


class Alert(UUIDPrimaryKey, Base):
    """One condition while it lasts: ``key`` names it (``worker_missing:media@host``) within its
    scope, and at most one alert per scope and key is open (a partial unique index)."""

    __tablename__ = "alerts"
    __table_args__ = (
        CheckConstraint("severity IN ('critical', 'warning', 'info')", name="severity_known"),
        CheckConstraint("state IN ('open', 'resolved')", name="state_known"),
        Index(
            "uq_alerts_open_condition",
            "scope",
            "key",
            unique=True,
            sqlite_where=text("state = 'open'"),
            postgresql_where=text("state = 'open'"),
        ),
        Index("ix_alerts_workspace_state_last_seen", "workspace_id", "state", "last_seen_at"),
    )

    # "instance" for the system's own conditions (workers, queues, disk), else the workspace id.
    scope: Mapped[str] = mapped_column(String(40))
    workspace_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("workspaces.id", ondelete="CASCADE"), default=None
    )
    rule: Mapped[str] = mapped_column(String(64))
    key: Mapped[str] = mapped_column(String(300))
    severity: Mapped[str] = mapped_column(String(16))
    state: Mapped[str] = mapped_column(String(16), default="open")
    title: Mapped[str] = mapped_column(String(300))
    message: Mapped[str] = mapped_column(Text)
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    first_seen_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(default=utcnow)
    count: Mapped[int] = mapped_column(default=1)
    resolved_at: Mapped[datetime | None] = mapped_column(default=None)
    acknowledged_at: Mapped[datetime | None] = mapped_column(default=None)
    acknowledged_by_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), default=None
    )
    silenced_until: Mapped[datetime | None] = mapped_column(default=None)


class AlertNotification(OutboxColumns, UUIDPrimaryKey, Base):
    """One outbound notice of an alert opening or resolving, to the configured URL."""

    __tablename__ = "alert_notifications"
    __table_args__ = (
        CheckConstraint("state IN ('pending', 'sent', 'failed', 'dead')", name="state_known"),
    )

    alert_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("alerts.id", ondelete="CASCADE"), index=True
    )
    event: Mapped[str] = mapped_column(String(32))  # "alert.opened", "alert.resolved"
    state: Mapped[str] = mapped_column(String(16), default="pending")
    attempts: Mapped[int] = mapped_column(default=0)
    error: Mapped[str | None] = mapped_column(Text, default=None)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(default=None)
    dispatched_at: Mapped[datetime | None] = mapped_column(default=utcnow)
