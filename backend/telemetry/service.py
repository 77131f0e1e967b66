"""Telemetry: taking and keeping snapshots, and reading them back for the API. Services never
commit: the collecting task, or the request, owns the transaction."""

from __future__ import annotations

import uuid
from datetime import timedelta

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from backend.config import Settings
from backend.events import record
from backend.telemetry import collector, nodes, repository
from backend.telemetry.collector import Collection
from backend.telemetry.schemas import Snapshot, WorkerList
from core.clock import utcnow

log = structlog.get_logger(__name__)

# A stored snapshot older than this many intervals means no collection is running (no beat).
FRESH_INTERVALS = 3


async def _store(session: AsyncSession, snapshot: Snapshot) -> None:
    data = snapshot.model_dump(mode="json")
    await repository.add_snapshot(
        session, snapshot.workspace_id, snapshot.taken_at, data, snapshot.metrics
    )
    # The numbers only: subscribers redraw their charts from them, and fetch the rest if needed.
    record(
        session,
        snapshot.workspace_id,
        "telemetry.snapshot",
        data={"taken_at": data["taken_at"], "scope": snapshot.scope, "metrics": snapshot.metrics},
    )


async def collect_and_store(session: AsyncSession, settings: Settings) -> Collection:
    """Takes the instance's and every workspace's snapshot, stores them and announces each on
    the event stream. Also what to call for a snapshot on demand."""
    collection = await collector.collect(session, settings)
    for snapshot in (collection.instance, *collection.workspaces.values()):
        await _store(session, snapshot)
    await session.flush()
    return collection


async def prune(session: AsyncSession, settings: Settings) -> int:
    before = utcnow() - timedelta(seconds=settings.telemetry_retention_seconds)
    removed = await repository.prune_snapshots(session, before)
    if removed:
        log.info("telemetry.pruned", snapshots=removed)
    return removed


async def latest_snapshot(
    session: AsyncSession, settings: Settings, workspace_id: uuid.UUID
) -> Snapshot:
    """The newest stored snapshot, or, when none is fresh (nothing collects: no beat), one taken
    now and not stored."""
    fresh_since = utcnow() - timedelta(
        seconds=FRESH_INTERVALS * settings.telemetry_interval_seconds
    )
    stored = await repository.latest_snapshot(session, workspace_id, fresh_since)
    if stored is not None:
        return Snapshot.model_validate(stored.data)
    return await collector.snapshot_now(session, settings, workspace_id)


async def workers(session: AsyncSession, settings: Settings, workspace_id: uuid.UUID) -> WorkerList:
    heartbeat = settings.worker_heartbeat_seconds
    statuses = await nodes.statuses(session, utcnow(), heartbeat)
    owners = await collector.job_owners(session, statuses)
    return WorkerList(
        heartbeat_seconds=heartbeat,
        workers=collector.workers_seen_by(statuses, owners, workspace_id),
    )
