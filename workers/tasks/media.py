"""Media jobs: process an asset (probe, analyse the picture and the sound, find clips, queue
renders best first, then speech) or analyse it again.

Each step loads what it needs, runs the pure media code (workers/media) and records the result
through the assets domain (backend/assets/pipeline.py), which owns the asset's lifecycle. Speech
recognition is not waited for: ``media.transcribe`` (transcribe.py) is queued after the renders
and refines the clips when the words arrive.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from typing import Any

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from backend.assets import pipeline
from backend.config import get_settings
from backend.models import Clip, Job
from backend.rules import service as rules
from backend.scoring import service as scoring
from backend.storage import get_storage
from core.errors import RetryableError
from workers.media.analyze import BACKGROUND_NICE, analyze_picture_and_sound
from workers.media.clips import OPENING_CLIPS_END_BY, OPENING_SECONDS, find_clips
from workers.media.errors import InvalidMedia
from workers.media.probe import probe
from workers.media.scoring import ScoredClip
from workers.media.timeline import Timeline
from workers.tasks.base import Progress, job_task
from workers.tasks.blocking import run_blocking

log = structlog.get_logger(__name__)


async def _process(
    session: AsyncSession, job: Job, progress: Progress, *, render: bool
) -> dict[str, Any]:
    settings = get_settings()
    asset = await pipeline.start(session, job)
    # The workspace's learnt version of each platform, where one is active, over the defaults.
    setup = await scoring.workspace_setup(
        session, asset.workspace_id, await rules.scoring_setup(session)
    )
    # A retried media.process finds its first clip (or all of them) already there, their renders
    # queued: they stay. Analysing again (no render) finds the clips anew, apart from those a
    # marketer reviewed or published: they stay, rescored among the new ones.
    staying = pipeline.clips_of if render else pipeline.clips_in_use
    kept = list(await staying(session, asset))
    await session.commit()

    def clips_in(
        timeline: Timeline,
        *,
        top_n: int = settings.clip_top_n,
        end_by: float | None = None,
        keeping: Sequence[Clip] = (),
    ) -> list[ScoredClip]:
        return find_clips(
            timeline,
            weights=setup.weights,
            rules=setup.rules,
            min_seconds=settings.clip_min_seconds,
            max_seconds=settings.clip_max_seconds,
            top_n=top_n,
            end_by=end_by,
            kept=[(clip.start_seconds, clip.end_seconds) for clip in keeping],
        )

    try:
        with get_storage(settings).local_copy(asset.storage_key) as source:
            try:
                info = await run_blocking(
                    lambda sink, cancel: probe(source, settings.ffmpeg_path), progress, (0, 3)
                )
            except InvalidMedia as error:
                await pipeline.reject(session, asset, str(error), job)
                await session.commit()
                raise
            await pipeline.probed(session, asset, pipeline.plain_json(info), info.duration, job)
            await session.commit()
            begin = 3
            if render and not kept and info.duration >= 2 * OPENING_SECONDS:
                # The best clip of the opening is rendered while the rest is analysed.
                opening = await run_blocking(
                    lambda sink, cancel: analyze_picture_and_sound(
                        source, info, settings=settings, progress=sink, cancel=cancel,
                        until=OPENING_SECONDS,
                    ),
                    progress,
                    (3, 12),
                )  # fmt: skip
                first = clips_in(opening, top_n=1, end_by=OPENING_CLIPS_END_BY)
                if first:
                    kept = [
                        await pipeline.first_clip(
                            session,
                            asset,
                            job,
                            found=first[0].row(),
                            weights_version=setup.weights_version,
                        )
                    ]
                    await session.commit()  # the first clip's render is sent now
                begin = 12
            # With a render under way, the analysis of the whole yields the cores to it.
            nice = BACKGROUND_NICE if render and kept else 0
            timeline = await run_blocking(
                lambda sink, cancel: analyze_picture_and_sound(
                    source, info, settings=settings, progress=sink, cancel=cancel, nice=nice
                ),
                progress,
                (begin, 95),
            )
    except (InvalidMedia, RetryableError):
        raise
    except Exception as error:
        await session.rollback()
        await pipeline.fail_unfinished(session, asset.id, f"Processing failed: {error}", job)
        await session.commit()
        raise
    found = clips_in(timeline, keeping=kept)
    saved = await pipeline.finish(
        session,
        asset,
        job,
        timeline=timeline.to_json(),
        transcript_status="pending",
        transcript_reason=None,
        found=[clip.row() for clip in found],
        weights_version=setup.weights_version,
        render=render,
        transcribe=True,
        kept=kept,
    )
    log.info("media.processed", asset_id=str(asset.id), clips=len(saved), kept=len(kept))
    return {
        "clips": len(saved),
        "duration_seconds": round(info.duration, 3),
        "transcript": "pending",
        "media": asdict(info)["format_name"],
    }


@job_task("media.process")
async def process(session: AsyncSession, job: Job, progress: Progress) -> dict[str, Any]:
    """Probe, analyse picture and sound, find clips, queue a vertical render of each clip (best
    first), then speech recognition."""
    return await _process(session, job, progress, render=True)


@job_task("media.analyze")
async def analyze(session: AsyncSession, job: Job, progress: Progress) -> dict[str, Any]:
    """Analyse again and find clips again (for example after new scoring weights)."""
    return await _process(session, job, progress, render=False)
