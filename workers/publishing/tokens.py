"""Refreshing one account's tokens with no transaction open during the platform call.

Read the account, end that transaction, ask the platform, then record the answer in a short
transaction of its own: a batch of refreshes never holds the ledger's lock (taken by the first
event a transaction records, kept until it commits) across a network call.

On PostgreSQL the refresh also holds the account's row lock (``FOR UPDATE``, and nothing else)
while the platform answers: TikTok retires a refresh token once used, so a publication run
refreshing the same account at the same moment must wait and then find the new tokens. On
SQLite a transaction holds the whole database's write lock, so there the call stays outside any
transaction and the answer is only stored if no one refreshed meanwhile.
"""

from __future__ import annotations

import uuid
from datetime import timedelta

import structlog
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from backend.accounts import repository
from backend.accounts import service as accounts
from backend.accounts.status import mark_needs_reauth
from backend.config import Settings
from backend.models import PlatformAccount
from backend.platforms.base import AuthError, PlatformError, TokenGrant
from core.clock import utcnow

log = structlog.get_logger(__name__)

Sessions = async_sessionmaker[AsyncSession]


async def load_account(sessions: Sessions, account_id: uuid.UUID) -> PlatformAccount | None:
    """The account as it is now, read in a transaction that is over when this returns."""
    async with sessions() as session:
        account = await repository.get(session, account_id)
        await session.commit()
    return account


async def refresh_account(
    sessions: Sessions, settings: Settings, account_id: uuid.UUID
) -> bool | None:
    """True when refreshed, False when the platform refused (the account needs_reauth), None when
    there was nothing to do or the platform failed for now (the next round tries again)."""
    if sessions.kw["bind"].dialect.name == "postgresql":
        return await _refresh_locked(sessions, settings, account_id)
    account = await load_account(sessions, account_id)
    if account is None or account.status != "connected":
        return None
    issued = account.token_issued_at
    refused: AuthError | None = None
    grant: TokenGrant | None = None
    try:
        grant = await accounts.fetch_refreshed_grant(settings, account)
    except AuthError as error:
        refused = error
    except PlatformError as error:
        log.warning("accounts.refresh_retry_later", platform=account.platform, error=str(error))
        return None
    async with sessions() as session:
        current = await repository.get(session, account_id)
        # Someone else refreshed meanwhile (a publication run): theirs is newer, keep it.
        if current is None or current.status != "connected" or current.token_issued_at != issued:
            return None
        if refused is not None:
            await mark_needs_reauth(session, current, refused.user_message)
        else:
            assert grant is not None
            await accounts.store_refreshed(session, settings, current, grant)
        await session.commit()
    return refused is None


async def _refresh_locked(
    sessions: Sessions, settings: Settings, account_id: uuid.UUID
) -> bool | None:
    async with sessions() as session:
        account = await repository.get(session, account_id)
        if account is None or account.status != "connected":
            return None
        try:
            refreshed = await accounts.refresh(session, settings, account)
        except PlatformError as error:
            await session.rollback()
            log.warning("accounts.refresh_retry_later", platform=account.platform, error=str(error))
            return None
        await session.commit()
    return refreshed


async def refresh_due(sessions: Sessions, settings: Settings) -> tuple[int, int]:
    """Refresh every connected account whose token expires within the margin, one transaction
    per account; one that fails does not stop the others. Returns (refreshed, needs_reauth)."""
    before = utcnow() + timedelta(seconds=settings.token_refresh_margin_seconds)
    async with sessions() as session:
        due = [account.id for account in await repository.due_for_refresh(session, before)]
        await session.commit()
    refreshed = lost = 0
    for account_id in due:
        try:
            outcome = await refresh_account(sessions, settings, account_id)
        except Exception:  # one account's bug must not starve the rest of their refresh
            log.exception("accounts.refresh_crashed", account_id=str(account_id))
            continue
        refreshed += outcome is True
        lost += outcome is False
    return refreshed, lost
