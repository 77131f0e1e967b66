"""``media.transcribe``: speech recognition (and faces) after the first clips, refining them.

Queued by ``media.process`` behind the clips' renders, so it never delays one. It adds the
words and faces to the asset's timeline, moves clip edges that fall inside a word, scores the
clips again and asks for the renders that changed (backend/assets/refine.py).
"""

from __future__ import annotations

from typing import Any

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from backend.assets import refine
from backend.config import get_settings
from backend.models import Job
from backend.rules import service as rules
from backend.scoring import service as scoring
from backend.storage import get_storage
from workers.media.analyze import refine_analysis
from workers.media.clips import refine_clips
from workers.media.probe import probe
from workers.media.segment import Candidate
from workers.media.timeline import Timeline
from workers.tasks.base import Progress, job_task
from workers.tasks.blocking import run_blocking

log = structlog.get_logger(__name__)


@job_task("media.transcribe")
async def transcribe(session: AsyncSession, job: Job, progress: Progress) -> dict[str, Any]:
    """Recognise speech, then refine the asset's clips with the words."""
    settings = get_settings()
    asset, stored, clips = await refine.load_for_refining(session, job)
    first_pass = Timeline.from_json(stored.data)
    with get_storage(settings).local_copy(asset.storage_key) as source:
        analysis = await run_blocking(
            lambda sink, cancel: refine_analysis(
                source,
                probe(source, settings.ffmpeg_path),
                first_pass,
                settings=settings,
                progress=sink,
                cancel=cancel,
            ),
            progress,
            (0, 95),
        )
    setup = await scoring.workspace_setup(
        session, asset.workspace_id, await rules.scoring_setup(session)
    )
    rescored = refine_clips(
        [Candidate(c.start_seconds, c.end_seconds) for c in clips],
        analysis.timeline,
        weights=setup.weights,
        rules=setup.rules,
    )
    outcome = await refine.record_refined(
        session,
        asset,
        job,
        timeline=analysis.timeline.to_json(),
        transcript_status=analysis.transcript_status,
        transcript_reason=analysis.transcript_reason,
        refined=[(clip, scored.row()) for clip, scored in zip(clips, rescored, strict=True)],
        weights_version=setup.weights_version,
    )
    log.info(
        "media.transcribed",
        asset_id=str(asset.id),
        transcript=analysis.transcript_status,
        moved=outcome.moved,
        rendered_again=outcome.rendered_again,
    )
    return {
        "transcript": analysis.transcript_status,
        "words": len(analysis.timeline.words or []),
        "clips_moved": outcome.moved,
        "rendered_again": outcome.rendered_again,
    }
