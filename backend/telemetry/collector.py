"""Taking snapshots: the instance's and each workspace's, from one round of grouped queries.

Windows: failure rates over the last 5 and 60 minutes (jobs that succeeded or failed in them);
durations (p50, p95) over the last day, of jobs that succeeded, also what a running job of that
type is expected to take. Queues, workers and disk belong to the instance and are the same in
every snapshot of a collection.
"""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import structlog
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from backend.config import Settings
from backend.models import Workspace
from backend.publishing.allowance import Allowance, counted_allowances
from backend.telemetry import assemble, nodes
from backend.telemetry import workload_repository as workload
from backend.telemetry.metrics import flatten
from backend.telemetry.schemas import Disk, QueueDepth, Snapshot, WorkerStatus
from core.broker import QUEUES
from core.clock import utcnow
from core.queue_depth import QueueDepthUnavailable, queue_depths

log = structlog.get_logger(__name__)

DURATION_WINDOW = timedelta(days=1)
FAILURE_WINDOW = timedelta(minutes=60)
RECENT_FAILURE_WINDOW = timedelta(minutes=5)
WEBHOOK_WINDOW = timedelta(minutes=60)


@dataclass(frozen=True)
class Collection:
    instance: Snapshot
    workspaces: dict[uuid.UUID, Snapshot]


@dataclass(frozen=True)
class Readings:
    """One round of queries; ``workspace`` None: every workspace's rows."""

    now: datetime
    interval: float
    queues: list[QueueDepth]
    workers: list[WorkerStatus]
    disk: Disk | None
    jobs: list[Sequence[Any]]
    running: list[Sequence[Any]]
    verdicts: list[Sequence[Any]]
    runs: list[Sequence[Any]]
    assets: list[Sequence[Any]]
    clips: list[Sequence[Any]]
    publications: list[Sequence[Any]]
    accounts: list[Sequence[Any]]
    allowances: dict[uuid.UUID, Allowance]
    webhooks: list[Sequence[Any]]
    webhook_totals: Sequence[Any] | None
    audits: list[Sequence[Any]]
    job_owners: dict[str, uuid.UUID]


def measure_disk(settings: Settings) -> Disk | None:
    """The media folder's file system; None when media lives in object storage."""
    if settings.storage_backend != "local":
        return None
    path = Path(settings.media_dir).resolve()
    while not path.exists() and path != path.parent:
        path = path.parent  # not made yet: its file system is its nearest existing parent's
    try:
        usage = shutil.disk_usage(path)
    except OSError as error:
        log.warning("telemetry.disk_unreadable", path=str(path), error=str(error))
        return None
    ratio = usage.free / usage.total if usage.total else 0.0
    return Disk(path=str(path), total_bytes=usage.total, free_bytes=usage.free, free_ratio=ratio)


async def measure_queues(settings: Settings, workers: list[WorkerStatus]) -> list[QueueDepth]:
    """Empty when the broker cannot be read: a depth we do not know is not a zero."""
    try:
        depths = await queue_depths(settings, limit_seconds=settings.broker_timeout_seconds)
    except QueueDepthUnavailable as error:
        log.warning("telemetry.queue_depth_failed", error=str(error))
        return []
    alive = [worker for worker in workers if worker.state == "alive"]
    return [
        QueueDepth(name=name, depth=depths[name], consumers=sum(name in w.queues for w in alive))
        for name in QUEUES
    ]


async def read(session: AsyncSession, settings: Settings, workspace: uuid.UUID | None) -> Readings:
    now = utcnow()
    workers = await nodes.statuses(session, now, settings.worker_heartbeat_seconds)
    accounts = list(await workload.accounts(session, workspace))
    webhook_since = now - WEBHOOK_WINDOW
    return Readings(
        now=now,
        interval=settings.telemetry_interval_seconds,
        queues=await measure_queues(settings, workers),
        workers=workers,
        disk=measure_disk(settings),
        jobs=list(await workload.job_counts(session, workspace)),
        running=list(await workload.running_jobs(session, workspace)),
        verdicts=list(
            await workload.verdicts(
                session, workspace, now - FAILURE_WINDOW, now - RECENT_FAILURE_WINDOW
            )
        ),
        # Instance-wide whatever the scope: what a job type takes depends on the machines.
        runs=list(await workload.succeeded_runs(session, None, now - DURATION_WINDOW)),
        assets=list(await workload.asset_counts(session, workspace)),
        clips=list(await workload.clip_counts(session, workspace)),
        publications=list(await workload.publication_counts(session, workspace)),
        accounts=accounts,
        allowances=await counted_allowances(
            session, settings, [(row[1], row[2]) for row in accounts]
        ),
        webhooks=list(await workload.webhooks_by_workspace(session, workspace, webhook_since)),
        webhook_totals=await workload.webhook_totals(session, webhook_since)
        if workspace is None
        else None,
        audits=list(await workload.latest_audits(session, workspace)),
        job_owners=await job_owners(session, workers),
    )


async def job_owners(session: AsyncSession, workers: list[WorkerStatus]) -> dict[str, uuid.UUID]:
    ids = set()
    for task in (task for worker in workers for task in worker.active):
        try:
            ids.add(uuid.UUID(task.job_id or ""))
        except ValueError:
            continue  # not a job's task
    return await workload.job_owners(session, ids)


def workers_seen_by(
    workers: list[WorkerStatus], owners: dict[str, uuid.UUID], workspace: uuid.UUID
) -> list[WorkerStatus]:
    """Another workspace's task shows its name only: its ids would name that workspace's rows."""
    return [
        worker.model_copy(
            update={
                "active": [
                    task
                    if task.job_id and owners.get(task.job_id) == workspace
                    else task.model_copy(update={"task_id": None, "job_id": None})
                    for task in worker.active
                ]
            }
        )
        for worker in workers
    ]


def build(readings: Readings, workspace: uuid.UUID | None) -> Snapshot:
    """``workspace`` None: the instance's snapshot."""
    r = readings
    expected = {d.type: d.p95_seconds for d in assemble.durations(assemble.mine(r.runs, None))}
    running = assemble.running(assemble.mine(r.running, workspace), expected, r.now)
    webhook_rows = (
        [r.webhook_totals]
        if workspace is None and r.webhook_totals
        else assemble.mine(r.webhooks, workspace)
    )
    workers = (
        r.workers if workspace is None else workers_seen_by(r.workers, r.job_owners, workspace)
    )
    snapshot = Snapshot(
        taken_at=r.now,
        scope="instance" if workspace is None else "workspace",
        workspace_id=workspace,
        interval_seconds=r.interval,
        queues=r.queues,
        jobs=assemble.job_counts(assemble.mine(r.jobs, workspace)),
        running=running,
        assets_by_state=assemble.by_key(assemble.mine(r.assets, workspace)),
        clips_by_status=assemble.by_key(assemble.mine(r.clips, workspace)),
        publications=assemble.publication_counts(assemble.mine(r.publications, workspace)),
        failure_rates=assemble.failure_rates(assemble.mine(r.verdicts, workspace)),
        durations=assemble.durations(assemble.mine(r.runs, workspace)),
        workers=workers,
        accounts=assemble.accounts(assemble.mine(r.accounts, workspace), r.allowances, r.now),
        disk=r.disk,
        webhooks=assemble.webhooks(webhook_rows),
        ledger=assemble.ledger(assemble.mine(r.audits, workspace)),
        metrics={},
    )
    snapshot.metrics = flatten(snapshot)
    return snapshot


async def collect(session: AsyncSession, settings: Settings) -> Collection:
    """The instance's snapshot and every workspace's, from the same readings."""
    readings = await read(session, settings, None)
    workspace_ids = (await session.scalars(select(Workspace.id).order_by(Workspace.id))).all()
    return Collection(
        instance=build(readings, None),
        workspaces={workspace: build(readings, workspace) for workspace in workspace_ids},
    )


async def snapshot_now(session: AsyncSession, settings: Settings, workspace: uuid.UUID) -> Snapshot:
    """One workspace's snapshot, read for it alone."""
    return build(await read(session, settings, workspace), workspace)
