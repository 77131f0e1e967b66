"""How a variant fails with a render job that failed for good (see ``backend.jobs.subjects``)."""

from __future__ import annotations

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from backend.clips import repository
from backend.jobs import subjects
from backend.models import Job

UNFINISHED_STATES = ("pending", "rendering")


@subjects.fails_with_job("media.render_variant")
async def fail_variant(session: AsyncSession, job: Job, reason: str) -> None:
    if not job.params.get("variant_id"):
        return
    variant = await repository.get_variant(session, uuid.UUID(str(job.params["variant_id"])))
    if variant is not None and variant.state in UNFINISHED_STATES:
        variant.state, variant.error = "failed", reason
        await session.flush()
