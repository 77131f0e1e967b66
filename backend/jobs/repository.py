from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import ColumnElement, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from backend.models import Asset, Job
from backend.pagination import Key, Slice, Window, keyset
from core.clock import utcnow


async def add(session: AsyncSession, job: Job) -> Job:
    session.add(job)
    await session.flush()
    return job


async def get(session: AsyncSession, job_id: uuid.UUID) -> Job | None:
    return await session.get(Job, job_id, populate_existing=True)


async def get_in_workspace(
    session: AsyncSession, workspace_id: uuid.UUID, job_id: uuid.UUID
) -> Job | None:
    result = await session.execute(
        select(Job).where(Job.id == job_id, Job.workspace_id == workspace_id)
    )
    return result.scalar_one_or_none()


async def asset_in_workspace(
    session: AsyncSession, workspace_id: uuid.UUID, asset_id: uuid.UUID
) -> bool:
    """Whether a job may name this asset: asset domain code imports jobs, so jobs asks the table."""
    result = await session.execute(
        select(Asset.id).where(Asset.id == asset_id, Asset.workspace_id == workspace_id)
    )
    return result.scalar_one_or_none() is not None


async def list_in_workspace(
    session: AsyncSession,
    workspace_id: uuid.UUID,
    *,
    state: str | None,
    type: str | None,
    window: Window,
) -> Slice[Job]:
    statement = select(Job).where(Job.workspace_id == workspace_id)
    if state is not None:
        statement = statement.where(Job.state == state)
    if type is not None:
        statement = statement.where(Job.type == type)
    keys = (Key(Job.created_at), Key(Job.id))
    return await keyset(session, statement, keys, window, count=True)


def _lost_worker(stale_before: datetime) -> ColumnElement[bool]:
    """A running job whose holder has sent no heartbeat since ``stale_before``."""
    return (Job.state == "running") & or_(
        Job.heartbeat_at.is_(None), Job.heartbeat_at < stale_before
    )


async def claim(session: AsyncSession, job_id: uuid.UUID, stale_before: datetime) -> int | None:
    """Move a job to running unless a live worker holds it; the attempt number when claimed.

    One conditional UPDATE, so of two copies of a message only one claims the job: on PostgreSQL
    the second waits on the row lock and then finds the heartbeat fresh.
    """
    now = utcnow()
    claimed = await session.execute(
        update(Job)
        .where(Job.id == job_id, or_(Job.state == "pending", _lost_worker(stale_before)))
        .values(
            state="running",
            attempts=Job.attempts + 1,
            started_at=now,
            heartbeat_at=now,
            sends=0,  # a worker took it: the count of unanswered sends starts again
            resend_at=None,
        )
        .returning(Job.attempts)
        .execution_options(synchronize_session=False)
    )
    return claimed.scalar_one_or_none()


async def heartbeat(session: AsyncSession, job_id: uuid.UUID, attempt: int) -> bool:
    """Prove the worker on ``attempt`` is alive; False once the job is no longer its own
    (cancelled, finished, or taken over after this worker was presumed dead)."""
    result = await session.execute(
        update(Job)
        .where(Job.id == job_id, Job.state == "running", Job.attempts == attempt)
        .values(heartbeat_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    return bool(getattr(result, "rowcount", 0))


async def give_up_lost(
    session: AsyncSession, job_id: uuid.UUID, stale_before: datetime, max_attempts: int, error: str
) -> bool:
    """Fail a job that lost its worker and has used all its attempts; True if it was failed."""
    result = await session.execute(
        update(Job)
        .where(Job.id == job_id, _lost_worker(stale_before), Job.attempts >= max_attempts)
        .values(state="failed", error=error, finished_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    return bool(getattr(result, "rowcount", 0))


async def due_for_dispatch(
    session: AsyncSession,
    now: datetime,
    pending_before: datetime,
    stale_before: datetime,
    limit: int = 500,
) -> Sequence[Job]:
    """Pending jobs whose next send time has come (or, without one, last sent before
    ``pending_before``), and running jobs whose worker died, unless sent since ``stale_before``."""
    pending_due = or_(
        Job.resend_at <= now,
        Job.resend_at.is_(None)
        & or_(Job.dispatched_at.is_(None), Job.dispatched_at < pending_before),
    )
    result = await session.execute(
        select(Job)
        .where(
            or_(
                (Job.state == "pending") & pending_due,
                _lost_worker(stale_before)
                & or_(Job.dispatched_at.is_(None), Job.dispatched_at < stale_before),
            )
        )
        .order_by(Job.created_at)
        .limit(limit)
    )
    return result.scalars().all()


async def count_by_state(session: AsyncSession, workspace_id: uuid.UUID) -> dict[str, int]:
    result = await session.execute(
        select(Job.state, func.count()).where(Job.workspace_id == workspace_id).group_by(Job.state)
    )
    return {state: int(count) for state, count in result.all()}
