"""What the media pipeline records about an asset: probe results, rejection, the timeline, the
clips it found, and what speech recognition refines afterwards (refine.py). The media tasks
call these inside their transaction between the pure media steps; every change of the asset's
state goes through transitions.py, and every step is in the ledger."""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from backend import events, ledger
from backend.assets import repository, transitions
from backend.clips import repository as clips_repository
from backend.clips import service as clips_service
from backend.jobs import service as jobs
from backend.models import Asset, AssetState, AssetTimeline, Clip, Job
from core.errors import PermanentError

TRANSCRIPT_EXCERPT_CHARS = 2000


class AssetMissing(PermanentError):
    """The task was given an asset that no longer exists (deleted while queued)."""


def plain_json(value: Any) -> Any:
    """Dataclasses, paths and tuples as JSON values, ready for a JSON column."""
    from dataclasses import asdict, is_dataclass

    if is_dataclass(value) and not isinstance(value, type):
        value = asdict(value)
    return json.loads(json.dumps(value, default=str))


async def load(session: AsyncSession, asset_id: uuid.UUID) -> Asset:
    asset = await session.get(Asset, asset_id, populate_existing=True)
    if asset is None:
        raise AssetMissing(f"asset {asset_id} does not exist")
    return asset


async def _record(session: AsyncSession, asset: Asset, type: str, **payload: Any) -> None:
    await ledger.record(
        session, type, workspace_id=asset.workspace_id, asset_id=asset.id, payload=payload
    )


async def start(session: AsyncSession, job: Job) -> Asset:
    """The asset the job names, moved to ``probing`` (again, when a job is retried)."""
    if job.asset_id is None:
        raise AssetMissing("This job names no video to process.")
    asset = await load(session, job.asset_id)
    await transitions.transition(session, asset, AssetState.PROBING, job_id=job.id)
    return asset


async def reject(session: AsyncSession, asset: Asset, reason: str, job: Job) -> None:
    """The probe refused the media: ``rejected``, with a reason a person understands."""
    await transitions.transition(session, asset, AssetState.REJECTED, reason=reason, job_id=job.id)


async def probed(
    session: AsyncSession, asset: Asset, media_info: dict[str, Any], duration: float, job: Job
) -> None:
    """Keep what probing found and move on to ``analyzing`` (``asset.probed``)."""
    asset.media_info, asset.duration_seconds = media_info, duration
    await transitions.transition(
        session,
        asset,
        AssetState.ANALYZING,
        job_id=job.id,
        duration_seconds=round(duration, 3),
    )


async def fail_unfinished(
    session: AsyncSession, asset_id: uuid.UUID, reason: str, job: Job | None = None
) -> None:
    """Fail the asset if a job was still working on it; one that has moved on stays as it is."""
    asset = await session.get(Asset, asset_id, populate_existing=True)
    if asset is not None and asset.state in transitions.UNFINISHED:
        await transitions.transition(
            session,
            asset,
            AssetState.FAILED,
            reason=reason,
            job_id=None if job is None else job.id,
        )


async def store_analysis(
    session: AsyncSession,
    asset: Asset,
    timeline: dict[str, Any],
    transcript_status: str,
    transcript_reason: str | None,
) -> None:
    existing = await repository.get_timeline(session, asset.id)
    if existing is None:
        session.add(AssetTimeline(asset_id=asset.id, data=timeline))
    else:
        existing.data = timeline
    asset.transcript_status, asset.transcript_reason = transcript_status, transcript_reason
    await session.flush()
    await _record(
        session,
        asset,
        "asset.analyzed",
        shots=len(timeline.get("shots", [])),
        transcript=transcript_status,
    )


def excerpt(words: list[dict[str, Any]] | None, start: float, end: float) -> str | None:
    if words is None:
        return None
    text = " ".join(w["text"] for w in words if start <= w["start"] and w["end"] <= end)
    return text[:TRANSCRIPT_EXCERPT_CHARS]


async def _save_clips(
    session: AsyncSession,
    asset: Asset,
    found: list[dict[str, Any]],
    weights_version: int,
    words: list[dict[str, Any]] | None,
    kept: Sequence[Clip],
) -> list[Clip]:
    """Swap the asset's clips for ``found`` (best first); variants of old clips go with them.
    A ``kept`` clip (one found in the opening, whose render may be under way) stays the same
    row, with the rank and scores it has among ``found``."""
    await clips_repository.delete_of_asset(session, asset.id, keep=[clip.id for clip in kept])
    by_span = {(clip.start_seconds, clip.end_seconds): clip for clip in kept}
    clips, added = [], []
    for rank, item in enumerate(found, start=1):
        clip = by_span.get((item["start"], item["end"]))
        if clip is None:
            clip = Clip(
                id=uuid.uuid4(),
                workspace_id=asset.workspace_id,
                asset_id=asset.id,
                start_seconds=item["start"],
                end_seconds=item["end"],
            )
            added.append(clip)
        clip.rank, clip.score, clip.scores = rank, item["score"], item["scores"]
        clip.features, clip.weights_version = item["features"], weights_version
        clip.transcript = excerpt(words, item["start"], item["end"])
        clips.append(clip)
    await clips_repository.add(session, *added)
    _announce(session, asset, added)
    return clips


def _announce(session: AsyncSession, asset: Asset, clips: Sequence[Clip]) -> None:
    for clip in clips:
        events.record(
            session,
            clip.workspace_id,
            "clip.created",
            subject_id=clip.id,
            data={
                "asset_id": str(asset.id),
                "rank": clip.rank,
                "score": clip.score,
                "start_seconds": clip.start_seconds,
                "end_seconds": clip.end_seconds,
            },
        )


async def clips_of(session: AsyncSession, asset: Asset) -> Sequence[Clip]:
    return await clips_repository.of_asset(session, asset.id)


async def clips_in_use(session: AsyncSession, asset: Asset) -> Sequence[Clip]:
    """Clips an analysis must not replace: their review, their publications (deleting the clip
    would delete those) and their renders belong to them."""
    return await clips_repository.in_use_of_asset(session, asset.id)


async def first_clip(
    session: AsyncSession,
    asset: Asset,
    job: Job,
    *,
    found: dict[str, Any],
    weights_version: int,
) -> Clip:
    """The best clip of the opening, found while the rest of the video is still analysed:
    saved, and its render queued at once, so the first clip never waits for the whole
    analysis. ``finish`` keeps it among the clips of the whole video."""
    [clip] = await _save_clips(session, asset, [found], weights_version, None, ())
    await _record(
        session,
        asset,
        "clips.first_found",
        clip_id=str(clip.id),
        start_seconds=clip.start_seconds,
        end_seconds=clip.end_seconds,
        score=clip.score,
    )
    await _render(session, clip, job)
    return clip


async def finish(
    session: AsyncSession,
    asset: Asset,
    job: Job,
    *,
    timeline: dict[str, Any],
    transcript_status: str,
    transcript_reason: str | None,
    found: list[dict[str, Any]],
    weights_version: int,
    render: bool,
    transcribe: bool = False,
    kept: Sequence[Clip] = (),
) -> list[Clip]:
    """Keep the timeline and the clips found, make the asset ``ready``, and (``render``) ask
    for a vertical render of each clip for the platform it scores best on, best clip first:
    the workers take jobs in the order they were queued. ``kept`` clips (see ``first_clip``)
    stay, with their renders. With ``transcribe``, speech recognition is queued after the
    renders, so it never delays a clip."""
    await store_analysis(session, asset, timeline, transcript_status, transcript_reason)
    saved = await _save_clips(session, asset, found, weights_version, timeline.get("words"), kept)
    await _record(
        session,
        asset,
        "clips.found",
        count=len(saved),
        weights_version=weights_version,
        best_score=saved[0].score if saved else None,
    )
    await transitions.transition(session, asset, AssetState.READY, job_id=job.id)
    if render:
        rendering = {clip.id for clip in kept}
        for clip in sorted((c for c in saved if c.id not in rendering), key=lambda c: c.rank):
            await _render(session, clip, job)
    if transcribe:
        await jobs.submit(
            session,
            workspace_id=asset.workspace_id,
            type="media.transcribe",
            created_by_id=job.created_by_id,
            asset_id=asset.id,
        )
    return saved


async def _render(session: AsyncSession, clip: Clip, job: Job) -> None:
    """A vertical render of the clip, without captions, for the platform it scores best on."""
    await clips_service.ensure_variant(
        session,
        clip,
        platform=best_platform(clip),
        captions=False,
        force=False,
        actor_id=job.created_by_id,
    )


def best_platform(clip: Clip) -> str:
    return max(clip.scores, key=lambda name: clip.scores[name])
