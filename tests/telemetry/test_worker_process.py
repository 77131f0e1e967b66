"""A real `stakazo worker` (prefork pool) keeps its heartbeat row: registered when ready, what
its child runs while it runs, how many tasks it took, stopped on SIGTERM. It also runs
telemetry.collect from the broker like any task."""

from __future__ import annotations

import asyncio
import signal
import socket
import time
import uuid
from pathlib import Path

from celery import Celery
from sqlalchemy import func, select, text

from backend.db import create_engine, create_session_factory
from backend.models import Job, TelemetrySnapshot, WorkerHeartbeat
from core.broker import sending_options
from tests.conftest import IS_POSTGRES
from tests.e2e.processes import free_port, stakazo_process
from tests.e2e.test_worker_roundtrip import _env
from tests.factories import create_workspace

NODE = f"quick@{socket.gethostname()}"


async def _until(probe, what: str, within_seconds: float = 60):
    """Polls ``probe`` (a coroutine function reading another process's writes) until it answers
    something truthy."""
    deadline = time.monotonic() + within_seconds
    while time.monotonic() < deadline:
        if found := await probe():
            return found
        await asyncio.sleep(0.1)
    raise AssertionError(f"timed out after {within_seconds:.0f} s waiting for {what}")


async def test_a_prefork_worker_beats_reports_its_tasks_and_says_goodbye(
    scratch_database_url, settings, tmp_path: Path
):
    env = _env(scratch_database_url, "filesystem", tmp_path, port=free_port())
    env["STAKAZO_WORKER_HEARTBEAT_SECONDS"] = "0.3"
    engine = create_engine(scratch_database_url, settings)
    sessions = create_session_factory(engine)
    sender = Celery("probe", set_as_current=False)
    sender.conf.update(
        sending_options(
            settings.model_copy(
                update={"broker_url": "filesystem://", "broker_dir": tmp_path / "broker"}
            )
        )
    )

    async def node() -> WorkerHeartbeat | None:
        async with sessions() as session:
            return await session.get(WorkerHeartbeat, NODE, populate_existing=True)

    try:
        args = ["worker", "--queues", "default,ai", "--concurrency", "1", "--name", "quick@%h"]
        with stakazo_process(args, env, tmp_path, tmp_path / "worker.log") as worker:
            started = await _until(node, "the worker's first heartbeat")
            assert started.pid == worker.pid
            assert (started.queues, started.concurrency) == (["ai", "default"], 1)
            assert started.stopped_at is None

            if IS_POSTGRES:
                await _shows_a_running_job(sessions, sender, node)

            sender.send_task("telemetry.collect", kwargs={})

            async def collected() -> int:
                async with sessions() as session:
                    count = select(func.count()).select_from(TelemetrySnapshot)
                    return int(await session.scalar(count) or 0)

            await _until(collected, "the worker's telemetry snapshot")
            seen = started.seen_at
            later = await _until(
                lambda: _newer(node, seen), "a later heartbeat after the collection"
            )
            assert later.processed >= 1
            worker.send_signal(signal.SIGTERM)
            assert worker.wait(timeout=30) == 0
        stopped = await node()
        assert stopped.stopped_at is not None
        assert stopped.active == []
    finally:
        await engine.dispose()
        print((tmp_path / "worker.log").read_text()[-3000:])


async def _newer(node, seen):
    found = await node()
    return found if found.seen_at > seen and found.processed >= 1 and not found.active else None


async def _shows_a_running_job(sessions, sender, node) -> None:
    """Holds the ledger locked so a ledger.audit job stays running; meanwhile the heartbeat says
    which task and which job the child runs."""
    async with sessions() as session:
        workspace = await create_workspace(session)
        job = Job(workspace_id=workspace.id, type="ledger.audit", params={})
        session.add(job)
        await session.commit()
    task_id = str(uuid.uuid4())
    async with sessions() as blocker:
        await blocker.execute(text("LOCK TABLE ledger_events IN ACCESS EXCLUSIVE MODE"))
        sender.send_task("ledger.audit", kwargs={"job_id": str(job.id)}, task_id=task_id)

        async def running():
            found = await node()
            return found.active if found.active else None

        [active] = await _until(running, "the heartbeat to show the running job")
        assert (active["task"], active["task_id"], active["job_id"]) == (
            "ledger.audit", task_id, str(job.id),
        )  # fmt: skip
        assert active["started_at"] is not None
        await blocker.rollback()

    async def finished():
        async with sessions() as session:
            done = await session.get(Job, job.id, populate_existing=True)
            return done.state == "succeeded"

    await _until(finished, "the audit to finish once the ledger is free")
