"""The learnt clip score's tasks (queue ``default``): a training job, rescoring the clips still
to publish after an activation, and beat's daily round of training."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from backend.models import Job
from backend.scoring import service
from workers.tasks.base import Progress, job_task, task


@job_task(service.TRAIN_JOB)
async def train(session: AsyncSession, job: Job, progress: Progress) -> dict[str, Any]:
    """Every run is stored; one that ranks the later period 10% better is activated."""
    return await service.train_job(session, job, progress)


@task(service.RESCORE_TASK)
async def rescore(session: AsyncSession, model_id: str) -> int:
    return await service.rescore(session, uuid.UUID(model_id))


@task("scoring.schedule")
async def schedule(session: AsyncSession) -> int:
    return await service.schedule(session)
