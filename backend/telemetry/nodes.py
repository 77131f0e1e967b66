"""Worker nodes: what each one reports about itself, and what state that makes it.

A node writes its heartbeat every ``worker_heartbeat_seconds``. One that has not for
``MISSED_BEATS`` intervals, without having said it stops, is missing: killed, frozen, or cut
off from the database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Literal

from sqlalchemy.ext.asyncio import AsyncSession

from backend.models import WorkerHeartbeat
from backend.telemetry import repository
from backend.telemetry.schemas import ActiveTask, WorkerStatus

MISSED_BEATS = 3

NodeState = Literal["alive", "missing", "stopped"]


@dataclass(frozen=True)
class NodeIdentity:
    """What a node is for its whole run."""

    name: str
    hostname: str
    pid: int
    queues: list[str]
    concurrency: int


@dataclass(frozen=True)
class NodeActivity:
    """What a node does at one beat: the tasks it runs now, and how many it has taken."""

    active: list[ActiveTask] = field(default_factory=list)
    processed: int = 0

    def columns(self) -> dict[str, Any]:
        return {
            "active": [task.model_dump(mode="json") for task in self.active],
            "processed": self.processed,
        }


async def record_start(
    session: AsyncSession, node: NodeIdentity, activity: NodeActivity, now: datetime
) -> None:
    await repository.node_started(
        session,
        node.name,
        {
            "hostname": node.hostname,
            "pid": node.pid,
            "queues": node.queues,
            "concurrency": node.concurrency,
            "started_at": now,
            "seen_at": now,
            **activity.columns(),
        },
    )


async def record_beat(
    session: AsyncSession, node: NodeIdentity, activity: NodeActivity, now: datetime
) -> None:
    if not await repository.node_beat(session, node.name, {"seen_at": now, **activity.columns()}):
        await record_start(session, node, activity, now)


async def record_stop(session: AsyncSession, node: NodeIdentity, now: datetime) -> None:
    await repository.node_stopped(session, node.name, now)


def state_of(row: WorkerHeartbeat, now: datetime, heartbeat_seconds: float) -> NodeState:
    if row.stopped_at is not None:
        return "stopped"
    if now - row.seen_at > timedelta(seconds=MISSED_BEATS * heartbeat_seconds):
        return "missing"
    return "alive"


def status_of(row: WorkerHeartbeat, now: datetime, heartbeat_seconds: float) -> WorkerStatus:
    state = state_of(row, now, heartbeat_seconds)
    return WorkerStatus(
        name=row.name,
        hostname=row.hostname,
        pid=row.pid,
        queues=list(row.queues or []),
        concurrency=row.concurrency,
        state=state,
        started_at=row.started_at,
        seen_at=row.seen_at,
        processed=row.processed,
        # A missing node keeps what it last said it ran: the work it probably took down with it.
        active=[ActiveTask.model_validate(task) for task in row.active or []],
    )


async def statuses(
    session: AsyncSession, now: datetime, heartbeat_seconds: float
) -> list[WorkerStatus]:
    return [status_of(row, now, heartbeat_seconds) for row in await repository.heartbeats(session)]
