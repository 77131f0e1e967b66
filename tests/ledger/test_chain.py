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
from backend.models.base import utcnow
from backend.models.ledger_event import LEGACY_CHAIN, REFERENCE_COLUMNS, SYSTEM_CHAIN
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
    assert [(e.chain, e.chain_seq) for e in events] == [(SYSTEM_CHAIN, n) for n in (1, 2, 3)]
    assert events[0].prev_hash == GENESIS_HASH
    for previous, current in itertools.pairwise(events):
        assert current.prev_hash == previous.hash
        assert current.hash == event_hash(current.prev_hash, current)


async def test_each_workspace_has_its_own_gapless_chain(session):
    first, second = uuid.uuid4(), uuid.uuid4()
    events = []
    for n in range(4):
        events.append(await ledger.record(session, "test.a", workspace_id=first, payload={"n": n}))
        events.append(await ledger.record(session, "test.b", workspace_id=second))
        events.append(await ledger.record(session, "test.system"))
    for chain in (str(first), str(second), SYSTEM_CHAIN):
        mine = [e for e in events if e.chain == chain]
        assert [e.chain_seq for e in mine] == [1, 2, 3, 4]
        assert mine[0].prev_hash == GENESIS_HASH
        assert all(b.prev_hash == a.hash for a, b in itertools.pairwise(mine))
    assert all(e.workspace_id == first for e in events if e.chain == str(first))
    assert [e.seq for e in events] == sorted(e.seq for e in events)  # the global order


async def test_verify_reports_an_intact_chain(session, settings):
    events = await _write(session, 5)
    await _write(session, 2, workspace_id=uuid.uuid4())
    report = await service.verify(session, settings)
    assert report.intact
    assert report.events_checked == 7
    system = next(c for c in report.chains if c.chain == SYSTEM_CHAIN)
    assert (system.head_sequence, system.head_hash) == (5, events[-1].hash)


async def test_empty_ledger_is_intact(session, settings):
    report = await service.verify(session, settings)
    assert report.intact
    assert report.events_checked == 0
    assert report.chains == []


async def _two_workspaces(session) -> tuple[str, str]:
    """Interleaved events of two workspaces: a tampered one must not implicate the other."""
    mine, theirs = uuid.uuid4(), uuid.uuid4()
    for n in range(5):
        await ledger.record(session, "test.mine", workspace_id=mine, payload={"n": n})
        await ledger.record(session, "test.theirs", workspace_id=theirs, payload={"n": n})
    return str(mine), str(theirs)


async def _broken(session, settings) -> list[tuple[str, int | None, str | None]]:
    report = await service.verify(session, settings)
    return [(c.chain, c.first_broken_sequence, c.problem) for c in report.broken]


async def test_edited_payload_is_detected_in_its_chain(session, settings):
    mine, _ = await _two_workspaces(session)
    edit = "UPDATE ledger_events SET payload = :p WHERE chain = :c AND chain_seq = 3"
    await _tamper(session, edit, p='{"n": 99}', c=mine)
    [(chain, sequence, problem)] = await _broken(session, settings)
    assert (chain, sequence) == (mine, 3)
    assert "content" in (problem or "")


async def test_rehashed_event_breaks_the_next_link(session, settings):
    mine, _ = await _two_workspaces(session)
    edit = "UPDATE ledger_events SET hash = :h WHERE chain = :c AND chain_seq = 2"
    await _tamper(session, edit, h="f" * 64, c=mine)
    [(chain, sequence, _)] = await _broken(session, settings)
    assert (chain, sequence) == (mine, 2)


async def test_deleted_event_is_detected_in_its_chain(session, settings):
    _, theirs = await _two_workspaces(session)
    await _tamper(session, "DELETE FROM ledger_events WHERE chain = :c AND chain_seq = 4", c=theirs)
    [(chain, sequence, problem)] = await _broken(session, settings)
    assert (chain, sequence) == (theirs, 4)
    assert "missing" in (problem or "")


async def test_inserted_event_is_detected_in_its_chain(session, settings):
    mine, _ = await _two_workspaces(session)
    rows = await _snapshot(session, mine)
    # Make room at 3 (in two steps: the unique constraint is checked row by row), then insert a
    # well-linked, well-hashed event whose MAC the attacker had to make up.
    shift = "UPDATE ledger_events SET chain_seq = -chain_seq WHERE chain = :c AND chain_seq >= 3"
    await _tamper(session, shift, c=mine)
    back = "UPDATE ledger_events SET chain_seq = 1 - chain_seq WHERE chain = :c AND chain_seq < 0"
    await _tamper(session, back, c=mine)
    forged = LedgerEvent(
        id=uuid.uuid4(),
        seq=10**12,  # any unused global number: it is not hashed outside the legacy chain
        chain=mine,
        chain_seq=3,
        occurred_at=utcnow(),
        type="test.forged",
        workspace_id=uuid.UUID(mine),
        payload={"forged": True},
        prev_hash=rows[1]["hash"],
    )
    forged.hash = event_hash(forged.prev_hash, forged)
    forged.mac = "0" * 64
    session.add(forged)
    await session.flush()
    session.expunge_all()
    [(chain, sequence, problem)] = await _broken(session, settings)
    assert (chain, sequence) == (mine, 3)
    assert "MAC" in (problem or "")


async def test_forged_mac_is_detected_in_its_chain(session, settings):
    _, theirs = await _two_workspaces(session)
    edit = "UPDATE ledger_events SET mac = :m WHERE chain = :c AND chain_seq = 5"
    await _tamper(session, edit, m="a" * 64, c=theirs)
    [(chain, sequence, problem)] = await _broken(session, settings)
    assert (chain, sequence) == (theirs, 5)
    assert "MAC" in (problem or "")


async def test_an_event_moved_to_another_chain_is_detected(session, settings):
    mine, theirs = await _two_workspaces(session)
    # Take their newest event off their chain and append it, relinked, to mine.
    head = "SELECT hash FROM ledger_events WHERE chain = :c AND chain_seq = 5"
    my_head = (await session.execute(text(head), {"c": mine})).scalar_one()
    await _tamper(
        session,
        "UPDATE ledger_events SET chain = :m, chain_seq = 6, prev_hash = :h "
        "WHERE chain = :t AND chain_seq = 5",
        m=mine,
        h=my_head,
        t=theirs,
    )
    [(chain, sequence, problem)] = await _broken(session, settings)
    assert (chain, sequence) == (mine, 6)
    assert "content" in (problem or "")  # its hash covers the chain it was recorded in


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
    # Two writers per workspace: the chain's own lock must keep them from forking it.
    workspace_ids = [uuid.uuid4() for _ in range(4)] * 2

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
    assert report.events_checked == 40
    assert sorted(chain.head_sequence for chain in report.chains) == [10, 10, 10, 10]


async def _snapshot(session, chain: str) -> list[dict]:
    """A chain as plain values, detached from the session, for an attacker to rewrite."""
    query = select(LedgerEvent).where(LedgerEvent.chain == chain).order_by(LedgerEvent.chain_seq)
    events = (await session.scalars(query)).all()
    rows = [
        {
            "seq": event.seq,
            "chain": event.chain,
            "chain_seq": event.chain_seq,
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


def _canonical(row: dict) -> str:
    """The documented canonical form (docs/architecture.md), computed here, not by the code
    under test: legacy events with their global ``seq``, the others with their chain."""
    body = {k: v for k, v in row.items() if k not in ("hash", "seq", "chain", "chain_seq")}
    if row["chain"] == LEGACY_CHAIN:
        body["seq"] = row["seq"]
    else:
        body.update(chain=row["chain"], chain_seq=row["chain_seq"], chain_version=2)
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


async def _rewrite(session, chain: str, chain_seq: int, payload: dict) -> None:
    """Edit an event and recompute every following plain hash of its chain, as anyone who can
    write the database can."""
    rows = await _snapshot(session, chain)
    edit = "UPDATE ledger_events SET payload = :p WHERE chain = :c AND chain_seq = :s"
    await _tamper(session, edit, p=json.dumps(payload), c=chain, s=chain_seq)
    previous = rows[chain_seq - 2]["hash"] if chain_seq > 1 else GENESIS_HASH
    for row in rows[chain_seq - 1 :]:
        if row["chain_seq"] == chain_seq:
            row["payload"] = payload
        digest = hashlib.sha256(f"{previous}\n{_canonical(row)}".encode()).hexdigest()
        await session.execute(
            text(
                "UPDATE ledger_events SET prev_hash = :p, hash = :h "
                "WHERE chain = :c AND chain_seq = :s"
            ),
            {"p": previous, "h": digest, "c": chain, "s": row["chain_seq"]},
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
    mine, _ = await _two_workspaces(session)
    await _rewrite(session, mine, 3, {"n": 99})
    links = (
        "SELECT chain_seq, prev_hash, hash FROM ledger_events WHERE chain = :c ORDER BY chain_seq"
    )
    stored = (await session.execute(text(links), {"c": mine})).all()
    assert stored[3][1] == stored[2][2]  # the plain chain links up again: only the MAC can tell
    [(chain, sequence, problem)] = await _broken(session, settings)
    assert (chain, sequence) == (mine, 3)
    assert "MAC" in (problem or "")


async def test_events_written_with_another_key_are_detected(session, settings):
    await _write(session, 3)
    other = settings.model_copy(update={"ledger_key": SecretStr("another-ledger-key-" + "x" * 32)})
    report = await service.verify_chain(session, other, SYSTEM_CHAIN)
    assert (report.intact, report.first_broken_sequence) == (False, 1)
    assert "MAC" in (report.problem or "")


async def test_stripped_macs_are_detected(session, settings):
    await _write(session, 4)
    await _tamper(session, "UPDATE ledger_events SET mac = NULL WHERE chain_seq >= 3")
    report = await service.verify_chain(session, settings, SYSTEM_CHAIN)
    assert (report.intact, report.first_broken_sequence) == (False, 3)
    # Outside the legacy chain no event may lack a MAC, not even the first ones.
    await _tamper(session, "UPDATE ledger_events SET mac = NULL")
    report = await service.verify_chain(session, settings, SYSTEM_CHAIN)
    assert (report.intact, report.first_broken_sequence) == (False, 1)
    assert await service.seal_legacy_chain(session) is None  # and nothing launders them


async def _legacy(session, count: int, workspace_id: uuid.UUID | None = None) -> None:
    """Events as recorded before per-workspace chains and before ledger keys: one global chain
    hashed with ``seq``, no MAC (what migration 0010 turns into the legacy chain)."""
    previous = GENESIS_HASH
    for seq in range(1, count + 1):
        event = LedgerEvent(
            id=uuid.uuid4(),
            seq=seq,
            chain=LEGACY_CHAIN,
            chain_seq=seq,
            occurred_at=utcnow(),
            type="legacy.event",
            workspace_id=workspace_id,
            payload={"n": seq},
            prev_hash=previous,
        )
        event.hash = previous = event_hash(previous, event)
        session.add(event)
    await session.flush()
    session.expunge_all()
    if IS_POSTGRES:  # as migration 0010 does: the global sequence continues after them
        await session.execute(
            text(
                "SELECT setval('ledger_events_global_seq', "
                "GREATEST((SELECT last_value FROM ledger_events_global_seq), :n))"
            ),
            {"n": count},
        )


async def test_legacy_events_are_trusted_once_sealed(session, settings):
    await _legacy(session, 4)
    assert not (await service.verify(session, settings)).intact
    assert await service.seal_legacy_chain(session) == 4
    assert await service.seal_legacy_chain(session) is None  # once is enough
    report = await service.verify_chain(session, settings, LEGACY_CHAIN)
    assert (report.intact, report.events_checked) == (True, 5)
    # New events go to their own chains, from 1.
    event = await ledger.record(session, "test.after", workspace_id=uuid.uuid4())
    assert (event.chain_seq, event.prev_hash) == (1, GENESIS_HASH)
    assert (await service.verify(session, settings)).intact
    # Rewriting a legacy event and every later hash breaks the sealing event's MAC.
    sealed = "SELECT type FROM ledger_events WHERE chain = 'legacy' AND chain_seq = 5"
    assert (await session.execute(text(sealed))).one().type == service.CHAINS_STARTED
    await _rewrite(session, LEGACY_CHAIN, 2, {"n": 42})
    assert await _broken(session, settings) == [
        (
            LEGACY_CHAIN,
            5,
            "its MAC does not match the ledger key (rewritten, or written with another key)",
        )
    ]


async def test_an_edited_legacy_event_is_detected(session, settings):
    await _legacy(session, 3)
    await service.seal_legacy_chain(session)
    edit = "UPDATE ledger_events SET payload = :p WHERE chain = 'legacy' AND chain_seq = 2"
    await _tamper(session, edit, p='{"n": 7}')
    [(chain, sequence, problem)] = await _broken(session, settings)
    assert (chain, sequence) == (LEGACY_CHAIN, 2)
    assert "content" in (problem or "")


async def test_nothing_follows_the_sealed_legacy_chain(session, settings):
    await _legacy(session, 2)
    await service.seal_legacy_chain(session)
    head = (await session.scalars(select(LedgerEvent).where(LedgerEvent.chain_seq == 3))).one()
    appended = LedgerEvent(
        id=uuid.uuid4(),
        seq=head.seq + 1,
        chain=LEGACY_CHAIN,
        chain_seq=4,
        occurred_at=utcnow(),
        type="legacy.late",
        payload={},
        prev_hash=head.hash,
    )
    appended.hash = event_hash(appended.prev_hash, appended)
    appended.mac = head.mac  # whatever it carries, it may not be there
    session.add(appended)
    await session.flush()
    session.expunge_all()
    [(chain, sequence, problem)] = await _broken(session, settings)
    assert (chain, sequence) == (LEGACY_CHAIN, 4)
    assert "closed" in (problem or "")
