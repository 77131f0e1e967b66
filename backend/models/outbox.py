"""What every outbox row carries (jobs, publications, webhook deliveries, notification
subscriptions): how often its message was sent without the work getting done, when to send it
again, and when it was given up."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Mapped, mapped_column


class OutboxColumns:
    sends: Mapped[int] = mapped_column(default=0, server_default="0")
    resend_at: Mapped[datetime | None] = mapped_column(default=None)
    dead_at: Mapped[datetime | None] = mapped_column(default=None)
