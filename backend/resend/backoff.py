"""When an outbox row whose work is not done gets its message again."""

from __future__ import annotations

from datetime import datetime, timedelta

from backend import retry
from backend.config import Settings
from backend.models.base import utcnow


def after_send(settings: Settings, sends: int, now: datetime | None = None) -> datetime:
    """A message sent again ``sends`` times: not before any message may still sit in a queue
    (``job_redispatch_after_seconds``), then a full-jitter exponential delay, capped."""
    extra = retry.backoff_seconds(
        max(sends - 1, 0),
        base=settings.outbox_backoff_base_seconds,
        cap=settings.outbox_backoff_cap_seconds,
    )
    return (now or utcnow()) + timedelta(seconds=settings.job_redispatch_after_seconds + extra)


def after_failure(settings: Settings, sends: int, now: datetime | None = None) -> datetime:
    """A message whose work failed (the error is known): the jittered delay alone, at least the
    base, so a failure is retried sooner than a message presumed lost."""
    extra = retry.backoff_seconds(
        sends, base=settings.outbox_backoff_base_seconds, cap=settings.outbox_backoff_cap_seconds
    )
    return (now or utcnow()) + timedelta(seconds=max(extra, settings.outbox_backoff_base_seconds))


def exhausted(settings: Settings, sends: int) -> bool:
    return sends >= settings.outbox_max_sends
