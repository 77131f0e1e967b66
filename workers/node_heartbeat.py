"""Each worker node's heartbeat row (``worker_heartbeats``), written by its main process.

In the prefork pool the main process is the one that knows what every child runs
(``celery.worker.state.active_requests``, filled when a child accepts a task), so the heartbeat
is a daemon thread there, started on ``worker_ready`` and ended on ``worker_shutdown``. It has its
own event loop and engine: the main process has no runtime (``workers.runtime`` is made per
child, after the fork), and a beat must never wait for, or on, a task.
"""

from __future__ import annotations

import asyncio
import os
import socket
import threading
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any

import structlog
from celery.signals import worker_ready, worker_shutdown
from celery.worker import state as worker_state
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from backend.config import Settings, get_settings
from backend.db import create_engine, create_session_factory
from backend.telemetry import nodes
from backend.telemetry.nodes import NodeActivity, NodeIdentity
from backend.telemetry.schemas import ActiveTask
from core.clock import utcnow

log = structlog.get_logger(__name__)


def _active_requests() -> list[Any]:
    # A WeakSet iterates in Python, so the main thread may change it under us: try again.
    for _ in range(5):
        try:
            return list(worker_state.active_requests)
        except RuntimeError:
            continue
    return []


def _task_of(request: Any) -> ActiveTask:
    kwargs = request.kwargs if isinstance(request.kwargs, dict) else {}
    job_id = kwargs.get("job_id")
    started = request.time_start  # epoch seconds, set when a child accepted it
    return ActiveTask(
        task=str(request.name),
        task_id=str(request.id) if request.id else None,
        job_id=str(job_id) if job_id else None,
        started_at=datetime.fromtimestamp(started, UTC) if started else None,
    )


def current_activity() -> NodeActivity:
    """What this process's worker runs now and how many tasks it has taken since it started."""
    active = sorted((_task_of(r) for r in _active_requests()), key=lambda t: t.task_id or "")
    return NodeActivity(active=active, processed=int(worker_state.all_total_count[0]))


class NodeHeartbeat:
    """Beats until stopped; a beat that fails (the database is briefly down) is logged and the
    next one tries again, so the worker itself never notices.

    Its event loop and engine belong to whichever thread beats first: the daemon thread once
    :meth:`start` is called (a test may call :meth:`beat` from a thread of its own instead)."""

    def __init__(
        self,
        node: NodeIdentity,
        settings: Settings,
        activity: Callable[[], NodeActivity] = current_activity,
    ) -> None:
        self.node = node
        self.interval = settings.worker_heartbeat_seconds
        self._activity = activity
        self._settings = settings
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self._registered = False
        self._loop = asyncio.new_event_loop()
        self._engine: AsyncEngine | None = None

    def beat(self) -> bool:
        """One heartbeat write; the first one (and any after the row vanished) registers the
        node as just started. False when it failed."""
        activity = self._activity()
        if self._registered:
            return self._write(lambda s: nodes.record_beat(s, self.node, activity, utcnow()))
        self._registered = self._write(
            lambda s: nodes.record_start(s, self.node, activity, utcnow())
        )
        return self._registered

    def say_goodbye(self) -> bool:
        """The node stops cleanly: it is stopped, not missing."""
        return self._write(lambda s: nodes.record_stop(s, self.node, utcnow()))

    def close(self) -> None:
        if self._engine is not None:
            self._loop.run_until_complete(self._engine.dispose())
        self._loop.close()

    def start(self) -> None:
        self._thread = threading.Thread(
            target=self._run, name=f"heartbeat {self.node.name}", daemon=True
        )
        self._thread.start()

    def stop(self, timeout: float | None = None) -> None:
        """Says goodbye and waits for that write, at most ``timeout`` seconds."""
        self._stopping.set()
        if self._thread is not None:
            self._thread.join(timeout or self._settings.database_timeout_seconds + 5)

    def _write(self, step: Callable[[AsyncSession], Awaitable[None]]) -> bool:
        async def in_transaction() -> None:
            if self._engine is None:
                url = self._settings.database_url
                self._engine = create_engine(url, self._settings, pool_size=1, max_overflow=0)
            try:
                async with create_session_factory(self._engine)() as session, session.begin():
                    await step(session)
            finally:
                # A connection per beat, not one kept open: nothing for the prefork children
                # to inherit, and a restarted database is simply connected to again.
                await self._engine.dispose()

        try:
            self._loop.run_until_complete(in_transaction())
            return True
        except Exception as error:
            log.warning("worker.heartbeat_failed", node=self.node.name, error=str(error))
            return False

    def _run(self) -> None:
        try:
            while True:
                self.beat()
                if self._stopping.wait(self.interval):
                    break
            self.say_goodbye()
        finally:
            self.close()


_running: NodeHeartbeat | None = None


def _queues_of(consumer: Any) -> list[str]:
    return sorted(consumer.app.amqp.queues.consume_from or consumer.app.amqp.queues)


@worker_ready.connect  # type: ignore[untyped-decorator]
def _start_heartbeat(sender: Any, **_: Any) -> None:
    try:
        _start_for(sender)
    except Exception as error:  # telemetry must never keep a worker from working
        log.error("worker.heartbeat_not_started", error=str(error))


def _start_for(sender: Any) -> None:
    global _running
    node = NodeIdentity(
        name=str(sender.hostname),
        hostname=socket.gethostname(),
        pid=os.getpid(),
        queues=_queues_of(sender),
        concurrency=int(sender.controller.concurrency or 1),
    )
    _running = NodeHeartbeat(node, get_settings())
    _running.start()
    log.info("worker.heartbeat_started", node=node.name, queues=node.queues)


@worker_shutdown.connect  # type: ignore[untyped-decorator]
def _stop_heartbeat(**_: Any) -> None:
    global _running
    if _running is not None:
        _running.stop()
        _running = None
