"""Media jobs: process an asset (probe, analyse, find clips, queue renders) and render variants.

The media work itself is pure (workers/media); these tasks move files in and out of storage and
record each step through the assets and clips domains.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from backend.assets import pipeline as assets
from backend.clips import service as clips
from backend.config import get_settings
from backend.models import Job
from backend.rules import service as rules
from backend.storage import get_storage
from core.errors import RetryableError
from workers.media.analyze import analyze_media
from workers.media.clips import find_clips
from workers.media.errors import InvalidMedia
from workers.media.probe import probe
from workers.tasks.base import Progress, job_task
from workers.tasks.blocking import run_blocking
from workers.tasks.workdir import job_workdir

log = structlog.get_logger(__name__)


async def _process(
    session: AsyncSession, job: Job, progress: Progress, *, render: bool
) -> dict[str, Any]:
    settings = get_settings()
    if job.asset_id is None:
        raise InvalidMedia("unrecognized", "This job names no video to process.")
    asset = await assets.load(session, job.asset_id)
    await assets.set_state(session, asset, "probing")
    await session.commit()
    try:
        with get_storage(settings).local_copy(asset.storage_key) as source:
            try:
                info = await run_blocking(
                    lambda sink, cancel: probe(source, settings.ffmpeg_path), progress, (0, 3)
                )
            except InvalidMedia as error:
                await assets.reject(session, asset, str(error))
                await session.commit()
                raise
            await assets.store_probe(session, asset, assets.plain_json(info), info.duration)
            await assets.set_state(session, asset, "analyzing")
            await session.commit()
            with job_workdir(settings, job.id) as workdir:
                analysis = await run_blocking(
                    lambda sink, cancel: analyze_media(
                        source,
                        info,
                        workdir=workdir,
                        settings=settings,
                        progress=sink,
                        cancel=cancel,
                    ),
                    progress,
                    (3, 90),
                )
    except (InvalidMedia, RetryableError):
        raise
    except Exception as error:
        await session.rollback()
        asset = await assets.load(session, asset.id)
        await assets.fail(session, asset, f"Processing failed: {error}")
        await session.commit()
        raise
    timeline = analysis.timeline.to_json()
    await assets.store_analysis(
        session, asset, timeline, analysis.transcript_status, analysis.transcript_reason
    )
    setup = await rules.scoring_setup(session)
    found = find_clips(
        analysis.timeline,
        weights=setup.weights,
        rules=setup.rules,
        min_seconds=settings.clip_min_seconds,
        max_seconds=settings.clip_max_seconds,
        top_n=settings.clip_top_n,
    )
    rows = [
        {
            "start": c.start,
            "end": c.end,
            "score": c.score,
            "scores": c.scores,
            "features": {**c.features, "duration_fit": c.duration_fit},
        }
        for c in found
    ]
    saved = await assets.replace_clips(
        session, asset, rows, setup.weights_version, timeline.get("words")
    )
    await assets.set_state(session, asset, "ready")
    if render:
        for clip in saved:
            platform = max(clip.scores, key=lambda name: clip.scores[name])
            await clips.ensure_variant(
                session,
                clip,
                platform=platform,
                captions=False,
                force=False,
                actor_id=job.created_by_id,
            )
    log.info("media.processed", asset_id=str(asset.id), clips=len(saved))
    return {
        "clips": len(saved),
        "duration_seconds": round(info.duration, 3),
        "transcript": analysis.transcript_status,
        "media": asdict(info)["format_name"],
    }


@job_task("media.process")
async def process(session: AsyncSession, job: Job, progress: Progress) -> dict[str, Any]:
    """Probe, analyse and find clips, then queue a vertical render of each clip."""
    return await _process(session, job, progress, render=True)


@job_task("media.analyze")
async def analyze(session: AsyncSession, job: Job, progress: Progress) -> dict[str, Any]:
    """Analyse again and find clips again (for example after new scoring weights)."""
    return await _process(session, job, progress, render=False)
