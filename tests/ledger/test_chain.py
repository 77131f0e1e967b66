"""The chain links every event to the previous one; verify finds the first broken link."""

from __future__ import annotations

import asyncio
import itertools
import uuid

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from backend import ledger
from backend.db import create_engine, create_session_factory
from backend.ledger import service
from backend.ledger.chain import GENESIS_HASH, event_hash
from tests.conftest import IS_POSTGRES


async def _write(session, count: int, **refs) -> list:
    return [
        await ledger.record(session, "test.event", payload={"n": n}, **refs) for n in range(count)
    ]


async def _tamper(session, statement: str, **params) -> None:
    # The append-only triggers must be bypassed on purpose to simulate an attacker with full
    # database rights; the test transaction is rolled back afterwards, triggers included.
    if IS_POSTGRES:
        await session.execute(text("SET LOCAL session_replication_role = replica"))
    else:
        await session.execute(text("DROP TRIGGER ledger_events_no_update"))
        await session.execute(text("DROP TRIGGER ledger_events_no_delete"))
    await session.execute(text(statement), params)
    session.expunge_all()


async def test_events_chain_from_genesis(session):
    events = await _write(session, 3)
    assert [e.seq for e in events] == [1, 2, 3]
    assert events[0].prev_hash == GENESIS_HASH
    for previous, current in itertools.pairwise(events):
        assert current.prev_hash == previous.hash
        assert current.hash == event_hash(current.prev_hash, current)


async def test_verify_reports_an_intact_chain(session):
    events = await _write(session, 5)
    report = await service.verify(session)
    assert report.intact
    assert report.events_checked == 5
    assert (report.head_sequence, report.head_hash) == (5, events[-1].hash)


async def test_empty_ledger_is_intact(session):
    report = await service.verify(session)
    assert report.intact
    assert report.events_checked == 0
    assert report.head_sequence is None


async def test_edited_payload_is_detected(session):
    await _write(session, 5)
    await _tamper(session, "UPDATE ledger_events SET payload = :p WHERE seq = 3", p='{"n": 99}')
    report = await service.verify(session)
    assert not report.intact
    assert report.first_broken_sequence == 3
    assert "content" in (report.problem or "")


async def test_rehashed_event_breaks_the_next_link(session):
    events = await _write(session, 4)
    await _tamper(session, "UPDATE ledger_events SET hash = :h WHERE seq = 2", h="f" * 64)
    report = await service.verify(session)
    assert report.first_broken_sequence == 2
    assert events


async def test_deleted_event_is_detected(session):
    await _write(session, 5)
    await _tamper(session, "DELETE FROM ledger_events WHERE seq = 4")
    report = await service.verify(session)
    assert (report.intact, report.first_broken_sequence) == (False, 4)
    assert "missing" in (report.problem or "")


async def test_secrets_never_enter_a_payload(session):
    event = await ledger.record(
        session,
        "test.secret",
        payload={
            "password": "hunter22",
            "nested": {"api_key": "k"},
            "note": "Bearer abc.def.ghi",
            "visible": "yes",
        },
    )
    assert event.payload["password"] == "***"
    assert event.payload["nested"]["api_key"] == "***"
    assert "abc.def" not in event.payload["note"]
    assert event.payload["visible"] == "yes"


async def test_event_types_must_be_dotted(session):
    with pytest.raises(service.InvalidEventType):
        await ledger.record(session, "NotDotted")


REWRITES = ["UPDATE ledger_events SET type = 'x.y'", "DELETE FROM ledger_events"]


@pytest.mark.parametrize(
    "statement", [*REWRITES, *(["TRUNCATE ledger_events"] if IS_POSTGRES else [])]
)
async def test_database_refuses_to_rewrite_history(session, statement):
    await _write(session, 1)
    await session.commit()
    with pytest.raises(DBAPIError, match="append-only"):
        async with session.begin_nested():
            await session.execute(text(statement))


async def test_concurrent_writers_never_fork_the_chain(scratch_database_url, settings):
    engine = create_engine(scratch_database_url, settings)
    sessions = create_session_factory(engine)
    workspace_ids = [uuid.uuid4() for _ in range(8)]

    async def writer(workspace_id: uuid.UUID) -> None:
        for n in range(5):
            async with sessions() as session:
                await ledger.record(
                    session, "test.concurrent", workspace_id=workspace_id, payload={"n": n}
                )
                await session.commit()

    try:
        await asyncio.gather(*(writer(w) for w in workspace_ids))
        async with sessions() as session:
            report = await service.verify(session)
    finally:
        await engine.dispose()
    assert report.intact, report
    assert report.events_checked == report.head_sequence == 40
