from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from backend.models import WebhookDelivery


async def add_once(session: AsyncSession, delivery: WebhookDelivery) -> bool:
    """Insert the delivery unless one with its (platform, event_key) exists; False if it does.

    The insert runs in a savepoint: when a concurrent request inserted the same key first, the
    unique constraint refuses ours (PostgreSQL waits for the other transaction to decide), only
    the savepoint rolls back, and the caller's transaction carries on.
    """
    try:
        async with session.begin_nested():
            session.add(delivery)
    except IntegrityError:
        return False
    return True


async def get_for_update(session: AsyncSession, delivery_id: uuid.UUID) -> WebhookDelivery | None:
    """The row, locked until the transaction ends, so two workers never apply it both."""
    result = await session.scalars(
        select(WebhookDelivery)
        .where(WebhookDelivery.id == delivery_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    return result.first()


async def due_for_resend(
    session: AsyncSession, now: datetime, legacy_before: datetime, limit: int = 500
) -> Sequence[WebhookDelivery]:
    """Deliveries not applied (waiting, or failed) whose next send time has come; rows from
    before the outbox have none, and go by when their task was last sent."""
    result = await session.scalars(
        select(WebhookDelivery)
        .where(
            WebhookDelivery.state.in_(("received", "failed")),
            or_(
                WebhookDelivery.resend_at <= now,
                WebhookDelivery.resend_at.is_(None)
                & or_(
                    WebhookDelivery.dispatched_at.is_(None),
                    WebhookDelivery.dispatched_at < legacy_before,
                ),
            ),
        )
        .order_by(WebhookDelivery.received_at)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    return result.all()
