"""What a variant render needs and what it records. The ``media.render_variant`` task loads a
``RenderPlan`` here, runs the pure render (workers/media), and hands the files back to be
stored and recorded; every change of the variant's state goes through variant_transitions.

A variant whose render would equal one the clip already has (its "master": the task decides
what equal means, from the spec each render records in its checks) gets copies of the master's
stored files instead of an encode; its checks are still its own platform's."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import anyio
import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from backend.clips import repository, service
from backend.clips import variant_transitions as transitions
from backend.errors import PermanentError
from backend.models import Asset, Clip, Job, Variant, VariantState, Workspace
from backend.rules import repository as rules
from backend.storage import Storage
from backend.storage.keys import VariantKeys, variant_keys

log = structlog.get_logger(__name__)
EDGE_TOLERANCE_SECONDS = 0.005  # closer than this, an edge has not moved (rounding)


class VariantMissing(PermanentError):
    """The variant (or its clip) was deleted before the render started."""


@dataclass(frozen=True)
class RenderPlan:
    variant: Variant
    clip: Clip
    asset: Asset
    rules: dict[str, Any]
    timeline: dict[str, Any] | None  # the asset's timeline data, for caption words
    all_rules: dict[str, dict[str, Any]]  # every platform's active rules (captions fit them all)
    caption_brand: dict[str, Any] | None = None  # the workspace's caption style, if it has one


@dataclass(frozen=True)
class RenderOutcome:
    """What the render produced, in plain values."""

    duration: float
    size_bytes: int
    violations: list[str]
    captions_filter: str | None
    realtime_factor: float
    cover_offset_ms: int | None = None  # when in the clip the cover frame is (platforms ask)
    master: dict[str, Any] | None = None  # what the render depended on (workers/media/master.py)
    derived_from: uuid.UUID | None = None  # the variant whose files were copied, if any
    crop: str | None = None


async def start(session: AsyncSession, job: Job) -> RenderPlan:
    """Load what the job's render needs and move the variant to ``rendering``."""
    variant_id = job.params.get("variant_id")
    variant = (
        None if variant_id is None else await repository.get_variant(session, uuid.UUID(variant_id))
    )
    if variant is None:
        raise VariantMissing(f"variant {variant_id} does not exist")
    clip = await repository.get_by_id(session, variant.clip_id)
    if clip is None:
        raise VariantMissing(f"clip {variant.clip_id} does not exist")
    asset, timeline = await repository.source_of(session, clip.asset_id)
    if asset is None:
        raise VariantMissing(f"asset {clip.asset_id} does not exist")
    active = await rules.active_rules(session)
    every_platform = {name: rule.rules for name, rule in active.items()}
    platform_rules = every_platform.get(variant.platform)
    if platform_rules is None:
        raise PermanentError(f"no approved rules for {variant.platform}")
    await transitions.transition(session, variant, VariantState.RENDERING, job_id=job.id)
    workspace = await session.get(Workspace, clip.workspace_id)
    return RenderPlan(
        variant,
        clip,
        asset,
        platform_rules,
        None if timeline is None else timeline.data,
        every_platform,
        None if workspace is None else workspace.caption_brand,
    )


async def find_master(
    session: AsyncSession, plan: RenderPlan, serves: Callable[[dict[str, Any] | None], bool]
) -> Variant | None:
    """A ready variant of the same clip, or of the version it was edited from, whose recorded
    render spec ``serves`` this one: an edit re-renders only what it changed (a new preset
    leaves the variants without captions as they were; a fixed word, those it does not show)."""
    candidates = list(await repository.variants_of(session, plan.clip.id))
    if plan.clip.parent_id is not None:
        candidates += await repository.variants_of(session, plan.clip.parent_id)
    for variant in candidates:
        if (
            variant.id != plan.variant.id
            and variant.state == VariantState.READY
            and variant.storage_key
            and variant.cover_key
            and variant.preview_key
            and serves(variant.checks.get("master"))
        ):
            return variant
    return None


async def copy_files(storage: Storage, plan: RenderPlan, master: Variant) -> VariantKeys:
    """Copy the master's stored files under this variant's keys (no local round trip)."""
    keys = variant_keys(plan.asset.id, plan.variant.id)
    pairs = (
        (master.storage_key, keys.video),
        (master.cover_key, keys.cover),
        (master.preview_key, keys.preview),
    )
    for source, target in pairs:
        assert source is not None  # find_master only returns variants with all three
        await anyio.to_thread.run_sync(storage.copy, source, target)
    return keys


async def save_files(
    storage: Storage, plan: RenderPlan, video: Path, cover: Path, preview: Path
) -> VariantKeys:
    """Copy the rendered files into storage, under the variant's keys."""
    keys = variant_keys(plan.asset.id, plan.variant.id)
    for key, path in ((keys.video, video), (keys.cover, cover), (keys.preview, preview)):
        await anyio.to_thread.run_sync(storage.save_file, key, path)
    return keys


async def finish(
    session: AsyncSession, plan: RenderPlan, keys: VariantKeys, outcome: RenderOutcome, job: Job
) -> None:
    """Record the stored render and make the variant ``ready`` (``variant.rendered``)."""
    variant = plan.variant
    variant.storage_key, variant.cover_key, variant.preview_key = (
        keys.video,
        keys.cover,
        keys.preview,
    )
    variant.width, variant.height = int(plan.rules["width"]), int(plan.rules["height"])
    variant.duration_seconds = round(outcome.duration, 3)
    variant.size_bytes = outcome.size_bytes
    variant.checks = {
        "violations": list(outcome.violations),
        "passed": not outcome.violations,
        "captions_filter": outcome.captions_filter,
        "realtime_factor": round(outcome.realtime_factor, 2),
        "cover_offset_ms": outcome.cover_offset_ms,
        "platform": variant.platform,  # whose rules the violations were checked against
        "master": outcome.master,
        "derived_from": None if outcome.derived_from is None else str(outcome.derived_from),
        "crop": outcome.crop,
    }
    await transitions.transition(
        session,
        variant,
        VariantState.READY,
        job_id=job.id,
        passed_rules=not outcome.violations,
        size_bytes=outcome.size_bytes,
    )
    await _render_again_if_moved(session, plan, job)


async def _render_again_if_moved(session: AsyncSession, plan: RenderPlan, job: Job) -> None:
    """Speech may move the clip's edges while this render ran (media.transcribe skips a
    variant that is rendering): what landed is the old range, so the variant goes round again."""
    rendered = (plan.clip.start_seconds, plan.clip.end_seconds)
    await session.refresh(plan.clip)
    current = (plan.clip.start_seconds, plan.clip.end_seconds)
    if all(abs(a - b) <= EDGE_TOLERANCE_SECONDS for a, b in zip(rendered, current, strict=True)):
        return
    log.info("media.variant.render_again", variant_id=str(plan.variant.id), rendered=rendered,
             current=current)  # fmt: skip
    await service.ensure_variant(
        session,
        plan.clip,
        platform=plan.variant.platform,
        captions=plan.variant.captions,
        force=True,
        actor_id=job.created_by_id,
    )


async def fail_unfinished(
    session: AsyncSession, variant_id: uuid.UUID, reason: str, job: Job | None = None
) -> None:
    """Fail the variant if a render was still on its way; a ready one stays ready."""
    variant = await repository.get_variant(session, variant_id)
    if variant is not None and variant.state in transitions.UNFINISHED:
        await transitions.transition(
            session,
            variant,
            VariantState.FAILED,
            reason=reason,
            job_id=None if job is None else job.id,
        )
