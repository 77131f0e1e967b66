from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, CheckConstraint, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from backend.models.base import Base, UUIDPrimaryKey, utcnow
from backend.models.outbox import OutboxColumns

DELIVERY_STATES = ("received", "applied", "failed", "dead")


class WebhookDelivery(OutboxColumns, UUIDPrimaryKey, Base):
    """A verified webhook event. Platforms deliver at least once; the unique key applies it once."""

    __tablename__ = "webhook_deliveries"
    __table_args__ = (
        UniqueConstraint("platform", "event_key"),
        CheckConstraint("state IN ('received', 'applied', 'failed', 'dead')", name="state_known"),
    )

    platform: Mapped[str] = mapped_column(String(32))
    event_key: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(64))
    # Whose account the event is about: what lets a workspace see its own deliveries (the outbox).
    remote_account_id: Mapped[str | None] = mapped_column(String(200), default=None)
    received_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    # The normalized event (never the raw body: that may carry more than we need to keep).
    event: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    state: Mapped[str] = mapped_column(String(16), default="received")
    error: Mapped[str | None] = mapped_column(Text, default=None)
    applied_at: Mapped[datetime | None] = mapped_column(default=None)
    # When its apply task was last sent: a delivery still "received" long after that lost its
    # message (a worker killed mid-apply, a broker that was down) and is sent again.
    dispatched_at: Mapped[datetime | None] = mapped_column(default=utcnow)
