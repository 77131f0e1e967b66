"""How an asset fails with a media job that failed for good (see ``backend.jobs.subjects``)."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from backend.assets import pipeline
from backend.jobs import subjects
from backend.models import Asset, Job

UNFINISHED_STATES = ("probing", "analyzing")


@subjects.fails_with_job("media.process", "media.analyze")
async def fail_asset(session: AsyncSession, job: Job, reason: str) -> None:
    if job.asset_id is None:
        return
    asset = await session.get(Asset, job.asset_id, populate_existing=True)
    if asset is not None and asset.state in UNFINISHED_STATES:
        await pipeline.fail(session, asset, f"Processing failed: {reason}")
