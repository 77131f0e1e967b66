"""Render one clip variant: load the plan, run the pure render, store and record the result."""

from __future__ import annotations

from typing import Any

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from backend.clips import rendering
from backend.config import get_settings
from backend.models import Job
from backend.storage import get_storage
from workers.media.timeline import Timeline
from workers.media.variant import render_clip
from workers.tasks.base import Progress, job_task
from workers.tasks.blocking import run_blocking
from workers.tasks.workdir import job_workdir

log = structlog.get_logger(__name__)


@job_task("media.render_variant")
async def render_variant(session: AsyncSession, job: Job, progress: Progress) -> dict[str, Any]:
    settings = get_settings()
    storage = get_storage(settings)
    plan = await rendering.start(session, job)
    await session.commit()
    words = Timeline.from_json(plan.timeline).words if plan.timeline else None
    # A failure here fails the job, and the job's failure fails this variant (jobs/subjects.py).
    with (
        job_workdir(settings, job.id) as workdir,
        storage.local_copy(plan.asset.storage_key) as src,
    ):
        rendered = await run_blocking(
            lambda sink, cancel: render_clip(
                src,
                workdir,
                start=plan.clip.start_seconds,
                end=plan.clip.end_seconds,
                rules=plan.rules,
                words=words,
                captions=plan.variant.captions,
                timeout=settings.ffmpeg_timeout_seconds,
                progress=sink,
                cancel=cancel,
            ),
            progress,
            (0, 95),
        )
        keys = await rendering.save_files(
            storage, plan, rendered.video, rendered.cover, rendered.preview
        )
        size = rendered.video.stat().st_size
    result = rendered.result
    outcome = rendering.RenderOutcome(
        duration=result.duration,
        size_bytes=size,
        violations=list(result.violations),
        captions_filter=result.captions_filter,
        realtime_factor=result.realtime_factor,
        cover_offset_ms=result.cover_offset_ms,
    )
    await rendering.finish(session, plan, keys, outcome, job)
    log.info(
        "media.variant_rendered", variant_id=str(plan.variant.id), seconds=result.elapsed_seconds
    )
    return {"variant_id": str(plan.variant.id), "violations": list(result.violations)}
