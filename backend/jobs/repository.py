from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from backend.models import Job
from backend.models.base import utcnow


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


async def list_in_workspace(
    session: AsyncSession,
    workspace_id: uuid.UUID,
    *,
    state: str | None,
    type: str | None,
    limit: int,
    offset: int,
) -> tuple[Sequence[Job], int]:
    where = [Job.workspace_id == workspace_id]
    if state is not None:
        where.append(Job.state == state)
    if type is not None:
        where.append(Job.type == type)
    total = await session.scalar(select(func.count()).select_from(Job).where(*where))
    result = await session.execute(
        select(Job)
        .where(*where)
        .order_by(Job.created_at.desc(), Job.id)
        .limit(limit)
        .offset(offset)
    )
    return result.scalars().all(), int(total or 0)


async def claim(session: AsyncSession, job_id: uuid.UUID, stale_before: datetime) -> bool:
    """Move a job to running unless another worker holds a fresh claim on it.

    A ``running`` job whose last sign of life is older than ``stale_before`` belongs to a worker
    that died; it may be claimed again.
    """
    now = utcnow()
    result = await session.execute(
        update(Job)
        .where(
            Job.id == job_id,
            or_(Job.state == "pending", (Job.state == "running") & (Job.updated_at < stale_before)),
        )
        .values(state="running", attempts=Job.attempts + 1, started_at=now, updated_at=now)
    )
    return bool(getattr(result, "rowcount", 0))


async def due_for_dispatch(
    session: AsyncSession, pending_before: datetime, running_before: datetime, limit: int = 500
) -> Sequence[Job]:
    result = await session.execute(
        select(Job)
        .where(
            or_(
                (Job.state == "pending")
                & or_(Job.dispatched_at.is_(None), Job.dispatched_at < pending_before),
                (Job.state == "running") & (Job.updated_at < running_before),
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
