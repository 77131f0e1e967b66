"""The optional outbound notice of each alert opening and resolving: a signed JSON POST to
``alert_webhook_url``, as a row in the outbox (``alert_notifications``).

A notice is recorded with the change that causes it and sent by the ``alerts.notify`` task once
that commits; a retryable failure (a timeout, a broken connection, 408, 429, 5xx) is sent again
by the outbox with jittered backoff until ``outbox_max_sends``, then ``dead`` (GET /v1/outbox);
any other refusal is dead at once, since sending the same body again cannot help.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import httpx
import structlog
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from backend.alerts import repository
from backend.config import Settings
from backend.enqueue import enqueue
from backend.models import Alert, AlertNotification
from backend.resend import backoff
from backend.resend.dead import declare_dead, record_retry
from core.clock import utcnow

log = structlog.get_logger(__name__)

KIND = "alert_notifications"
NOTIFY_TASK = "alerts.notify"
TIMEOUT = httpx.Timeout(10.0, connect=5.0)
RETRYABLE_STATUSES = frozenset({408, 429})

Sessions = async_sessionmaker[AsyncSession]


def is_silenced(alert: Alert, now: datetime) -> bool:
    return alert.silenced_until is not None and alert.silenced_until > now


def _dispatch(session: AsyncSession, settings: Settings, row: AlertNotification) -> None:
    now = utcnow()
    row.dispatched_at, row.resend_at = now, backoff.after_send(settings, row.sends, now)
    enqueue(session, NOTIFY_TASK, notification_id=row.id)


async def request(session: AsyncSession, settings: Settings, alert: Alert, event: str) -> None:
    """Send ``event`` about ``alert`` once the caller commits; nothing without a URL or while
    the alert is silenced."""
    if not settings.alert_webhook_url or is_silenced(alert, utcnow()):
        return
    row = AlertNotification(
        id=uuid.uuid4(), alert_id=alert.id, event=event, state="pending", attempts=0, sends=0
    )
    session.add(row)
    _dispatch(session, settings, row)
    await session.flush()


def body_of(alert: Alert, row: AlertNotification) -> bytes:
    payload: dict[str, Any] = {
        "notification_id": str(row.id),
        "alert_id": str(alert.id),
        "event": row.event,
        "rule": alert.rule,
        "key": alert.key,
        "severity": alert.severity,
        "title": alert.title,
        "message": alert.message,
        "scope": "instance" if alert.workspace_id is None else "workspace",
        "workspace_id": None if alert.workspace_id is None else str(alert.workspace_id),
        "first_seen_at": alert.first_seen_at.isoformat(),
        "last_seen_at": alert.last_seen_at.isoformat(),
        "resolved_at": None if alert.resolved_at is None else alert.resolved_at.isoformat(),
        "count": alert.count,
    }
    return json.dumps(payload, separators=(",", ":"), sort_keys=True).encode()


def signature(secret: str, timestamp: str, body: bytes) -> str:
    """``sha256=`` and the hex HMAC-SHA256 of ``<timestamp>.<body>``: the timestamp is signed
    too, so a receiver can refuse an old notice played again."""
    mac = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return "sha256=" + mac.hexdigest()


@dataclass(frozen=True)
class Outcome:
    error: str | None = None
    retryable: bool = False

    @property
    def sent(self) -> bool:
        return self.error is None


async def post(settings: Settings, body: bytes) -> Outcome:
    url = settings.alert_webhook_url or ""
    timestamp = str(int(time.time()))
    headers = {
        "Content-Type": "application/json",
        "User-Agent": "Stakazo-Alerts",
        "X-Stakazo-Timestamp": timestamp,
        "X-Stakazo-Signature": signature(
            settings.alert_webhook_secret.get_secret_value(), timestamp, body
        ),
    }
    try:
        async with httpx.AsyncClient(timeout=TIMEOUT, follow_redirects=False) as client:
            response = await client.post(url, content=body, headers=headers)
    except httpx.HTTPError as error:
        # The URL may carry a token: never in the error kept on the row or in the logs.
        said = str(error).replace(url, "<alert_webhook_url>")
        return Outcome(f"{type(error).__name__}: {said}".rstrip(": "), retryable=True)
    if response.is_success:
        return Outcome()
    status = response.status_code
    retryable = status >= 500 or status in RETRYABLE_STATUSES
    return Outcome(f"the receiver answered HTTP {status}", retryable=retryable)


async def deliver(sessions: Sessions, settings: Settings, notification_id: uuid.UUID) -> str:
    """Send one notice: "sent", "failed" (the outbox sends it again), "dead", "dropped" (no URL
    any more, or the alert is silenced now) or "skipped" (gone, sent or dead already). No
    transaction is held across the call."""
    async with sessions() as session:
        found = await repository.notification_with_alert(session, notification_id, lock=True)
        if found is None or found[0].state in ("sent", "dead"):
            return "skipped"
        row, alert = found
        if not settings.alert_webhook_url or is_silenced(alert, utcnow()):
            await session.delete(row)
            await session.commit()
            log.info("alerts.notification_dropped", notification_id=str(notification_id))
            return "dropped"
        body = body_of(alert, row)
        workspace_id = alert.workspace_id
        await session.commit()
    outcome = await post(settings, body)
    async with sessions() as session:
        found = await repository.notification_with_alert(session, notification_id, lock=True)
        if found is None or found[0].state in ("sent", "dead"):
            return "skipped"
        result = await _record(session, settings, found[0], outcome, workspace_id)
        await session.commit()
    return result


async def _record(
    session: AsyncSession,
    settings: Settings,
    row: AlertNotification,
    outcome: Outcome,
    workspace_id: uuid.UUID | None,
) -> str:
    row.attempts += 1
    described = {
        "notification_id": str(row.id),
        "alert_id": str(row.alert_id),
        "alert_event": row.event,
    }
    if outcome.sent:
        row.state, row.error, row.sent_at, row.resend_at = "sent", None, utcnow(), None
        await session.flush()
        log.info("alerts.notification_sent", attempts=row.attempts, **described)
        return "sent"
    row.error = outcome.error
    if outcome.retryable:
        row.state, row.resend_at = "failed", backoff.after_failure(settings, row.sends)
        await session.flush()
        log.warning("alerts.notification_failed", error=outcome.error, **described)
        return "failed"
    row.state = "dead"
    await declare_dead(
        session, row, kind=KIND, error=outcome.error or "refused", workspace_id=workspace_id
    )
    return "dead"


async def resend_due(session: AsyncSession, settings: Settings, limit: int = 500) -> int:
    """The outbox's kind: notices not sent by their next send time go again, with backoff;
    after ``outbox_max_sends`` sends they are dead."""
    sent = 0
    for row in await repository.notifications_due(session, utcnow(), limit):
        if backoff.exhausted(settings, row.sends):
            alert = await session.get(Alert, row.alert_id)
            row.state = "dead"
            await declare_dead(
                session,
                row,
                kind=KIND,
                error=row.error or "its notify task never ran",
                workspace_id=None if alert is None else alert.workspace_id,
            )
            continue
        row.sends += 1
        _dispatch(session, settings, row)
        sent += 1
    await session.flush()
    return sent


async def retry_dead(
    session: AsyncSession, settings: Settings, row: AlertNotification, actor_id: uuid.UUID
) -> None:
    alert = await session.get(Alert, row.alert_id)
    workspace_id = None if alert is None else alert.workspace_id
    await record_retry(session, row, kind=KIND, workspace_id=workspace_id, actor_id=actor_id)
    row.state, row.error = "pending", None
    _dispatch(session, settings, row)
    await session.flush()
