"""Render one clip variant and put the files in storage."""

from __future__ import annotations

import uuid
from typing import Any

import anyio
import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from backend import ledger
from backend.assets import pipeline as assets
from backend.assets import repository as asset_repository
from backend.clips import repository as clips
from backend.config import get_settings
from backend.errors import PermanentError
from backend.models import Job, Variant
from backend.rules import service as rules
from backend.storage import get_storage
from workers.media.timeline import Timeline
from workers.media.variant import render_clip
from workers.tasks.base import Progress, job_task
from workers.tasks.blocking import run_blocking
from workers.tasks.workdir import job_workdir

log = structlog.get_logger(__name__)


class VariantMissing(PermanentError):
    """The variant (or its clip) was deleted before the render started."""


async def _variant(session: AsyncSession, job: Job) -> Variant:
    variant_id = job.params.get("variant_id")
    variant = (
        None if variant_id is None else await clips.get_variant(session, uuid.UUID(variant_id))
    )
    if variant is None:
        raise VariantMissing(f"variant {variant_id} does not exist")
    return variant


@job_task("media.render_variant")
async def render_variant(session: AsyncSession, job: Job, progress: Progress) -> dict[str, Any]:
    settings, storage = get_settings(), get_storage(get_settings())
    variant = await _variant(session, job)
    clip = await clips.get_by_id(session, variant.clip_id)
    if clip is None:
        raise VariantMissing(f"clip {variant.clip_id} does not exist")
    asset = await assets.load(session, clip.asset_id)
    platform_rules = await rules.rules_for(session, variant.platform)
    if platform_rules is None:
        raise PermanentError(f"no approved rules for {variant.platform}")
    timeline = await asset_repository.get_timeline(session, asset.id)
    words = Timeline.from_json(timeline.data).words if timeline else None
    variant.state = "rendering"
    await session.commit()
    prefix = f"assets/{asset.id}/variants/{variant.id}"
    # A failure here fails the job, and the job's failure fails this variant (jobs/subjects.py).
    with job_workdir(settings, job.id) as workdir, storage.local_copy(asset.storage_key) as src:
        rendered = await run_blocking(
            lambda sink, cancel: render_clip(
                src,
                workdir,
                start=clip.start_seconds,
                end=clip.end_seconds,
                rules=platform_rules,
                words=words,
                captions=variant.captions,
                timeout=settings.ffmpeg_timeout_seconds,
                progress=sink,
                cancel=cancel,
            ),
            progress,
            (0, 95),
        )
        for name, path in (
            ("video.mp4", rendered.video),
            ("cover.jpg", rendered.cover),
            ("preview.mp4", rendered.preview),
        ):
            await anyio.to_thread.run_sync(storage.save_file, f"{prefix}/{name}", path)
        size = rendered.video.stat().st_size
    result = rendered.result
    variant.state, variant.error = "ready", None
    variant.storage_key, variant.cover_key = f"{prefix}/video.mp4", f"{prefix}/cover.jpg"
    variant.preview_key = f"{prefix}/preview.mp4"
    variant.width, variant.height = int(platform_rules["width"]), int(platform_rules["height"])
    variant.duration_seconds, variant.size_bytes = round(result.duration, 3), size
    variant.checks = {
        "violations": list(result.violations),
        "passed": not result.violations,
        "captions_filter": result.captions_filter,
        "realtime_factor": round(result.realtime_factor, 2),
        "cover_offset_ms": result.cover_offset_ms,
    }
    await session.flush()
    await ledger.record(
        session,
        "variant.rendered",
        workspace_id=variant.workspace_id,
        asset_id=asset.id,
        clip_id=clip.id,
        job_id=job.id,
        payload={
            "variant_id": str(variant.id),
            "platform": variant.platform,
            "passed_rules": not result.violations,
            "size_bytes": size,
        },
    )
    log.info("media.variant_rendered", variant_id=str(variant.id), seconds=result.elapsed_seconds)
    return {"variant_id": str(variant.id), "violations": list(result.violations)}
