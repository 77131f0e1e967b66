"""Notification subscriptions are durable: connecting YouTube records one, the task subscribes
outside any transaction and schedules the renewal, a refusal is kept and retried later."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

from sqlalchemy import select

from backend.models import NotificationSubscription
from backend.models.base import utcnow
from tests.broker import drain
from tests.servers import serving
from workers.publishing.notifications import subscribe_account


async def _refuse(scope: dict[str, Any], receive: Any, send: Any) -> None:
    if scope["type"] != "http":
        return
    await send({"type": "http.response.start", "status": 503, "headers": []})
    await send({"type": "http.response.body", "body": b"busy"})


async def _subscription(world, account_id: uuid.UUID) -> NotificationSubscription:
    row = await world.session.scalar(
        select(NotificationSubscription)
        .where(NotificationSubscription.account_id == account_id)
        .execution_options(populate_existing=True)
    )
    assert row is not None
    return row


async def test_connecting_youtube_subscribes_and_schedules_the_renewal(world):
    drain()
    account = await world.connect("youtube", "notified")
    account_id = uuid.UUID(account["id"])
    sent = [h for h in drain() if h.get("task") == "accounts.subscribe_notifications"]
    assert [h["kwargsrepr"] for h in sent] == [repr({"account_id": account["id"]})]
    assert (await _subscription(world, account_id)).state == "pending"

    settings = world.sandbox.settings
    with serving(_refuse) as url:  # type: ignore[arg-type]
        refusing = settings.model_copy(update={"sandbox_url": url})
        assert await subscribe_account(world.sessions, refusing, account_id) == "failed"
    row = await _subscription(world, account_id)
    assert row.state == "pending"
    assert row.error is not None
    assert row.resend_at is not None
    assert row.resend_at > utcnow()

    assert await subscribe_account(world.sessions, settings, account_id) == "subscribed"
    row = await _subscription(world, account_id)
    assert (row.state, row.error, row.sends) == ("active", None, 0)
    renew = utcnow() + timedelta(seconds=settings.notification_renew_seconds)
    assert row.resend_at is not None
    assert abs((row.resend_at - renew).total_seconds()) < 60
