"""What a job was working on, failed with it when the job fails for good (any error, or its
worker kept dying): an asset left `analyzing` or a variant left `rendering` would otherwise wait
forever."""

from __future__ import annotations

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from backend.models import Asset, Job

UNFINISHED_ASSET_STATES = ("probing", "analyzing")
UNFINISHED_VARIANT_STATES = ("pending", "rendering")


async def fail_with(session: AsyncSession, job: Job, reason: str) -> None:
    from backend.assets import pipeline
    from backend.clips import repository as clips

    if job.type in ("media.process", "media.analyze") and job.asset_id is not None:
        asset = await session.get(Asset, job.asset_id, populate_existing=True)
        if asset is not None and asset.state in UNFINISHED_ASSET_STATES:
            await pipeline.fail(session, asset, f"Processing failed: {reason}")
    elif job.type == "media.render_variant" and job.params.get("variant_id"):
        variant = await clips.get_variant(session, uuid.UUID(str(job.params["variant_id"])))
        if variant is not None and variant.state in UNFINISHED_VARIANT_STATES:
            variant.state, variant.error = "failed", reason
            await session.flush()
