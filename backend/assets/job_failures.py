"""How an asset fails with a media job that failed for good (see ``backend.jobs.subjects``)."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from backend.assets import pipeline, refine
from backend.jobs import subjects
from backend.models import Job


@subjects.fails_with_job("media.process", "media.analyze")
async def fail_asset(session: AsyncSession, job: Job, reason: str) -> None:
    """Only an unfinished asset fails; its transitions say which states those are."""
    if job.asset_id is not None:
        await pipeline.fail_unfinished(session, job.asset_id, f"Processing failed: {reason}", job)


@subjects.fails_with_job("media.transcribe")
async def fail_transcript(session: AsyncSession, job: Job, reason: str) -> None:
    """A transcription that failed for good leaves the asset and its clips as they are."""
    if job.asset_id is not None:
        await refine.transcript_failed(
            session, job.asset_id, f"Speech recognition failed: {reason}"
        )
