"""The AI health worker's tasks: one run (queue ``ai``), and beat's periodic runs."""

from __future__ import annotations

import uuid

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from backend.config import Settings, get_settings
from backend.health import service
from workers.health.runner import run_health
from workers.tasks.base import batch_task, task


@batch_task(service.RUN_TASK)
async def health_run(
    sessions: async_sessionmaker[AsyncSession], settings: Settings, run_id: str
) -> str:
    """Idempotent: a finished run, or one another worker holds, is skipped. It calls model
    providers, so it holds no transaction across a call (its own short ones only)."""
    return await run_health(sessions, settings, uuid.UUID(run_id))


@task("ai.health_schedule")
async def health_schedule(session: AsyncSession) -> int:
    return await service.schedule(session, get_settings())
