from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from backend.models import LedgerEvent
from backend.pagination import Key, Slice, Window, keyset

# Any constant that fits an int4 works; with hashtext(chain) it names "this chain's append lock"
# for the two-key form of pg_advisory_xact_lock.
_APPEND_LOCK_NAMESPACE = 0x4C454447
# Fills the global ordering column ``seq`` on PostgreSQL (migration 0008).
GLOBAL_SEQUENCE = "ledger_events_global_seq"


async def lock_for_append(session: AsyncSession, chain: str) -> None:
    """Serialise appenders of one chain until commit so two writers never chain onto the same
    head; writers of other chains do not wait.

    PostgreSQL: a transaction-scoped advisory lock per chain. SQLite: every transaction already
    starts with BEGIN IMMEDIATE (see backend.db), which is the database-wide write lock.
    """
    if session.get_bind().dialect.name == "postgresql":
        await session.execute(
            text("SELECT pg_advisory_xact_lock(:namespace, hashtext(:chain))"),
            {"namespace": _APPEND_LOCK_NAMESPACE, "chain": chain},
        )


async def next_seq(session: AsyncSession) -> int:
    """The next global ordering number. SQLite has no sequences, but its write lock is held."""
    if session.get_bind().dialect.name == "postgresql":
        return int(await session.scalar(select(func.nextval(GLOBAL_SEQUENCE))) or 0)
    return int(await session.scalar(select(func.max(LedgerEvent.seq))) or 0) + 1


async def head(session: AsyncSession, chain: str) -> LedgerEvent | None:
    result = await session.execute(
        select(LedgerEvent)
        .where(LedgerEvent.chain == chain)
        .order_by(LedgerEvent.chain_seq.desc())
        .limit(1)
    )
    return result.scalar_one_or_none()


async def chains(session: AsyncSession) -> list[str]:
    result = await session.scalars(select(LedgerEvent.chain).distinct().order_by(LedgerEvent.chain))
    return list(result)


async def count(session: AsyncSession, chain: str | None = None) -> int:
    query = select(func.count()).select_from(LedgerEvent)
    if chain is not None:
        query = query.where(LedgerEvent.chain == chain)
    return int(await session.scalar(query) or 0)


async def iterate_chain(
    session: AsyncSession, chain: str, batch_size: int = 2000
) -> AsyncIterator[Sequence[LedgerEvent]]:
    after = 0
    while True:
        result = await session.execute(
            select(LedgerEvent)
            .where(LedgerEvent.chain == chain, LedgerEvent.chain_seq > after)
            .order_by(LedgerEvent.chain_seq)
            .limit(batch_size)
        )
        batch = result.scalars().all()
        if not batch:
            return
        yield batch
        after = batch[-1].chain_seq
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


# Newest first by when they happened, then by their chain's own number: the global seq is never
# in a cursor (its gaps would show how much other workspaces did).
_NEWEST_FIRST = (Key(LedgerEvent.occurred_at), Key(LedgerEvent.chain_seq), Key(LedgerEvent.id))


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
