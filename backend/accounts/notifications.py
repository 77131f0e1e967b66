"""Notification subscriptions (YouTube's WebSub feed of a channel's uploads) as durable rows in
the outbox: a lost message or a refused subscribe is sent again with backoff, a subscription is
renewed before it lapses, and one that keeps failing is ``dead``, visible at GET /v1/outbox."""

from __future__ import annotations

import uuid
from datetime import timedelta

import structlog
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from backend.config import Settings
from backend.enqueue import enqueue
from backend.models import NotificationSubscription, PlatformAccount
from backend.models.base import utcnow
from backend.platforms import registry
from backend.resend import backoff
from backend.resend.dead import declare_dead, record_retry

log = structlog.get_logger(__name__)

SUBSCRIBE_TASK = "accounts.subscribe_notifications"
KIND = "notification_subscriptions"


def wants_notifications(account: PlatformAccount) -> bool:
    subscribes = registry.plugin(account.platform).subscribe_notifications is not None
    return subscribes and account.status == "connected"


async def get(session: AsyncSession, account_id: uuid.UUID) -> NotificationSubscription | None:
    result = await session.scalars(
        select(NotificationSubscription).where(NotificationSubscription.account_id == account_id)
    )
    return result.first()


def _send(session: AsyncSession, settings: Settings, row: NotificationSubscription) -> None:
    now = utcnow()
    row.dispatched_at, row.resend_at = now, backoff.after_send(settings, row.sends, now)
    enqueue(session, SUBSCRIBE_TASK, account_id=row.account_id)


async def request(session: AsyncSession, settings: Settings, account: PlatformAccount) -> None:
    """Subscribe a (re)connected account, once the caller's transaction commits (the hub checks
    back with our webhook endpoint, which must find the account)."""
    row = await get(session, account.id)
    if row is None:
        row = NotificationSubscription(
            id=uuid.uuid4(), account_id=account.id, workspace_id=account.workspace_id
        )
        session.add(row)
    row.state, row.sends, row.error, row.dead_at = "pending", 0, None, None
    row.confirmed_at = None  # a new subscription: live once the hub checks back again
    _send(session, settings, row)
    await session.flush()


async def by_account(
    session: AsyncSession, account_ids: list[uuid.UUID]
) -> dict[uuid.UUID, NotificationSubscription]:
    if not account_ids:
        return {}
    rows = await session.scalars(
        select(NotificationSubscription).where(NotificationSubscription.account_id.in_(account_ids))
    )
    return {row.account_id: row for row in rows}


async def shown_for(
    session: AsyncSession, accounts: list[PlatformAccount]
) -> dict[uuid.UUID, NotificationSubscription]:
    """The subscriptions worth showing on their accounts: a disconnected or broken account's
    row is only waiting to be dropped."""
    connected = [account.id for account in accounts if account.status == "connected"]
    return await by_account(session, connected)


async def record_confirmed(session: AsyncSession, account_ids: list[uuid.UUID]) -> None:
    """The hub checked back that we want these accounts' notices: they come from now on."""
    for row in (await by_account(session, account_ids)).values():
        row.confirmed_at = utcnow()
    await session.flush()


async def subscribe_now(settings: Settings, account: PlatformAccount) -> None:
    """The hub call alone, outside any transaction."""
    subscribe = registry.plugin(account.platform).subscribe_notifications
    if subscribe is None:
        return
    callback = f"{settings.public_base_url.rstrip('/')}/webhooks/{account.platform}"
    await subscribe(settings, account.remote_id, callback)


async def record_subscribed(
    session: AsyncSession, settings: Settings, row: NotificationSubscription
) -> None:
    now = utcnow()
    row.state, row.sends, row.error, row.subscribed_at = "active", 0, None, now
    row.dead_at = None
    row.resend_at = now + timedelta(seconds=settings.notification_renew_seconds)
    await session.flush()
    log.info("accounts.notifications_subscribed", account_id=str(row.account_id))


async def record_failure(
    session: AsyncSession, settings: Settings, row: NotificationSubscription, error: str
) -> None:
    row.error, row.resend_at = error, backoff.after_failure(settings, row.sends)
    await session.flush()
    log.warning("accounts.notifications_failed", account_id=str(row.account_id), error=error)


async def resend_due(session: AsyncSession, settings: Settings, limit: int = 500) -> int:
    """Subscriptions whose message was lost, whose subscribe failed, or that are due for
    renewal; an account no longer connected drops its row."""
    now = utcnow()
    result = await session.execute(
        select(NotificationSubscription, PlatformAccount)
        .join(PlatformAccount, PlatformAccount.id == NotificationSubscription.account_id)
        .where(
            NotificationSubscription.state.in_(("pending", "active")),
            NotificationSubscription.resend_at <= now,
        )
        .order_by(NotificationSubscription.resend_at)
        .limit(limit)
        .with_for_update(skip_locked=True, of=NotificationSubscription)
    )
    sent = 0
    for row, account in result.all():
        if not wants_notifications(account):
            await session.delete(row)
        elif backoff.exhausted(settings, row.sends):
            row.state = "dead"
            await declare_dead(
                session,
                row,
                kind=KIND,
                error=row.error or "its subscribe task never ran",
                workspace_id=row.workspace_id,
            )
        else:
            row.sends += 1
            _send(session, settings, row)
            sent += 1
    await session.flush()
    return sent


async def retry_dead(
    session: AsyncSession, settings: Settings, row: NotificationSubscription, actor_id: uuid.UUID
) -> None:
    await record_retry(session, row, kind=KIND, workspace_id=row.workspace_id, actor_id=actor_id)
    row.state = "pending"
    _send(session, settings, row)
