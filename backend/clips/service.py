"""Reviewing clips and asking for their platform variants."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from backend import ledger
from backend.clips import repository
from backend.clips import variant_transitions as transitions
from backend.clips.repository import ClipMedia
from backend.clips.schemas import ClipDetail, ClipOut, Contribution, VariantOut
from backend.config import Settings
from backend.errors import NotFound
from backend.iam.context import WorkspaceContext
from backend.jobs import service as jobs
from backend.media import service as media
from backend.models import Clip, ScoringWeights, Variant, VariantState
from backend.pagination import Slice, Window
from backend.rules import repository as rules_repository


class ClipNotFound(NotFound):
    code = "clip_not_found"
    default_message = "No such clip in this workspace."


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
    )


async def variant_page(session: AsyncSession, clip_id: uuid.UUID, window: Window) -> Slice[Variant]:
    return await repository.variant_page(session, clip_id, window)


async def variants_of(session: AsyncSession, clip_id: uuid.UUID) -> Sequence[Variant]:
    return await repository.variants_of(session, clip_id)
