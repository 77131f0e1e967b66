"""A worker node's heartbeat row: written by the writer the worker runs, on a database of its own
(real commits, as from another process); and the state a row makes a node."""

from __future__ import annotations

import asyncio
import os
from datetime import timedelta

import structlog
from sqlalchemy import select

from backend.db import create_engine, create_session_factory
from backend.models import WorkerHeartbeat
from backend.telemetry import nodes
from backend.telemetry.nodes import NodeActivity, NodeIdentity
from backend.telemetry.schemas import ActiveTask
from core.clock import utcnow
from tests.e2e.processes import free_port
from workers.node_heartbeat import NodeHeartbeat, current_activity

NODE = NodeIdentity(
    name="media@box", hostname="box", pid=os.getpid(), queues=["media"], concurrency=2
)


async def _row(url, settings) -> WorkerHeartbeat | None:
    engine = create_engine(url, settings)
    try:
        async with create_session_factory(engine)() as session:
            return await session.scalar(select(WorkerHeartbeat))
    finally:
        await engine.dispose()


async def test_a_node_registers_beats_says_goodbye_and_restarts(scratch_database_url, settings):
    settings = settings.model_copy(update={"database_url": scratch_database_url})
    doing = NodeActivity(
        active=[ActiveTask(task="media.process", task_id="t-1", job_id="j-1", started_at=utcnow())],
        processed=7,
    )
    activities = iter([NodeActivity(), doing, NodeActivity(processed=8), NodeActivity()])
    heartbeat = NodeHeartbeat(NODE, settings, activity=lambda: next(activities))
    try:
        assert await asyncio.to_thread(heartbeat.beat)
        first = await _row(scratch_database_url, settings)
        assert (first.name, first.queues, first.concurrency, first.stopped_at) == (
            "media@box", ["media"], 2, None,
        )  # fmt: skip
        assert await asyncio.to_thread(heartbeat.beat)
        busy = await _row(scratch_database_url, settings)
        assert busy.processed == 7
        assert busy.active[0]["job_id"] == "j-1"
        assert busy.seen_at >= first.seen_at
        assert busy.started_at == first.started_at
        assert await asyncio.to_thread(heartbeat.say_goodbye)
        gone = await _row(scratch_database_url, settings)
        assert gone.stopped_at is not None
        assert gone.active == []
    finally:
        await asyncio.to_thread(heartbeat.close)

    # The same node name started again: running, with its new start.
    again = NodeHeartbeat(NODE, settings, activity=lambda: next(activities))
    try:
        assert await asyncio.to_thread(again.beat)
    finally:
        await asyncio.to_thread(again.close)
    restarted = await _row(scratch_database_url, settings)
    assert restarted.stopped_at is None
    assert restarted.started_at > first.started_at


async def test_a_beat_on_an_unreachable_database_is_logged_not_raised(settings):
    # A PostgreSQL that is down: nothing listens on its port.
    down = f"postgresql+asyncpg://postgres@127.0.0.1:{free_port()}/stakazo"
    broken = settings.model_copy(update={"database_url": down})
    heartbeat = NodeHeartbeat(NODE, broken, activity=NodeActivity)
    try:
        with structlog.testing.capture_logs() as logs:
            assert await asyncio.to_thread(heartbeat.beat) is False
    finally:
        await asyncio.to_thread(heartbeat.close)
    assert [entry["event"] for entry in logs] == ["worker.heartbeat_failed"]


def test_outside_a_worker_nothing_runs():
    assert current_activity() == NodeActivity(active=[], processed=0)


def _row_seen(ago: timedelta, stopped: bool = False) -> WorkerHeartbeat:
    now = utcnow()
    return WorkerHeartbeat(
        name="quick@box", hostname="box", pid=1, queues=["default"], concurrency=1, active=[],
        processed=0, started_at=now - timedelta(hours=1), seen_at=now - ago,
        stopped_at=now if stopped else None,
    )  # fmt: skip


def test_a_node_silent_for_three_beats_is_missing_unless_it_said_goodbye():
    now = utcnow()
    assert nodes.state_of(_row_seen(timedelta(seconds=14)), now, 5) == "alive"
    assert nodes.state_of(_row_seen(timedelta(seconds=16)), now, 5) == "missing"
    assert nodes.state_of(_row_seen(timedelta(hours=2), stopped=True), now, 5) == "stopped"
