"""Sending an alert's notice to the configured webhook."""

from __future__ import annotations

import uuid

from backend.alerts import notify
from backend.config import Settings
from workers.tasks.base import batch_task


@batch_task(notify.NOTIFY_TASK)
async def send_notice(sessions: notify.Sessions, settings: Settings, notification_id: str) -> str:
    """No Celery retries: a failure is kept on the notice, and the outbox sends it again with
    backoff until it is dead."""
    return await notify.deliver(sessions, settings, uuid.UUID(notification_id))
