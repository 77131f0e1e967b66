"""Reviewing clips and asking for their platform variants."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from backend import ledger
from backend.clips import edits, repository
from backend.clips import variant_transitions as transitions
from backend.clips.repository import ClipMedia
from backend.clips.schemas import (
    ClipDetail,
    ClipEdit,
    ClipOut,
    ClipTranscript,
    ClipVersion,
    Contribution,
    TranscriptWord,
    VariantOut,
)
from backend.config import Settings
from backend.errors import Conflict, InvalidInput, NotFound
from backend.iam.context import WorkspaceContext
from backend.jobs import service as jobs
from backend.media import service as media
from backend.models import Clip, ScoringWeights, Variant, VariantState
from backend.pagination import Slice, Window, in_memory
from backend.rules import repository as rules_repository
from core.speech_quality import is_reliable, why_unreliable

log = structlog.get_logger(__name__)


class ClipNotFound(NotFound):
    code = "clip_not_found"
    default_message = "No such clip in this workspace."


class NotLatestVersion(Conflict):
    code = "clip_not_latest"
    default_message = "A newer version of this clip exists; edit that one."


class InvalidClipEdit(InvalidInput):
    code = "invalid_clip_edit"
    default_message = "The clip cannot be edited that way."


def clip_view(clip: Clip) -> ClipOut:
    return ClipOut(
        id=clip.id,
        asset_id=clip.asset_id,
        start_seconds=clip.start_seconds,
        end_seconds=clip.end_seconds,
        duration_seconds=round(clip.duration_seconds, 3),
        rank=clip.rank,
        score=clip.score,
        scores=clip.scores,
        status=clip.status,
        transcript=clip.transcript,
        caption=clip.caption or "",
        created_at=clip.created_at,
        version=clip.version,
        parent_id=clip.parent_id,
        latest=clip.latest,
        caption_preset=clip.caption_preset,
    )


async def clip_views(
    session: AsyncSession, settings: Settings, clips: Sequence[Clip]
) -> list[ClipOut]:
    """Clips as listed: with the source video's name and a link to play each one."""
    shown = await repository.media_of(session, [clip.id for clip in clips])
    return [listed_view(settings, clip, shown.get(clip.id)) for clip in clips]


def listed_view(settings: Settings, clip: Clip, shown: ClipMedia | None) -> ClipOut:
    view = clip_view(clip)
    if shown is not None:
        view.asset_name = shown.asset_name
        view.source_url = media.url(settings, shown.source_key)
        view.cover_url = media.url(settings, shown.cover_key)
        view.preview_url = media.url(settings, shown.preview_key)
    return view


def variant_view(settings: Settings, variant: Variant) -> VariantOut:
    ready = variant.state == VariantState.READY
    return VariantOut(
        id=variant.id,
        clip_id=variant.clip_id,
        platform=variant.platform,
        captions=variant.captions,
        state=variant.state,
        width=variant.width,
        height=variant.height,
        duration_seconds=variant.duration_seconds,
        size_bytes=variant.size_bytes,
        checks=variant.checks,
        error=variant.error,
        video_url=media.url(settings, variant.storage_key) if ready else None,
        cover_url=media.url(settings, variant.cover_key) if ready else None,
        preview_url=media.url(settings, variant.preview_key) if ready else None,
        created_at=variant.created_at,
        updated_at=variant.updated_at,
    )


def breakdown(clip: Clip, weights: ScoringWeights | None) -> dict[str, dict[str, Contribution]]:
    if weights is None:
        return {}
    result: dict[str, dict[str, Contribution]] = {}
    fits: dict[str, float] = clip.features.get("duration_fit", {})
    for platform, platform_weights in weights.weights.items():
        values = {**clip.features, "duration_fit": float(fits.get(platform, 0.0))}
        result[platform] = {
            name: Contribution(
                value=float(values.get(name, 0.0)),
                weight=weight,
                contribution=round(weight * float(values.get(name, 0.0)), 4),
            )
            for name, weight in platform_weights.items()
        }
    return result


async def get(session: AsyncSession, ctx: WorkspaceContext, clip_id: uuid.UUID) -> Clip:
    clip = await repository.get(session, ctx.workspace_id, clip_id)
    if clip is None:
        raise ClipNotFound()
    return clip


async def detail(
    session: AsyncSession, settings: Settings, ctx: WorkspaceContext, clip_id: uuid.UUID
) -> ClipDetail:
    clip = await get(session, ctx, clip_id)
    weights = next(
        (
            w
            for w in await rules_repository.all_weights(session)
            if w.version == clip.weights_version
        ),
        None,
    )
    variants = [variant_view(settings, v) for v in await repository.variants_of(session, clip.id)]
    features = {k: float(v) for k, v in clip.features.items() if not isinstance(v, dict)}
    (view,) = await clip_views(session, settings, [clip])
    return ClipDetail(
        **view.model_dump(),
        features=features,
        duration_fit=clip.features.get("duration_fit", {}),
        weights_version=clip.weights_version,
        breakdown=breakdown(clip, weights),
        variants=variants,
    )


async def set_status(
    session: AsyncSession, ctx: WorkspaceContext, clip_id: uuid.UUID, status: str
) -> Clip:
    clip = await get(session, ctx, clip_id)
    if clip.status != status:
        previous, clip.status = clip.status, status
        await session.flush()
        await ledger.record(
            session,
            "clip.status_changed",
            workspace_id=ctx.workspace_id,
            actor_id=ctx.user_id,
            asset_id=clip.asset_id,
            clip_id=clip.id,
            payload={"from": previous, "to": status},
        )
    return clip


async def set_caption(
    session: AsyncSession, ctx: WorkspaceContext, clip_id: uuid.UUID, caption: str
) -> Clip:
    clip = await get(session, ctx, clip_id)
    caption = caption.strip()
    if (clip.caption or "") != caption:
        previous, clip.caption = clip.caption or "", caption
        await session.flush()
        await ledger.record(
            session,
            "clip.caption_changed",
            workspace_id=ctx.workspace_id,
            actor_id=ctx.user_id,
            asset_id=clip.asset_id,
            clip_id=clip.id,
            payload={"from": previous, "to": caption},
        )
    return clip


async def update(
    session: AsyncSession,
    ctx: WorkspaceContext,
    clip_id: uuid.UUID,
    *,
    status: str | None,
    caption: str | None,
) -> Clip:
    clip = await get(session, ctx, clip_id)
    if caption is not None:
        clip = await set_caption(session, ctx, clip_id, caption)
    if status is not None:
        clip = await set_status(session, ctx, clip_id, status)
    return clip


async def ensure_variant(
    session: AsyncSession,
    clip: Clip,
    *,
    platform: str,
    captions: bool,
    force: bool,
    actor_id: uuid.UUID | None,
) -> tuple[Variant, bool]:
    """The variant, and whether a render was started for it (False: it is ready or on its way)."""
    variant = await repository.find_variant(session, clip.id, platform, captions)
    if variant is not None and variant.state in transitions.UNFINISHED:
        return variant, False
    if variant is not None and variant.state == VariantState.READY and not force:
        return variant, False
    if variant is None:
        variant = Variant(
            id=uuid.uuid4(),
            workspace_id=clip.workspace_id,
            clip_id=clip.id,
            platform=platform,
            captions=captions,
            state=VariantState.PENDING,
        )
        await repository.add(session, variant)
        await transitions.created(session, variant, actor_id=actor_id)
    else:
        await transitions.transition(session, variant, VariantState.PENDING, actor_id=actor_id)
    await jobs.submit(
        session,
        workspace_id=clip.workspace_id,
        type="media.render_variant",
        created_by_id=actor_id,
        asset_id=clip.asset_id,
        clip_id=clip.id,
        params={"variant_id": str(variant.id)},
    )
    return variant, True


async def request_variant(
    session: AsyncSession,
    ctx: WorkspaceContext,
    clip_id: uuid.UUID,
    *,
    platform: str,
    captions: bool,
    force: bool,
) -> tuple[Variant, bool]:
    clip = await get(session, ctx, clip_id)
    return await ensure_variant(
        session, clip, platform=platform, captions=captions, force=force, actor_id=ctx.user_id
    )


async def search(
    session: AsyncSession,
    workspace_id: uuid.UUID,
    *,
    asset_id: uuid.UUID | None,
    platform: str | None,
    min_score: float | None,
    status: str | None,
    sort: str,
    window: Window,
    all_versions: bool = False,
) -> Slice[tuple[Clip, ClipMedia]]:
    return await repository.search(
        session,
        workspace_id,
        asset_id=asset_id,
        platform=platform,
        min_score=min_score,
        status=status,
        sort=sort,
        window=window,
        all_versions=all_versions,
    )


async def variant_page(session: AsyncSession, clip_id: uuid.UUID, window: Window) -> Slice[Variant]:
    return await repository.variant_page(session, clip_id, window)


async def variants_of(session: AsyncSession, clip_id: uuid.UUID) -> Sequence[Variant]:
    return await repository.variants_of(session, clip_id)


# The transcript editor. An edit never changes a clip: it adds a version (a new row whose
# parent is the edited one) so publications, approvals and the ledger keep pointing at what they
# saw, and the old version stops being listed.

WINDOW = 10.0  # seconds of cuts and pauses shown around the clip, to drag its edges onto


@dataclass(frozen=True)
class Source:
    duration: float | None
    words: list[edits.Word]
    cuts: list[float]
    pauses: list[tuple[float, float]]
    engine: str | None


async def _source(session: AsyncSession, clip: Clip) -> Source:
    asset, timeline = await repository.source_of(session, clip.asset_id)
    data: dict[str, Any] = timeline.data if timeline is not None else {}
    duration = asset.duration_seconds if asset is not None else None
    if duration is None and data.get("duration") is not None:
        duration = float(data["duration"])
    return Source(
        duration=duration,
        words=edits.timeline_words(data),
        cuts=edits.timeline_cuts(data),
        pauses=edits.timeline_pauses(data),
        engine=data.get("speech_engine"),
    )


def _words_of(clip: Clip, source: Source) -> list[edits.Word]:
    if clip.words is not None:
        return [dict(w) for w in clip.words]
    return edits.overlapping(source.words, clip.start_seconds, clip.end_seconds)


async def transcript(
    session: AsyncSession, ctx: WorkspaceContext, clip_id: uuid.UUID
) -> ClipTranscript:
    clip = await get(session, ctx, clip_id)
    source = await _source(session, clip)
    low, high = clip.start_seconds - WINDOW, clip.end_seconds + WINDOW
    reliable = is_reliable(source.engine)
    return ClipTranscript(
        clip_id=clip.id,
        version=clip.version,
        start_seconds=clip.start_seconds,
        end_seconds=clip.end_seconds,
        engine=source.engine,
        reliable=reliable,
        reason=None if reliable else why_unreliable(source.engine),
        caption_preset=clip.caption_preset,
        words=[TranscriptWord(index=i, **w) for i, w in enumerate(_words_of(clip, source))],
        cuts=[c for c in source.cuts if low <= c <= high],
        pauses=[(a, b) for a, b in source.pauses if b >= low and a <= high],
    )


async def _latest(session: AsyncSession, ctx: WorkspaceContext, clip_id: uuid.UUID) -> Clip:
    clip = await get(session, ctx, clip_id)
    if not clip.latest:
        newer = [c for c in await repository.versions_of(session, clip) if c.latest]
        if not newer:  # merged into a clip whose parent is the other one
            newer = list(await repository.newer_overlapping(session, clip))
        named = ", ".join(f"{c.id} (version {c.version})" for c in newer)
        raise NotLatestVersion(
            f"Clip {clip.id} is version {clip.version} and is no longer the latest; edit "
            + (f"the latest version instead: {named}." if named else "its newest version.")
        )
    return clip


def _check_edges(start: float, end: float, source: Source) -> None:
    if start < 0:
        raise InvalidClipEdit(f"The clip cannot start before the video does (at {start:.2f} s).")
    if source.duration is not None and end > source.duration + 1e-6:
        raise InvalidClipEdit(
            f"The clip cannot end at {end:.2f} s: the video is {source.duration:.2f} s long."
        )
    if end - start < edits.MIN_SECONDS:
        raise InvalidClipEdit(
            f"The clip would last {max(end - start, 0):.2f} s; a clip lasts at least "
            f"{edits.MIN_SECONDS:.0f} s."
        )


def _word_at(words: Sequence[edits.Word], index: int, field: str) -> edits.Word:
    if index >= len(words):
        raise InvalidClipEdit(
            f"{field} is {index}, but the transcript has {len(words)} words "
            f"(0 to {len(words) - 1})."
        )
    return words[index]


def _new_version(old: Clip, start: float, end: float, words: list[edits.Word]) -> Clip:
    """The next version of ``old``: its scores, status and caption carried over (what a marketer
    decided about the clip still holds for a few seconds more or less), new edges and words."""
    return Clip(
        id=uuid.uuid4(),
        workspace_id=old.workspace_id,
        asset_id=old.asset_id,
        start_seconds=round(start, 3),
        end_seconds=round(end, 3),
        rank=old.rank,
        score=old.score,
        scores=dict(old.scores),
        features=dict(old.features),
        transcript=edits.transcript_of(words),
        caption=old.caption,
        status=old.status,
        weights_version=old.weights_version,
        version=old.version + 1,
        parent_id=old.id,
        latest=True,
        words=words,
        caption_preset=old.caption_preset,
    )


async def _rerender(
    session: AsyncSession, ctx: WorkspaceContext, olds: Sequence[Clip], new: Clip
) -> None:
    """Ask for the new version every variant the old one(s) had, through the usual request path:
    the render jobs leave when the transaction commits."""
    wanted: set[tuple[str, bool]] = set()
    for old in olds:
        wanted.update(
            (v.platform, v.captions) for v in await repository.variants_of(session, old.id)
        )
    for platform, captions in sorted(wanted):
        await ensure_variant(
            session, new, platform=platform, captions=captions, force=False, actor_id=ctx.user_id
        )


async def edit(
    session: AsyncSession, ctx: WorkspaceContext, clip_id: uuid.UUID, body: ClipEdit
) -> Clip:
    old = await _latest(session, ctx, clip_id)
    source = await _source(session, old)
    words = _words_of(old, source)
    changes: dict[str, Any] = {}

    fixed_words: list[dict[str, Any]] = []
    for fix in body.word_fixes:
        word = _word_at(words, fix.index, f"word_fixes index {fix.index}")
        if word["text"] != fix.text:
            fixed_words.append({"index": fix.index, "before": word["text"], "after": fix.text})
            word["text"] = fix.text
    if fixed_words:
        changes["words"] = fixed_words

    first = None if body.first_word is None else _word_at(words, body.first_word, "first_word")
    last = None if body.last_word is None else _word_at(words, body.last_word, "last_word")
    if first is not None and last is not None and first["start"] > last["start"]:
        raise InvalidClipEdit("first_word comes after last_word.")
    # Neighbours: the timeline's words too, so an edge never cuts into a word outside the clip.
    neighbours = [*source.words, *words]
    start, end = old.start_seconds, old.end_seconds
    if first is not None:
        start = edits.lead_in_start(first, neighbours)
    elif body.start_seconds is not None:
        start = edits.snap(body.start_seconds, neighbours, source.cuts)
    if last is not None:
        end = edits.tail_end(last, neighbours)
    elif body.end_seconds is not None:
        end = edits.snap(body.end_seconds, neighbours, source.cuts)
    start, end = round(start, 3), round(end, 3)
    _check_edges(start, end, source)
    if (start, end) != (old.start_seconds, old.end_seconds):
        changes["edges"] = {
            "before": [old.start_seconds, old.end_seconds],
            "after": [start, end],
        }
    if body.caption_preset is not None and body.caption_preset != old.caption_preset:
        changes["caption_preset"] = {"before": old.caption_preset, "after": body.caption_preset}
    if not changes:
        raise InvalidClipEdit("There is nothing to change: the edit leaves the clip as it is.")

    new = _new_version(old, start, end, edits.words_between(start, end, source.words, words))
    if body.caption_preset is not None:
        new.caption_preset = body.caption_preset
    old.latest = False
    await repository.add(session, new)
    await ledger.record(
        session,
        "clip.edited",
        workspace_id=ctx.workspace_id,
        actor_id=ctx.user_id,
        asset_id=new.asset_id,
        clip_id=new.id,
        payload={"from_clip": str(old.id), "version": new.version, "changes": changes},
    )
    await _rerender(session, ctx, [old], new)
    log.info("clip.edited", clip_id=str(new.id), from_clip=str(old.id), version=new.version)
    return new


async def split(
    session: AsyncSession, ctx: WorkspaceContext, clip_id: uuid.UUID, at_seconds: float
) -> tuple[Clip, Clip]:
    old = await _latest(session, ctx, clip_id)
    source = await _source(session, old)
    words = _words_of(old, source)
    at = round(edits.snap(at_seconds, [*source.words, *words], source.cuts), 3)
    if at - old.start_seconds < edits.MIN_SECONDS or old.end_seconds - at < edits.MIN_SECONDS:
        raise InvalidClipEdit(
            f"Splitting at {at:.2f} s (snapped from {at_seconds:.2f} s) would leave a part "
            f"shorter than {edits.MIN_SECONDS:.0f} s; the clip runs from "
            f"{old.start_seconds:.2f} s to {old.end_seconds:.2f} s."
        )
    parts = (
        _new_version(old, old.start_seconds, at, edits.overlapping(words, old.start_seconds, at)),
        _new_version(old, at, old.end_seconds, edits.overlapping(words, at, old.end_seconds)),
    )
    old.latest = False
    await repository.add(session, *parts)
    for part in parts:
        await ledger.record(
            session,
            "clip.split",
            workspace_id=ctx.workspace_id,
            actor_id=ctx.user_id,
            asset_id=part.asset_id,
            clip_id=part.id,
            payload={
                "from_clip": str(old.id),
                "version": part.version,
                "at_seconds": at,
                "parts": [str(p.id) for p in parts],
            },
        )
        await _rerender(session, ctx, [old], part)
    log.info("clip.split", clip_id=str(old.id), at_seconds=at)
    return parts


async def merge(
    session: AsyncSession, ctx: WorkspaceContext, clip_ids: Sequence[uuid.UUID]
) -> Clip:
    # Each is looked up first: a clip of another workspace is a 404 whatever else is wrong.
    found = [await _latest(session, ctx, clip_id) for clip_id in clip_ids]
    if len({clip.id for clip in found}) != 2:
        raise InvalidClipEdit("Merge two different clips.")
    first, second = sorted(found, key=lambda c: (c.start_seconds, c.end_seconds))
    if first.asset_id != second.asset_id:
        raise InvalidClipEdit("Only clips of the same video can be merged.")
    gap = second.start_seconds - first.end_seconds
    if gap > edits.MERGE_GAP:
        raise InvalidClipEdit(
            f"The clips are {gap:.2f} s apart; only clips at most {edits.MERGE_GAP:.0f} s "
            "apart can be merged."
        )
    source = await _source(session, first)
    start, end = first.start_seconds, max(first.end_seconds, second.end_seconds)
    words = edits.words_between(
        start, end, source.words, _words_of(first, source), _words_of(second, source)
    )
    # The earlier clip is the parent (one parent link per row); the ledger names both.
    merged = _new_version(first, start, end, words)
    merged.version = max(first.version, second.version) + 1
    first.latest = second.latest = False
    await repository.add(session, merged)
    await ledger.record(
        session,
        "clip.merged",
        workspace_id=ctx.workspace_id,
        actor_id=ctx.user_id,
        asset_id=merged.asset_id,
        clip_id=merged.id,
        payload={
            "from_clips": [str(first.id), str(second.id)],
            "version": merged.version,
            "edges": [start, end],
        },
    )
    await _rerender(session, ctx, [first, second], merged)
    log.info("clip.merged", clip_id=str(merged.id), from_clips=[str(first.id), str(second.id)])
    return merged


async def versions(
    session: AsyncSession, ctx: WorkspaceContext, clip_id: uuid.UUID, window: Window
) -> Slice[ClipVersion]:
    """Every version of the clip's chain, newest first."""
    clip = await get(session, ctx, clip_id)
    chain = [
        ClipVersion(
            id=c.id,
            version=c.version,
            start_seconds=c.start_seconds,
            end_seconds=c.end_seconds,
            caption_preset=c.caption_preset,
            latest=c.latest,
            created_at=c.created_at,
        )
        for c in await repository.versions_of(session, clip)
    ]
    # Newest first: highest version, then (a split's two parts) by where they start.
    return in_memory(chain, lambda v: (-v.version, int(v.start_seconds * 1000), str(v.id)), window)
