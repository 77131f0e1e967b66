"""The chain links every event to the previous one; verify finds the first broken link."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import itertools
import json
import uuid

import pytest
from pydantic import SecretStr
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from backend import ledger
from backend.db import create_engine, create_session_factory
from backend.ledger import service
from backend.ledger.chain import GENESIS_HASH, event_hash
from backend.models import LedgerEvent
from backend.models.ledger_event import REFERENCE_COLUMNS
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
        await session.execute(text("DROP TRIGGER IF EXISTS ledger_events_no_update"))
        await session.execute(text("DROP TRIGGER IF EXISTS ledger_events_no_delete"))
    await session.execute(text(statement), params)
    session.expunge_all()


async def test_events_chain_from_genesis(session):
    events = await _write(session, 3)
    assert [e.seq for e in events] == [1, 2, 3]
    assert events[0].prev_hash == GENESIS_HASH
    for previous, current in itertools.pairwise(events):
        assert current.prev_hash == previous.hash
        assert current.hash == event_hash(current.prev_hash, current)


async def test_verify_reports_an_intact_chain(session, settings):
    events = await _write(session, 5)
    report = await service.verify(session, settings)
    assert report.intact
    assert report.events_checked == 5
    assert (report.head_sequence, report.head_hash) == (5, events[-1].hash)


async def test_empty_ledger_is_intact(session, settings):
    report = await service.verify(session, settings)
    assert report.intact
    assert report.events_checked == 0
    assert report.head_sequence is None


async def test_edited_payload_is_detected(session, settings):
    await _write(session, 5)
    await _tamper(session, "UPDATE ledger_events SET payload = :p WHERE seq = 3", p='{"n": 99}')
    report = await service.verify(session, settings)
    assert not report.intact
    assert report.first_broken_sequence == 3
    assert "content" in (report.problem or "")


async def test_rehashed_event_breaks_the_next_link(session, settings):
    events = await _write(session, 4)
    await _tamper(session, "UPDATE ledger_events SET hash = :h WHERE seq = 2", h="f" * 64)
    report = await service.verify(session, settings)
    assert report.first_broken_sequence == 2
    assert events


async def test_deleted_event_is_detected(session, settings):
    await _write(session, 5)
    await _tamper(session, "DELETE FROM ledger_events WHERE seq = 4")
    report = await service.verify(session, settings)
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
            report = await service.verify(session, settings)
    finally:
        await engine.dispose()
    assert report.intact, report
    assert report.events_checked == report.head_sequence == 40


async def _snapshot(session) -> list[dict]:
    """The chain as plain values, detached from the session, for an attacker to rewrite."""
    events = (await session.scalars(select(LedgerEvent).order_by(LedgerEvent.seq))).all()
    rows = [
        {
            "seq": event.seq,
            "id": str(event.id),
            "occurred_at": event.occurred_at.isoformat(timespec="microseconds"),
            "type": event.type,
            "payload": dict(event.payload),
            **{
                c: None if getattr(event, c) is None else str(getattr(event, c))
                for c in REFERENCE_COLUMNS
            },
            "hash": event.hash,
        }
        for event in events
    ]
    session.expunge_all()
    return rows


async def _rewrite(session, seq: int, payload: dict) -> None:
    """Edit event ``seq`` and recompute every following plain hash, as anyone who can write the
    database can (SHA-256 over the documented canonical form, computed here, not by the code
    under test)."""
    rows = await _snapshot(session)
    await _tamper(
        session,
        "UPDATE ledger_events SET payload = :p WHERE seq = :s",
        p=json.dumps(payload),
        s=seq,
    )
    previous = rows[seq - 2]["hash"] if seq > 1 else GENESIS_HASH
    for row in rows[seq - 1 :]:
        if row["seq"] == seq:
            row["payload"] = payload
        body = {k: v for k, v in row.items() if k != "hash"}
        canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        digest = hashlib.sha256(f"{previous}\n{canonical}".encode()).hexdigest()
        await session.execute(
            text("UPDATE ledger_events SET prev_hash = :p, hash = :h WHERE seq = :s"),
            {"p": previous, "h": digest, "s": row["seq"]},
        )
        previous = digest


async def test_every_event_carries_a_mac_under_the_ledger_key(session, settings):
    events = await _write(session, 3)
    # No STAKAZO_LEDGER_KEY in the tests: the key is the generated file, read here directly.
    key_file = settings.data_dir / "ledger-key"
    assert key_file.stat().st_mode & 0o777 == 0o600
    key = key_file.read_text().strip().encode()
    for event in events:
        expected = hmac.new(key, b"stakazo-ledger:" + event.hash.encode(), hashlib.sha256)
        assert event.mac == expected.hexdigest()


async def test_rewritten_history_with_recomputed_hashes_is_detected(session, settings):
    await _write(session, 6)
    await _rewrite(session, 3, {"n": 99})
    stored = (
        await session.execute(text("SELECT seq, prev_hash, hash FROM ledger_events ORDER BY seq"))
    ).all()
    assert stored[3][1] == stored[2][2]  # the plain chain links up again: only the MAC can tell
    report = await service.verify(session, settings)
    assert (report.intact, report.first_broken_sequence) == (False, 3)
    assert "MAC" in (report.problem or "")


async def test_events_written_with_another_key_are_detected(session, settings):
    await _write(session, 3)
    other = settings.model_copy(update={"ledger_key": SecretStr("another-ledger-key-" + "x" * 32)})
    report = await service.verify(session, other)
    assert (report.intact, report.first_broken_sequence) == (False, 1)
    assert "MAC" in (report.problem or "")


async def test_stripped_macs_are_detected(session, settings):
    await _write(session, 4)
    await _tamper(session, "UPDATE ledger_events SET mac = NULL WHERE seq >= 3")
    report = await service.verify(session, settings)
    assert (report.intact, report.first_broken_sequence) == (False, 3)
    await _tamper(session, "UPDATE ledger_events SET mac = NULL")
    report = await service.verify(session, settings)
    assert (report.intact, report.first_broken_sequence) == (False, 1)


async def test_legacy_events_are_trusted_once_anchored(session, settings):
    await _write(session, 4)
    # As written before ledger keys existed: no MACs.
    await _tamper(session, "UPDATE ledger_events SET mac = NULL")
    assert not (await service.verify(session, settings)).intact
    assert await service.anchor_legacy_events(session) == 4
    assert await service.anchor_legacy_events(session) is None  # once is enough
    report = await service.verify(session, settings)
    assert (report.intact, report.events_checked) == (True, 5)
    # Rewriting a legacy event and every later hash breaks the anchor's MAC.
    anchored = (await session.execute(text("SELECT type FROM ledger_events WHERE seq = 5"))).one()
    assert anchored.type == "ledger.anchored"
    await _rewrite(session, 2, {"n": 42})
    report = await service.verify(session, settings)
    assert (report.intact, report.first_broken_sequence) == (False, 5)
