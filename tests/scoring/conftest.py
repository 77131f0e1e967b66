from __future__ import annotations

import uuid
from collections.abc import Callable, Coroutine
from types import SimpleNamespace
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from backend.models import LedgerEvent
from tests.platforms.conftest import sandbox  # noqa: F401 - the fixture, shared
from tests.publishing.conftest import compliant_video, world  # noqa: F401 - the fixtures, shared
from workers.tasks import base
from workers.tasks import scoring as scoring_tasks

RunJob = Callable[[str], Coroutine[Any, Any, str]]


@pytest.fixture
def run_job(worker_sessions: None) -> RunJob:
    """Runs a ``scoring.train`` job as a worker would, in the test's transaction."""

    async def run(job_id: str) -> str:
        celery_task = SimpleNamespace(request=SimpleNamespace(retries=0))
        body = scoring_tasks.train.__wrapped_body__
        return await base._run_job(celery_task, body, uuid.UUID(job_id))

    return run


async def ledger_types(session: AsyncSession, workspace_id: uuid.UUID) -> list[str]:
    found = await session.scalars(
        select(LedgerEvent.type)
        .where(LedgerEvent.workspace_id == workspace_id, LedgerEvent.type.like("scoring.%"))
        .order_by(LedgerEvent.seq)
    )
    return list(found)
