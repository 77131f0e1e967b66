"""Sending one notification subscription: read, end the transaction, call the hub, record."""

from __future__ import annotations

import uuid

import structlog

from backend.accounts import notifications
from backend.accounts import repository as accounts
from backend.config import Settings
from backend.platforms.base import PlatformError
from workers.publishing.tokens import Sessions

log = structlog.get_logger(__name__)


async def subscribe_account(sessions: Sessions, settings: Settings, account_id: uuid.UUID) -> str:
    """ "subscribed", "failed" (kept on the row; the outbox sends it again) or "skipped"."""
    async with sessions() as session:
        account = await accounts.get(session, account_id)
        row = await notifications.get(session, account_id)
        await session.commit()
    if account is None or row is None or not notifications.wants_notifications(account):
        log.info("accounts.subscribe_skipped", account_id=str(account_id))
        return "skipped"
    failure: str | None = None
    try:
        await notifications.subscribe_now(settings, account)
    except PlatformError as error:
        failure = f"{error.reason}: {error.user_message}"
    async with sessions() as session:
        row = await notifications.get(session, account_id)
        if row is None:
            return "skipped"
        if failure is None:
            await notifications.record_subscribed(session, settings, row)
        else:
            await notifications.record_failure(session, settings, row, failure)
        await session.commit()
    return "subscribed" if failure is None else "failed"
