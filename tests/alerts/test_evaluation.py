"""Seeing a condition again updates its one open alert; clearing resolves it; a new occurrence
is a new alert. Events reach every workspace for instance alerts, the ledger keeps each change."""

from __future__ import annotations

import asyncio
import time

import pytest
from sqlalchemy import func, select, text

from backend.alerts import service
from backend.db import create_engine, create_session_factory
from backend.events import pending_events
from backend.models import Alert, LedgerEvent
from backend.telemetry.schemas import Disk
from tests.alerts.snapshots import quiet, worker
from tests.conftest import IS_POSTGRES
from tests.factories import create_workspace

MISSING = {"workers": [worker("render@box", "missing")]}


def _disk(free_ratio: float) -> dict[str, Disk]:
    return {
        "disk": Disk(
            path="/var/media",
            total_bytes=1000,
            free_bytes=int(free_ratio * 1000),
            free_ratio=free_ratio,
        )
    }


async def _open_count(session) -> int:
    return int(await session.scalar(select(func.count()).where(Alert.state == "open")) or 0)


async def test_a_condition_seen_again_updates_its_one_open_alert(session, settings):
    first = await service.evaluate(session, quiet(None, **_disk(0.08)), settings, history=[])
    [alert] = first.opened
    seen_first = alert.last_seen_at
    again = await service.evaluate(session, quiet(None, **_disk(0.03)), settings, history=[])
    assert (again.opened, again.updated) == ([], [alert])
    assert (alert.count, alert.severity, alert.details["free_ratio"]) == (2, "critical", 0.03)
    assert alert.last_seen_at >= seen_first
    assert alert.first_seen_at <= seen_first
    await service.evaluate(session, quiet(None, **_disk(0.05)), settings, history=[])
    assert alert.count == 3
    assert await _open_count(session) == 1

    await service.evaluate(session, quiet(None), settings, history=[])
    reopened = await service.evaluate(session, quiet(None, **_disk(0.08)), settings, history=[])
    [second] = reopened.opened
    assert second.id != alert.id
    assert second.count == 1
    assert await _open_count(session) == 1


async def test_instance_alert_events_reach_every_workspace_and_the_ledger_keeps_them(
    session, settings
):
    one, two = await create_workspace(session), await create_workspace(session)
    [alert] = (await service.evaluate(session, quiet(None, **MISSING), settings, history=[])).opened
    opened = [e for e in pending_events(session) if e.type == "alert.opened"]
    assert {e.workspace_id for e in opened} >= {one.id, two.id}
    assert all(e.subject_id == alert.id for e in opened)
    assert opened[0].data["severity"] == "critical"

    # Seen again, unchanged: no event (the count alone moves every collection).
    before = len(pending_events(session))
    await service.evaluate(session, quiet(None, **MISSING), settings, history=[])
    assert len(pending_events(session)) == before

    await service.evaluate(session, quiet(None), settings, history=[])
    resolved = [e for e in pending_events(session) if e.type == "alert.resolved"]
    assert {e.workspace_id for e in resolved} >= {one.id, two.id}
    kept = await session.scalars(
        select(LedgerEvent.type).where(LedgerEvent.payload["alert_id"].as_string() == str(alert.id))
    )
    assert sorted(kept) == ["alert.opened", "alert.resolved"]


async def test_a_workspace_alert_is_told_to_its_workspace_only(session, settings):
    mine, other = await create_workspace(session), await create_workspace(session)
    from backend.telemetry.schemas import LedgerHealth

    broken = quiet(mine.id, ledger=LedgerHealth(verified=False, detail="event 3 is missing"))
    await service.evaluate(session, broken, settings, history=[])
    told = {e.workspace_id for e in pending_events(session) if e.type.startswith("alert.")}
    assert told == {mine.id}
    assert other.id not in told


async def _eventually(condition, seconds: float = 10.0) -> None:
    deadline = time.monotonic() + seconds
    while not await condition():
        assert time.monotonic() < deadline, "the condition never held"
        await asyncio.sleep(0.02)


@pytest.mark.skipif(not IS_POSTGRES, reason="SQLite has one writer at a time: no race to lose")
async def test_two_collectors_opening_the_same_alert_leave_one_open_alert(
    scratch_database_url, settings
):
    engines = [create_engine(scratch_database_url, settings) for _ in range(3)]
    first, second, watcher = engines
    try:
        async with create_session_factory(first)() as a, create_session_factory(second)() as b:
            [opened] = (
                await service.evaluate(a, quiet(None, **MISSING), settings, history=[])
            ).opened
            # b finds no open alert (a has not committed) and tries to insert its own: the
            # unique index makes it wait for a's transaction.
            racing = asyncio.create_task(
                service.evaluate(b, quiet(None, **MISSING), settings, history=[])
            )

            async def b_waits() -> bool:
                async with watcher.connect() as connection:
                    waiting = await connection.scalar(
                        text(
                            "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                            "AND datname = current_database()"
                        )
                    )
                return waiting == 1

            await _eventually(b_waits)
            assert not racing.done()
            await a.commit()
            outcome = await asyncio.wait_for(racing, 10)
            await b.commit()
        assert outcome.opened == []
        assert [alert.id for alert in outcome.updated] == [opened.id]
        async with create_session_factory(watcher)() as check:
            rows = list(await check.scalars(select(Alert)))
            assert [(r.id, r.state, r.count) for r in rows] == [(opened.id, "open", 2)]
            opened_events = await check.scalar(
                select(func.count()).where(LedgerEvent.type == "alert.opened")
            )
            assert opened_events == 1
    finally:
        for engine in engines:
            await engine.dispose()
