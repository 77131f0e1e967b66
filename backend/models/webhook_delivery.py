from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from backend.models.base import Base, UUIDPrimaryKey, utcnow


class WebhookDelivery(UUIDPrimaryKey, Base):
    """A verified webhook event. Platforms deliver at least once; the unique key applies it once."""

    __tablename__ = "webhook_deliveries"
    __table_args__ = (UniqueConstraint("platform", "event_key"),)

    platform: Mapped[str] = mapped_column(String(32))
    event_key: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(64))
    received_at: Mapped[datetime] = mapped_column(default=utcnow)
    # The normalized event (never the raw body: that may carry more than we need to keep).
    event: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    state: Mapped[str] = mapped_column(String(16), default="received")
    error: Mapped[str | None] = mapped_column(Text, default=None)
    applied_at: Mapped[datetime | None] = mapped_column(default=None)
    # When its apply task was last sent: a delivery still "received" long after that lost its
    # message (a worker killed mid-apply, a broker that was down) and is sent again.
    dispatched_at: Mapped[datetime | None] = mapped_column(default=utcnow)
