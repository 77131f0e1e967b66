"""Receiving webhooks: verify the raw bytes, normalize, record each event once, apply it later.

The request only proves the call came from the platform and stores what it said; applying it
(which may touch publications and accounts across workspaces) runs in the ``webhooks.apply``
task, so the platform gets its 200 quickly and a slow or failing application never makes it
deliver again.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import timedelta

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from backend import ledger
from backend.accounts import repository as accounts
from backend.config import Settings
from backend.enqueue import enqueue
from backend.errors import PermanentError
from backend.models import WebhookDelivery
from backend.models.base import utcnow
from backend.platforms import registry
from backend.platforms.base import Platform, SignatureInvalid, SignatureStale, WebhookEvent
from backend.publishing.remote_events import apply_remote_event
from backend.webhooks import repository
from backend.webhooks.errors import (
    MalformedWebhook,
    VerificationInvalid,
    WebhookMalformed,
    WebhookSignatureInvalid,
    WebhookSignatureStale,
)
from backend.webhooks.schemas import WebhookReceipt, event_from_json, event_to_json

log = structlog.get_logger(__name__)

APPLY_TASK = "webhooks.apply"


class DeliveryMissing(PermanentError):
    """The apply task was handed the id of a delivery that does not exist."""


async def receive(
    session: AsyncSession,
    settings: Settings,
    platform: Platform,
    headers: Mapping[str, str],
    body: bytes,
    now: float,
) -> WebhookReceipt:
    """Check the signature on the raw bytes, then parse; record and queue each new event."""
    receiver = registry.plugin(platform).receiver
    try:
        receiver.verify(headers, body, settings, now)
    except SignatureStale as error:
        log.warning("webhooks.signature_stale", platform=platform, error=str(error))
        raise WebhookSignatureStale(str(error)) from None
    except SignatureInvalid as error:
        log.warning("webhooks.signature_invalid", platform=platform, error=str(error))
        raise WebhookSignatureInvalid(str(error)) from None
    try:
        events = receiver.parse(body, settings)
    except MalformedWebhook as error:
        log.warning("webhooks.malformed", platform=platform, error=str(error))
        raise WebhookMalformed(str(error)) from None
    received = duplicates = 0
    for event in events:
        if await _record(session, event):
            received += 1
        else:
            duplicates += 1
    log.info("webhooks.received", platform=platform, received=received, duplicates=duplicates)
    return WebhookReceipt(received=received, duplicates=duplicates)


async def _record(session: AsyncSession, event: WebhookEvent) -> bool:
    delivery = WebhookDelivery(
        id=uuid.uuid4(),
        platform=event.platform,
        event_key=event.key,
        kind=event.kind,
        event=event_to_json(event),
    )
    if not await repository.add_once(session, delivery):
        log.info("webhooks.duplicate", platform=event.platform, kind=event.kind, key=event.key)
        return False
    await ledger.record(
        session,
        "webhook.received",
        payload={
            "platform": event.platform,
            "kind": event.kind,
            "event_key": event.key,
            "delivery_id": str(delivery.id),
        },
    )
    enqueue(session, APPLY_TASK, task_id=delivery.id, delivery_id=delivery.id)
    return True


async def redispatch_unapplied(session: AsyncSession, settings: Settings) -> int:
    """Send again the apply task of deliveries left unapplied: its message was lost (a worker
    killed mid-apply rolls the apply back; a broker down at receipt drops the send)."""
    now = utcnow()
    before = now - timedelta(seconds=settings.job_redispatch_after_seconds)
    deliveries = await repository.unapplied_sent_before(session, before)
    for delivery in deliveries:
        delivery.dispatched_at = now
        enqueue(session, APPLY_TASK, delivery_id=delivery.id)
        log.warning("webhooks.redispatched", delivery_id=str(delivery.id), kind=delivery.kind)
    await session.flush()
    return len(deliveries)


async def apply_delivery(session: AsyncSession, delivery_id: uuid.UUID) -> str:
    """Apply a recorded event once: "applied", "skipped" (it already was) or "failed" (the
    error is kept on the delivery; running the task again retries it)."""
    delivery = await repository.get_for_update(session, delivery_id)
    if delivery is None:
        raise DeliveryMissing(f"webhook delivery {delivery_id} does not exist")
    if delivery.state == "applied":
        log.info("webhooks.already_applied", delivery_id=str(delivery_id))
        return "skipped"
    event = event_from_json(delivery.event)
    described = {
        "platform": delivery.platform,
        "kind": delivery.kind,
        "event_key": delivery.event_key,
        "delivery_id": str(delivery.id),
    }
    try:
        async with session.begin_nested():
            changed = await apply_remote_event(session, event)
    except Exception as error:  # kept on the row and in the ledger; the savepoint undid the rest
        message = f"{type(error).__name__}: {error}"
        log.exception("webhooks.apply_failed", **described)
        delivery.state, delivery.error = "failed", message
        await session.flush()
        await ledger.record(session, "webhook.failed", payload={**described, "error": message})
        return "failed"
    delivery.state, delivery.error, delivery.applied_at = "applied", None, utcnow()
    await session.flush()
    await ledger.record(session, "webhook.applied", payload={**described, "changed": changed})
    return "applied"


async def confirm_subscription(
    session: AsyncSession, settings: Settings, platform: Platform, query: Mapping[str, str]
) -> str:
    """The platform's check of our webhook subscription: the challenge to echo, or why not."""
    confirm = registry.plugin(platform).receiver.confirm
    if confirm is None:  # the route is only mounted for platforms that have the check
        raise VerificationInvalid(f"{platform} sends no subscription checks.")

    async def account_known(remote_id: str) -> bool:
        return bool(await accounts.find_by_remote(session, platform, remote_id))

    return await confirm(query, settings, account_known)
