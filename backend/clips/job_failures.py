"""How a variant fails with a render job that failed for good (see ``backend.jobs.subjects``)."""

from __future__ import annotations

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from backend.clips import rendering
from backend.jobs import subjects
from backend.models import Job


@subjects.fails_with_job("media.render_variant")
async def fail_variant(session: AsyncSession, job: Job, reason: str) -> None:
    """Only an unfinished variant fails; its transitions say which states those are."""
    if job.params.get("variant_id"):
        variant_id = uuid.UUID(str(job.params["variant_id"]))
        await rendering.fail_unfinished(session, variant_id, reason, job)
