"""The append lock is per chain: on PostgreSQL a transaction holding its workspace's chain lock
open does not hold up another workspace's writer, while a writer of the same workspace waits.
Separate engines with real commits."""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Awaitable, Callable

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from backend import ledger
from backend.db import create_engine, create_session_factory
from backend.ledger import service
from backend.ledger.repository import _APPEND_LOCK_NAMESPACE
from tests.conftest import IS_POSTGRES

PROMPT_SECONDS = 10.0


async def _append(sessions: async_sessionmaker[AsyncSession], workspace_id: uuid.UUID) -> int:
    async with sessions() as session:
        event = await ledger.record(session, "test.appended", workspace_id=workspace_id)
        await session.commit()
        return event.chain_seq


async def _eventually(condition: Callable[[], Awaitable[bool]]) -> None:
    deadline = time.monotonic() + PROMPT_SECONDS
    while not await condition():
        assert time.monotonic() < deadline, "the condition never held"
        await asyncio.sleep(0.02)


def _waiting_appenders(engine: AsyncEngine) -> Callable[[], Awaitable[bool]]:
    async def one_waits() -> bool:
        async with engine.connect() as connection:
            waiting = await connection.scalar(
                text(
                    "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted "
                    "AND classid = :namespace AND database = "
                    "(SELECT oid FROM pg_database WHERE datname = current_database())"
                ),
                {"namespace": _APPEND_LOCK_NAMESPACE},
            )
        return waiting == 1

    return one_waits


async def test_workspaces_do_not_wait_on_each_others_chain(scratch_database_url, settings):
    engines = [create_engine(scratch_database_url, settings) for _ in range(3)]
    holder, other, same = (create_session_factory(engine) for engine in engines)
    mine, theirs = uuid.uuid4(), uuid.uuid4()
    try:
        async with holder() as held:
            # The chain's lock is taken by the transaction's first event and held until commit.
            await ledger.record(held, "test.holding", workspace_id=mine)
            if IS_POSTGRES:
                assert await asyncio.wait_for(_append(other, theirs), PROMPT_SECONDS) == 1
                queued = asyncio.create_task(_append(same, mine))
                await _eventually(_waiting_appenders(engines[0]))
                assert not queued.done()  # the same chain still serialises its writers
            await held.commit()
        # SQLite has one writer at a time (its write lock is the database's): the embedded
        # mode's accepted cost, so there the other writers simply come after.
        if IS_POSTGRES:
            assert await asyncio.wait_for(queued, PROMPT_SECONDS) == 2
        else:
            assert (await _append(other, theirs), await _append(same, mine)) == (1, 2)
        async with holder() as session:
            report = await service.verify(session, settings)
        assert report.intact, report
        heads = {chain.chain: chain.head_sequence for chain in report.chains}
        assert heads == {str(mine): 2, str(theirs): 1}
    finally:
        for engine in engines:
            await engine.dispose()
