"""Job lifecycle: pending → running → succeeded | failed | cancelled, every change in the ledger."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Any

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from backend import events, ledger
from backend.config import Settings
from backend.enqueue import enqueue
from backend.errors import Conflict, Forbidden, InvalidInput, NotFound
from backend.iam.context import WorkspaceContext
from backend.jobs import repository, subjects
from backend.jobs.types import JOB_TYPES
from backend.models import Job
from backend.models.job import FINISHED_STATES
from backend.pagination import Slice, Window
from backend.resend import backoff
from backend.resend.dead import declare_dead
from core.clock import utcnow
from core.errors import PermanentError

log = structlog.get_logger(__name__)


class JobNotFound(NotFound):
    code = "job_not_found"
    default_message = "No such job in this workspace."


class JobMissing(PermanentError):
    """A task was handed the id of a job that does not exist (deleted, or another database)."""


class JobCancelled(Exception):
    """Raised inside a running task when the user cancelled its job."""


class JobTakenOver(JobCancelled):
    """Raised inside a running task whose job is no longer its own: it was presumed dead (no
    heartbeat for too long) and another worker took the job over, or the job was finished."""


def stale_after(settings: Settings) -> timedelta:
    return timedelta(seconds=settings.job_stale_after_seconds)


def _gave_up(attempts: int) -> str:
    return (
        f"Its worker stopped responding on each of {attempts} attempts (it was killed, or the "
        "machine ran out of memory or restarted); the job was given up."
    )


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
    _announce(session, job, type)


def _announce(session: AsyncSession, job: Job, change: str) -> None:
    """The job's state as subscribers of the event stream see it (progress included)."""
    events.record(
        session,
        job.workspace_id,
        "job.progress" if change == "job.progress" else "job.state",
        subject_id=job.id,
        data={
            "job_type": job.type,
            "state": job.state,
            "progress": job.progress,
            "change": change,
            "asset_id": str(job.asset_id) if job.asset_id else None,
            "clip_id": str(job.clip_id) if job.clip_id else None,
        },
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
    if type == "media.render_variant":
        raise InvalidInput("Ask for renders with POST /v1/clips/{clip_id}/variants.")
    # Only renders (refused above) name a clip, and only media jobs an asset: any other id would
    # be stored unchecked, pointing at nothing or at another workspace's rows.
    if clip_id is not None:
        raise InvalidInput(f"A {type} job takes no clip_id.")
    if type not in ("media.process", "media.analyze") and asset_id is not None:
        raise InvalidInput(f"A {type} job takes no asset_id.")
    if type in ("media.process", "media.analyze"):
        if asset_id is None:
            raise InvalidInput(f"A {type} job needs the asset_id of the video to process.")
        if not await repository.asset_in_workspace(session, ctx.workspace_id, asset_id):
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


async def start(session: AsyncSession, settings: Settings, job_id: uuid.UUID) -> Job | None:
    """Claim a job for this worker; None when it is finished or a live worker is on it.

    A running job with a stale heartbeat lost its worker: it is taken over, or failed once it
    has been started ``job_max_attempts`` times.
    """
    job = await repository.get(session, job_id)
    if job is None:
        raise JobMissing(f"job {job_id} does not exist")
    stale_before = utcnow() - stale_after(settings)
    if await _give_up_if_exhausted(session, job, stale_before, settings.job_max_attempts):
        return None
    lost = job.state == "running"
    lost_attempt, last_heartbeat = job.attempts, job.heartbeat_at
    attempt = await repository.claim(session, job_id, stale_before)
    if attempt is None:
        log.info("jobs.skipped", job_id=str(job_id), state=job.state)
        return None
    job = await repository.get(session, job_id)
    assert job is not None
    if lost:
        silent = (utcnow() - last_heartbeat).total_seconds() if last_heartbeat else None
        log.warning("jobs.worker_lost", job_id=str(job_id), attempt=lost_attempt)
        await _record(
            session,
            job,
            "job.worker_lost",
            attempt=lost_attempt,
            silent_seconds=round(silent, 1) if silent is not None else None,
        )
    await _record(session, job, "job.started", attempt=attempt)
    return job


async def _give_up_if_exhausted(
    session: AsyncSession, job: Job, stale_before: datetime, max_attempts: int
) -> bool:
    reason = _gave_up(job.attempts)
    if not await repository.give_up_lost(session, job.id, stale_before, max_attempts, reason):
        return False
    await session.refresh(job)
    log.error("jobs.given_up", job_id=str(job.id), attempts=job.attempts)
    await _dead(session, job, reason)
    return True


async def _dead(session: AsyncSession, job: Job, reason: str) -> None:
    """A job the outbox gave up: failed, with what it worked on, and visibly dead."""
    await _record(session, job, "job.failed", error=reason, attempt=job.attempts)
    await subjects.fail_with(session, job, reason)
    await declare_dead(
        session, job, kind="jobs", error=reason, workspace_id=job.workspace_id, job_id=job.id
    )


def _never_delivered(sends: int) -> str:
    return (
        f"Its task was sent {sends + 1} times and no worker ever took it (is a worker running "
        "for its queue?); the job was given up."
    )


async def _give_up_undelivered(session: AsyncSession, job: Job) -> None:
    reason = _never_delivered(job.sends)
    job.state, job.error, job.finished_at = "failed", reason, utcnow()
    await session.flush()
    log.error("jobs.given_up", job_id=str(job.id), sends=job.sends)
    await _dead(session, job, reason)


async def heartbeat(session: AsyncSession, job_id: uuid.UUID, attempt: int) -> bool:
    """The running task's sign of life; False when the job is no longer its own."""
    return await repository.heartbeat(session, job_id, attempt)


async def _own(session: AsyncSession, job_id: uuid.UUID, attempt: int) -> Job | None:
    """The job if ``attempt`` still holds it (running, not taken over by a later attempt)."""
    job = await repository.get(session, job_id)
    if job is None or job.state != "running" or job.attempts != attempt:
        return None
    return job


async def report_progress(
    session: AsyncSession, job_id: uuid.UUID, attempt: int, percent: int
) -> None:
    job = await repository.get(session, job_id)
    if job is None:
        raise JobMissing(f"job {job_id} does not exist")
    if job.state == "cancelled":
        raise JobCancelled()
    if job.state != "running" or job.attempts != attempt:
        raise JobTakenOver()
    progress = max(job.progress, min(99, percent))
    if progress != job.progress:
        job.progress = progress
        _announce(session, job, "job.progress")
    await session.flush()


async def succeed(
    session: AsyncSession, job_id: uuid.UUID, attempt: int, result: dict[str, Any]
) -> None:
    job = await _own(session, job_id, attempt)
    if job is None:
        return
    job.state, job.progress, job.result, job.error = "succeeded", 100, result, None
    job.finished_at = utcnow()
    await session.flush()
    await _record(session, job, "job.succeeded")


async def fail(
    session: AsyncSession, job_id: uuid.UUID, attempt: int, error: str, *, will_retry: bool
) -> None:
    job = await _own(session, job_id, attempt)
    if job is None:
        return
    job.error = error
    if will_retry:
        # Celery sends the retry itself; the outbox looks again the usual time after it.
        job.state, job.dispatched_at, job.resend_at = "pending", utcnow(), None
        await session.flush()
        await _record(session, job, "job.retrying", error=error, attempt=job.attempts)
        return
    job.state, job.finished_at = "failed", utcnow()
    await session.flush()
    await _record(session, job, "job.failed", error=error, attempt=job.attempts)
    # Whatever ended the job (not only a media error its task expected), what it was working on
    # must not stay "rendering" or "analyzing" for ever.
    await subjects.fail_with(session, job, error)


async def redispatch_stale(session: AsyncSession, settings: Settings) -> int:
    """The outbox's job kind: send again the jobs whose message was lost (with backoff, given up
    after ``outbox_max_sends`` sends nobody took) or whose worker died; tasks are idempotent.

    Only ``dispatched_at`` (and the send count) is written here: the heartbeat that tells a dead
    job from a long one stays as the dead worker left it, so the task sent now can take it over.
    """
    now = utcnow()
    stale_before = now - stale_after(settings)
    pending_before = now - timedelta(seconds=settings.job_redispatch_after_seconds)
    jobs = await repository.due_for_dispatch(session, now, pending_before, stale_before)
    sent = 0
    for job in jobs:
        if await _give_up_if_exhausted(session, job, stale_before, settings.job_max_attempts):
            continue
        if job.state == "pending":
            if backoff.exhausted(settings, job.sends):
                await _give_up_undelivered(session, job)
                continue
            job.sends += 1
            job.resend_at = backoff.after_send(settings, job.sends, now)
        job.dispatched_at = now
        enqueue(session, JOB_TYPES[job.type].task, job_id=job.id)
        log.warning("jobs.redispatched", job_id=str(job.id), state=job.state)
        sent += 1
    await session.flush()
    return sent


async def summary(session: AsyncSession, workspace_id: uuid.UUID) -> dict[str, int]:
    """Jobs per state in one workspace; no caller sees another workspace's activity."""
    counts = await repository.count_by_state(session, workspace_id)
    return {
        state: counts.get(state, 0)
        for state in ("pending", "running", "succeeded", "failed", "cancelled")
    }


async def list_in_workspace(
    session: AsyncSession,
    workspace_id: uuid.UUID,
    *,
    state: str | None,
    type: str | None,
    window: Window,
) -> Slice[Job]:
    return await repository.list_in_workspace(
        session, workspace_id, state=state, type=type, window=window
    )
