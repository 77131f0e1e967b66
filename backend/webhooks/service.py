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
from backend.accounts import notifications
from backend.accounts import repository as accounts
from backend.accounts.status import announce
from backend.config import Settings
from backend.enqueue import enqueue
from backend.models import WebhookDelivery
from backend.platforms import registry
from backend.platforms.base import Platform, SignatureInvalid, SignatureStale, WebhookEvent
from backend.publishing.remote_events import apply_remote_event
from backend.resend import backoff
from backend.resend.dead import declare_dead, record_retry
from backend.webhooks import repository
from backend.webhooks.errors import (
    MalformedWebhook,
    VerificationInvalid,
    WebhookMalformed,
    WebhookSignatureInvalid,
    WebhookSignatureStale,
)
from backend.webhooks.schemas import WebhookReceipt, event_from_json, event_to_json
from core.clock import utcnow
from core.errors import PermanentError

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
        if await _record(session, settings, event):
            received += 1
        else:
            duplicates += 1
    log.info("webhooks.received", platform=platform, received=received, duplicates=duplicates)
    return WebhookReceipt(received=received, duplicates=duplicates)


async def _record(session: AsyncSession, settings: Settings, event: WebhookEvent) -> bool:
    delivery = WebhookDelivery(
        id=uuid.uuid4(),
        platform=event.platform,
        event_key=event.key,
        kind=event.kind,
        remote_account_id=event.remote_account_id,
        event=event_to_json(event),
        resend_at=backoff.after_send(settings, 0),
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


async def resend_due(session: AsyncSession, settings: Settings) -> int:
    """The outbox's webhook kind: send the apply task again for deliveries not applied by their
    next send time (the message was lost: a worker killed mid-apply rolls the apply back, a
    broker down at receipt drops the send; or applying failed), with backoff; after
    ``outbox_max_sends`` sends the delivery is ``dead``."""
    now = utcnow()
    legacy_before = now - timedelta(seconds=settings.job_redispatch_after_seconds)
    sent = 0
    for delivery in await repository.due_for_resend(session, now, legacy_before):
        if backoff.exhausted(settings, delivery.sends):
            delivery.state = "dead"
            await declare_dead(
                session,
                delivery,
                kind="webhook_deliveries",
                error=delivery.error or "its apply task never ran",
                workspace_id=None,
            )
            continue
        delivery.sends += 1
        delivery.dispatched_at, delivery.resend_at = (
            now,
            backoff.after_send(settings, delivery.sends),
        )
        enqueue(session, APPLY_TASK, delivery_id=delivery.id)
        log.warning("webhooks.redispatched", delivery_id=str(delivery.id), kind=delivery.kind)
        sent += 1
    await session.flush()
    return sent


async def retry_dead(
    session: AsyncSession, settings: Settings, delivery: WebhookDelivery, actor_id: uuid.UUID
) -> None:
    await record_retry(
        session, delivery, kind="webhook_deliveries", workspace_id=None, actor_id=actor_id
    )
    delivery.state = "received"
    delivery.dispatched_at, delivery.resend_at = utcnow(), backoff.after_send(settings, 0)
    enqueue(session, APPLY_TASK, delivery_id=delivery.id)


async def apply_delivery(session: AsyncSession, settings: Settings, delivery_id: uuid.UUID) -> str:
    """Apply a recorded event once: "applied", "skipped" (it already was) or "failed" (the
    error is kept on the delivery, and the outbox sends it again after a backoff)."""
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
        if delivery.state != "dead":
            delivery.state = "failed"
        delivery.error = message
        delivery.resend_at = backoff.after_failure(settings, delivery.sends)
        await session.flush()
        await ledger.record(session, "webhook.failed", payload={**described, "error": message})
        return "failed"
    delivery.state, delivery.error, delivery.applied_at = "applied", None, utcnow()
    delivery.resend_at = delivery.dead_at = None  # a late copy of a dead one may still succeed
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
        # Asked only when the hub checks a subscribe: answering yes makes it live.
        found = await accounts.find_by_remote(session, platform, remote_id)
        await notifications.record_confirmed(session, [account.id for account in found])
        for account in found:  # the accounts page shows the notices as live at once
            if account.status == "connected":
                announce(session, account, "account.notifications_live")
        return bool(found)

    return await confirm(query, settings, account_known)
