from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from backend.models import LedgerEvent
from backend.pagination import Key, Slice, Window, keyset

# Any constant works; it names "the ledger's append lock" for pg_advisory_xact_lock.
_APPEND_LOCK_KEY = 0x5354414B415A4F


async def lock_for_append(session: AsyncSession) -> None:
    """Serialise appenders until commit so two writers never chain onto the same head.

    PostgreSQL: a transaction-scoped advisory lock. SQLite: every transaction already starts
    with BEGIN IMMEDIATE (see backend.db), which is the database-wide write lock.
    """
    if session.get_bind().dialect.name == "postgresql":
        await session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _APPEND_LOCK_KEY})


async def head(session: AsyncSession) -> LedgerEvent | None:
    result = await session.execute(select(LedgerEvent).order_by(LedgerEvent.seq.desc()).limit(1))
    return result.scalar_one_or_none()


async def count(session: AsyncSession) -> int:
    return int(await session.scalar(select(func.count()).select_from(LedgerEvent)) or 0)


async def count_in_workspace(session: AsyncSession, workspace_id: uuid.UUID, up_to_seq: int) -> int:
    query = select(func.count()).where(
        LedgerEvent.workspace_id == workspace_id, LedgerEvent.seq <= up_to_seq
    )
    return int(await session.scalar(query) or 0)


async def newest_in_workspace(
    session: AsyncSession, workspace_id: uuid.UUID, up_to_seq: int
) -> int | None:
    query = select(func.max(LedgerEvent.seq)).where(
        LedgerEvent.workspace_id == workspace_id, LedgerEvent.seq <= up_to_seq
    )
    return await session.scalar(query)


async def workspace_of(session: AsyncSession, seq: int) -> uuid.UUID | None:
    query = select(LedgerEvent.workspace_id).where(LedgerEvent.seq == seq)
    return await session.scalar(query)


async def iterate_in_order(
    session: AsyncSession, batch_size: int = 2000
) -> AsyncIterator[Sequence[LedgerEvent]]:
    after = -1
    while True:
        result = await session.execute(
            select(LedgerEvent)
            .where(LedgerEvent.seq > after)
            .order_by(LedgerEvent.seq)
            .limit(batch_size)
        )
        batch = result.scalars().all()
        if not batch:
            return
        yield batch
        after = batch[-1].seq
        session.expunge_all()


@dataclass(frozen=True)
class EventFilter:
    workspace_id: uuid.UUID
    type: str | None = None
    type_prefix: str | None = None
    actor_id: uuid.UUID | None = None
    user_id: uuid.UUID | None = None
    asset_id: uuid.UUID | None = None
    job_id: uuid.UUID | None = None
    clip_id: uuid.UUID | None = None
    publication_id: uuid.UUID | None = None
    campaign_id: uuid.UUID | None = None
    since: datetime | None = None
    until: datetime | None = None


_NEWEST_FIRST = (Key(LedgerEvent.seq),)


async def query(session: AsyncSession, where: EventFilter, window: Window) -> Slice[LedgerEvent]:
    statement = select(LedgerEvent).where(LedgerEvent.workspace_id == where.workspace_id)
    for column in ("actor_id", "user_id", "asset_id", "job_id", "clip_id", "publication_id"):
        value = getattr(where, column)
        if value is not None:
            statement = statement.where(getattr(LedgerEvent, column) == value)
    if where.campaign_id is not None:
        statement = statement.where(LedgerEvent.campaign_id == where.campaign_id)
    if where.type is not None:
        statement = statement.where(LedgerEvent.type == where.type)
    if where.type_prefix is not None:
        statement = statement.where(LedgerEvent.type.startswith(where.type_prefix, autoescape=True))
    if where.since is not None:
        statement = statement.where(LedgerEvent.occurred_at >= where.since)
    if where.until is not None:
        statement = statement.where(LedgerEvent.occurred_at < where.until)
    # No total: counting a filtered audit trail can mean reading most of it.
    return await keyset(session, statement, _NEWEST_FIRST, window)


async def account_events(
    session: AsyncSession, user_id: uuid.UUID, window: Window
) -> Slice[LedgerEvent]:
    """One person's own account events: those that belong to no workspace."""
    statement = select(LedgerEvent).where(
        LedgerEvent.workspace_id.is_(None), LedgerEvent.user_id == user_id
    )
    return await keyset(session, statement, _NEWEST_FIRST, window)
