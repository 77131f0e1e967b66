"""SQL on telemetry's own tables: stored snapshots and worker heartbeats."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from backend.models import TelemetrySnapshot, WorkerHeartbeat


async def add_snapshot(
    session: AsyncSession,
    workspace_id: uuid.UUID | None,
    taken_at: datetime,
    data: dict[str, Any],
    metrics: dict[str, float],
) -> None:
    session.add(
        TelemetrySnapshot(workspace_id=workspace_id, taken_at=taken_at, data=data, metrics=metrics)
    )


def _scope(workspace_id: uuid.UUID | None) -> Any:
    if workspace_id is None:
        return TelemetrySnapshot.workspace_id.is_(None)
    return TelemetrySnapshot.workspace_id == workspace_id


async def latest_snapshot(
    session: AsyncSession, workspace_id: uuid.UUID | None, since: datetime
) -> TelemetrySnapshot | None:
    """The scope's newest snapshot taken at or after ``since`` (index on scope, taken_at)."""
    return await session.scalar(
        select(TelemetrySnapshot)
        .where(_scope(workspace_id), TelemetrySnapshot.taken_at >= since)
        .order_by(TelemetrySnapshot.taken_at.desc())
        .limit(1)
    )


async def recent_snapshots(
    session: AsyncSession,
    workspace_id: uuid.UUID | None,
    limit: int,
    *,
    before: datetime | None = None,
) -> list[TelemetrySnapshot]:
    """The scope's newest ``limit`` snapshots (taken before ``before`` when given), newest
    first: what alert rules that look back and the health analysis read."""
    statement = select(TelemetrySnapshot).where(_scope(workspace_id))
    if before is not None:
        statement = statement.where(TelemetrySnapshot.taken_at < before)
    rows = await session.scalars(statement.order_by(TelemetrySnapshot.taken_at.desc()).limit(limit))
    return list(rows)


async def metric_values(
    session: AsyncSession,
    workspace_id: uuid.UUID | None,
    metric: str,
    start: datetime,
    end: datetime,
) -> Sequence[tuple[datetime, float]]:
    """(taken_at, value) of the scope's snapshots in [start, end) that have ``metric``, oldest
    first. Only that number is read out of each row's JSON, never the whole snapshot."""
    value = TelemetrySnapshot.metrics[metric].as_float()
    result = await session.execute(
        select(TelemetrySnapshot.taken_at, value)
        .where(
            _scope(workspace_id),
            TelemetrySnapshot.taken_at >= start,
            TelemetrySnapshot.taken_at < end,
        )
        .order_by(TelemetrySnapshot.taken_at)
    )
    return [(taken_at, float(found)) for taken_at, found in result.all() if found is not None]


async def prune_snapshots(session: AsyncSession, before: datetime) -> int:
    result = await session.execute(
        delete(TelemetrySnapshot).where(TelemetrySnapshot.taken_at < before)
    )
    return int(getattr(result, "rowcount", 0) or 0)


async def heartbeats(session: AsyncSession) -> Sequence[WorkerHeartbeat]:
    result = await session.scalars(select(WorkerHeartbeat).order_by(WorkerHeartbeat.name))
    return result.all()


async def node_started(session: AsyncSession, name: str, fields: dict[str, Any]) -> None:
    """A node (re)started: its row says so, whatever a previous run of that name left."""
    row = await session.get(WorkerHeartbeat, name, with_for_update=True)
    if row is None:
        session.add(WorkerHeartbeat(name=name, **fields, stopped_at=None))
        return
    for key, value in fields.items():
        setattr(row, key, value)
    row.stopped_at = None


async def node_beat(session: AsyncSession, name: str, fields: dict[str, Any]) -> bool:
    """False when the node has no row (it was deleted while running): start it again."""
    result = await session.execute(
        update(WorkerHeartbeat).where(WorkerHeartbeat.name == name).values(**fields)
    )
    return bool(getattr(result, "rowcount", 0))


async def node_stopped(session: AsyncSession, name: str, at: datetime) -> None:
    await session.execute(
        update(WorkerHeartbeat)
        .where(WorkerHeartbeat.name == name)
        .values(stopped_at=at, seen_at=at, active=[])
    )
