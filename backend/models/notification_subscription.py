from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from backend.models.base import Base, CreatedAt, UUIDPrimaryKey
from backend.models.outbox import OutboxColumns

SUBSCRIPTION_STATES = ("pending", "active", "dead")


class NotificationSubscription(OutboxColumns, UUIDPrimaryKey, CreatedAt, Base):
    """A connected account's subscription to the platform's notifications (YouTube's WebSub
    feed): durable, so a lost message or a refused subscribe is sent again, and renewed."""

    __tablename__ = "notification_subscriptions"
    __table_args__ = (
        CheckConstraint("state IN ('pending', 'active', 'dead')", name="state_known"),
    )

    account_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("platform_accounts.id", ondelete="CASCADE"), unique=True
    )
    workspace_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("workspaces.id", ondelete="CASCADE"), index=True
    )
    state: Mapped[str] = mapped_column(String(16), default="pending")
    error: Mapped[str | None] = mapped_column(Text, default=None)
    dispatched_at: Mapped[datetime | None] = mapped_column(default=None)
    subscribed_at: Mapped[datetime | None] = mapped_column(default=None)
    # The hub's check that we meant it: the subscription is live from then, not from its 202.
    confirmed_at: Mapped[datetime | None] = mapped_column(default=None)
