"""What a job was working on, failed with it when the job fails for good (any error, or its
worker kept dying): an asset left `analyzing` or a variant left `rendering` would otherwise wait
forever. Only an unfinished asset or variant fails; their transitions modules say which."""

from __future__ import annotations

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from backend.models import Job


async def fail_with(session: AsyncSession, job: Job, reason: str) -> None:
    from backend.assets import pipeline
    from backend.clips import rendering

    if job.type in ("media.process", "media.analyze") and job.asset_id is not None:
        await pipeline.fail_unfinished(session, job.asset_id, f"Processing failed: {reason}", job)
    elif job.type == "media.render_variant" and job.params.get("variant_id"):
        variant_id = uuid.UUID(str(job.params["variant_id"]))
        await rendering.fail_unfinished(session, variant_id, reason, job)
