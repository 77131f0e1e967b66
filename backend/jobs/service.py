"""Job lifecycle: pending → running → succeeded | failed | cancelled, every change in the ledger."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from backend import ledger
from backend.enqueue import enqueue
from backend.errors import Conflict, Forbidden, InvalidInput, NotFound, PermanentError
from backend.iam.context import WorkspaceContext
from backend.jobs import repository
from backend.jobs.types import JOB_TYPES
from backend.models import Job
from backend.models.base import utcnow
from backend.models.job import FINISHED_STATES

log = structlog.get_logger(__name__)

# A running job reports progress at least this often; silence for longer means its worker died.
STALE_AFTER = timedelta(minutes=10)


class JobNotFound(NotFound):
    code = "job_not_found"
    default_message = "No such job in this workspace."


class JobMissing(PermanentError):
    """A task was handed the id of a job that does not exist (deleted, or another database)."""


class JobCancelled(Exception):
    """Raised inside a running task when the user cancelled its job."""


async def _record(session: AsyncSession, job: Job, type: str, **payload: Any) -> None:
    await ledger.record(
        session,
        type,
        workspace_id=job.workspace_id,
        job_id=job.id,
        asset_id=job.asset_id,
        clip_id=job.clip_id,
        actor_id=payload.pop("actor_id", None),
        payload={"job_type": job.type, **payload},
    )


async def submit(
    session: AsyncSession,
    *,
    workspace_id: uuid.UUID,
    type: str,
    created_by_id: uuid.UUID | None,
    params: dict[str, Any] | None = None,
    asset_id: uuid.UUID | None = None,
    clip_id: uuid.UUID | None = None,
) -> Job:
    """Create a job row and queue its task once the caller's transaction commits."""
    job = await repository.add(
        session,
        Job(
            id=uuid.uuid4(),
            workspace_id=workspace_id,
            type=type,
            params=params or {},
            asset_id=asset_id,
            clip_id=clip_id,
            created_by_id=created_by_id,
            dispatched_at=utcnow(),
        ),
    )
    await _record(session, job, "job.created", actor_id=created_by_id)
    enqueue(session, JOB_TYPES[type].task, task_id=job.id, job_id=job.id)
    return job


async def create(
    session: AsyncSession,
    ctx: WorkspaceContext,
    type: str,
    params: dict[str, Any],
    *,
    asset_id: uuid.UUID | None = None,
    clip_id: uuid.UUID | None = None,
) -> Job:
    """A job a user starts; their role must allow that job type."""
    job_type = JOB_TYPES[type]
    if not ctx.can(job_type.permission):
        raise Forbidden(f"Starting a {type} job needs the '{job_type.permission}' permission.")
    return await submit(
        session,
        workspace_id=ctx.workspace_id,
        type=type,
        created_by_id=ctx.user_id,
        params=params,
        asset_id=asset_id,
        clip_id=clip_id,
    )


async def create_checked(
    session: AsyncSession,
    ctx: WorkspaceContext,
    type: str,
    params: dict[str, Any],
    *,
    asset_id: uuid.UUID | None,
    clip_id: uuid.UUID | None,
) -> Job:
    """A job a user asked for over the API: its target must exist in their workspace."""
    from backend.assets import repository as assets

    if type == "media.render_variant":
        raise InvalidInput("Ask for renders with POST /clips/{clip_id}/variants.")
    # Only renders (refused above) name a clip, and only media jobs an asset: any other id would
    # be stored unchecked, pointing at nothing or at another workspace's rows.
    if clip_id is not None:
        raise InvalidInput(f"A {type} job takes no clip_id.")
    if type not in ("media.process", "media.analyze") and asset_id is not None:
        raise InvalidInput(f"A {type} job takes no asset_id.")
    if type in ("media.process", "media.analyze"):
        if asset_id is None:
            raise InvalidInput(f"A {type} job needs the asset_id of the video to process.")
        if await assets.get_in_workspace(session, ctx.workspace_id, asset_id) is None:
            raise NotFound("No such asset in this workspace.")
    return await create(session, ctx, type, params, asset_id=asset_id, clip_id=clip_id)


async def get(session: AsyncSession, ctx: WorkspaceContext, job_id: uuid.UUID) -> Job:
    job = await repository.get_in_workspace(session, ctx.workspace_id, job_id)
    if job is None:
        raise JobNotFound()
    return job


async def cancel(session: AsyncSession, ctx: WorkspaceContext, job_id: uuid.UUID) -> Job:
    job = await get(session, ctx, job_id)
    if job.state in FINISHED_STATES:
        raise Conflict(f"The job has already {job.state}; there is nothing to cancel.")
    job.state, job.finished_at = "cancelled", utcnow()
    await session.flush()
    await _record(session, job, "job.cancelled", actor_id=ctx.user_id)
    return job


async def start(session: AsyncSession, job_id: uuid.UUID) -> Job | None:
    """Claim a job for this worker; None when it is finished or another worker is on it."""
    job = await repository.get(session, job_id)
    if job is None:
        raise JobMissing(f"job {job_id} does not exist")
    if not await repository.claim(session, job_id, utcnow() - STALE_AFTER):
        log.info("jobs.skipped", job_id=str(job_id), state=job.state)
        return None
    job = await repository.get(session, job_id)
    assert job is not None
    await _record(session, job, "job.started", attempt=job.attempts)
    return job


async def report_progress(session: AsyncSession, job_id: uuid.UUID, percent: int) -> None:
    job = await repository.get(session, job_id)
    if job is None:
        raise JobMissing(f"job {job_id} does not exist")
    if job.state == "cancelled":
        raise JobCancelled()
    job.progress = max(job.progress, min(99, percent))
    job.updated_at = utcnow()
    await session.flush()


async def succeed(session: AsyncSession, job_id: uuid.UUID, result: dict[str, Any]) -> None:
    job = await repository.get(session, job_id)
    if job is None or job.state != "running":
        return
    job.state, job.progress, job.result, job.error = "succeeded", 100, result, None
    job.finished_at = utcnow()
    await session.flush()
    await _record(session, job, "job.succeeded")


async def fail(session: AsyncSession, job_id: uuid.UUID, error: str, *, will_retry: bool) -> None:
    job = await repository.get(session, job_id)
    if job is None or job.state != "running":
        return
    job.error = error
    if will_retry:
        job.state, job.dispatched_at = "pending", utcnow()
        await session.flush()
        await _record(session, job, "job.retrying", error=error, attempt=job.attempts)
        return
    job.state, job.finished_at = "failed", utcnow()
    await session.flush()
    await _record(session, job, "job.failed", error=error, attempt=job.attempts)


async def redispatch_stale(session: AsyncSession, pending_after: timedelta) -> int:
    """Send again the jobs whose message was lost or whose worker died; tasks are idempotent."""
    now = utcnow()
    jobs = await repository.due_for_dispatch(session, now - pending_after, now - STALE_AFTER)
    for job in jobs:
        job.dispatched_at = now
        enqueue(session, JOB_TYPES[job.type].task, job_id=job.id)
        log.warning("jobs.redispatched", job_id=str(job.id), state=job.state)
    await session.flush()
    return len(jobs)


async def summary(session: AsyncSession, workspace_id: uuid.UUID) -> dict[str, int]:
    """Jobs per state in one workspace; no caller sees another workspace's activity."""
    counts = await repository.count_by_state(session, workspace_id)
    return {
        state: counts.get(state, 0)
        for state in ("pending", "running", "succeeded", "failed", "cancelled")
    }
