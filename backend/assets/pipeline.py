"""What the media pipeline records about an asset: probe results, rejection, the timeline, the
clips it found. Called by the worker tasks inside their transaction; every step is in the ledger."""

from __future__ import annotations

import json
import uuid
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from backend import events, ledger
from backend.assets import repository
from backend.clips import repository as clips_repository
from backend.errors import PermanentError
from backend.models import Asset, AssetTimeline, Clip

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


async def set_state(session: AsyncSession, asset: Asset, state: str) -> None:
    asset.state = state
    await session.flush()


async def reject(session: AsyncSession, asset: Asset, reason: str) -> None:
    asset.state, asset.rejection_reason = "rejected", reason
    await session.flush()
    await _record(session, asset, "asset.rejected", reason=reason)


async def fail(session: AsyncSession, asset: Asset, reason: str) -> None:
    asset.state, asset.rejection_reason = "failed", reason
    await session.flush()
    await _record(session, asset, "asset.failed", reason=reason)


async def store_probe(
    session: AsyncSession, asset: Asset, media_info: dict[str, Any], duration: float
) -> None:
    asset.media_info, asset.duration_seconds = media_info, duration
    asset.rejection_reason = None
    await session.flush()
    await _record(session, asset, "asset.probed", duration_seconds=round(duration, 3))


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


def _excerpt(words: list[dict[str, Any]] | None, start: float, end: float) -> str | None:
    if words is None:
        return None
    text = " ".join(w["text"] for w in words if start <= w["start"] and w["end"] <= end)
    return text[:TRANSCRIPT_EXCERPT_CHARS]


async def replace_clips(
    session: AsyncSession,
    asset: Asset,
    found: list[dict[str, Any]],
    weights_version: int,
    words: list[dict[str, Any]] | None,
) -> list[Clip]:
    """Swap the asset's clips for ``found`` (best first); variants of old clips go with them."""
    await clips_repository.delete_of_asset(session, asset.id)
    clips = [
        Clip(
            id=uuid.uuid4(),
            workspace_id=asset.workspace_id,
            asset_id=asset.id,
            start_seconds=item["start"],
            end_seconds=item["end"],
            rank=rank,
            score=item["score"],
            scores=item["scores"],
            features=item["features"],
            transcript=_excerpt(words, item["start"], item["end"]),
            weights_version=weights_version,
        )
        for rank, item in enumerate(found, start=1)
    ]
    await clips_repository.add(session, *clips)
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
    await _record(
        session,
        asset,
        "clips.found",
        count=len(clips),
        weights_version=weights_version,
        best_score=clips[0].score if clips else None,
    )
    return clips
