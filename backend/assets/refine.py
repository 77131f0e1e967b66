"""What speech recognition changes when it arrives after the first clips (``media.transcribe``).

The clips were found and their renders queued from the picture and the sound alone. The words
(and faces) now join the timeline; each clip keeps its id — a marketer may already be looking
at it — while an edge that fell inside a word moves out to the gap beside it and the scores are
computed again. Only variants whose clip edges moved, or that burn in captions, are rendered
again.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from backend import ledger
from backend.assets import repository
from backend.assets.pipeline import excerpt, load, store_analysis
from backend.clips import repository as clips_repository
from backend.clips import service as clips_service
from backend.clips import variant_transitions
from backend.models import Asset, AssetTimeline, Clip, Job, VariantState

log = structlog.get_logger(__name__)
EDGE_MOVED_SECONDS = 0.005  # closer than this, an edge has not moved (rounding)


class NothingToRefine(Exception):
    """The asset has no timeline yet (analysed again meanwhile, or never analysed)."""


@dataclass(frozen=True)
class Refined:
    clips: int
    moved: int
    rendered_again: int


async def load_for_refining(
    session: AsyncSession, job: Job
) -> tuple[Asset, AssetTimeline, Sequence[Clip]]:
    if job.asset_id is None:
        raise NothingToRefine("This job names no video to transcribe.")
    asset = await load(session, job.asset_id)
    timeline = await repository.get_timeline(session, asset.id)
    if timeline is None:
        raise NothingToRefine(f"asset {asset.id} has no timeline to refine")
    # Only clips as cut: an edited version keeps the edges and words a person chose, and a
    # replaced version is history (refining it would render it again for nobody).
    clips = sorted(
        (
            c
            for c in await clips_repository.of_asset(session, asset.id)
            if c.latest and c.version == 1
        ),
        key=lambda c: c.rank,
    )
    return asset, timeline, clips


def _moved(clip: Clip, row: dict[str, Any]) -> bool:
    start, end = float(row["start"]), float(row["end"])
    return (
        abs(clip.start_seconds - start) > EDGE_MOVED_SECONDS
        or abs(clip.end_seconds - end) > EDGE_MOVED_SECONDS
    )


async def _render_again(session: AsyncSession, clip: Clip, moved: bool, job: Job) -> int:
    """Variants of this clip that no longer match it: all of them when its edges moved, else
    only those with captions (the words changed). A pending one reads the clip when it starts."""
    count = 0
    for variant in await clips_repository.variants_of(session, clip.id):
        if not (moved or variant.captions):
            continue
        if variant.state in variant_transitions.UNFINISHED:
            if variant.state == VariantState.RENDERING:
                # Already cutting the old edges: rendering.finish sends it round again.
                log.info("media.refine.render_in_flight", variant_id=str(variant.id))
            continue
        await clips_service.ensure_variant(
            session,
            clip,
            platform=variant.platform,
            captions=variant.captions,
            force=True,
            actor_id=job.created_by_id,
        )
        count += 1
    return count


async def record_refined(
    session: AsyncSession,
    asset: Asset,
    job: Job,
    *,
    timeline: dict[str, Any],
    transcript_status: str,
    transcript_reason: str | None,
    refined: list[tuple[Clip, dict[str, Any]]],
    weights_version: int,
) -> Refined:
    """Keep the refined timeline, update each clip in place, rank them again by score and ask
    for the renders that changed."""
    await store_analysis(session, asset, timeline, transcript_status, transcript_reason)
    words = timeline.get("words")
    moved = rendered = 0
    for clip, row in refined:
        edges_moved = _moved(clip, row)
        clip.start_seconds, clip.end_seconds = row["start"], row["end"]
        clip.score, clip.scores, clip.features = row["score"], row["scores"], row["features"]
        clip.transcript = excerpt(words, row["start"], row["end"])
        clip.weights_version = weights_version
        moved += edges_moved
        rendered += await _render_again(session, clip, edges_moved, job)
    for rank, (clip, _) in enumerate(sorted(refined, key=lambda item: -item[1]["score"]), 1):
        clip.rank = rank
    await session.flush()
    await ledger.record(
        session,
        "clips.refined",
        workspace_id=asset.workspace_id,
        asset_id=asset.id,
        job_id=job.id,
        payload={"clips": len(refined), "moved": moved, "rendered_again": rendered},
    )
    return Refined(len(refined), moved, rendered)


async def transcript_failed(session: AsyncSession, asset_id: uuid.UUID, reason: str) -> None:
    """Speech recognition failed for good: the clips stand, the transcript says why not."""
    asset = await session.get(Asset, asset_id, populate_existing=True)
    if asset is not None and asset.transcript_status == "pending":
        asset.transcript_status, asset.transcript_reason = "unavailable", reason
        await session.flush()
