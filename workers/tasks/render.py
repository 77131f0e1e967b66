"""Render one clip variant: load the plan, run the pure render, store and record the result.

When the clip already has a ready variant whose render equals this one (same range, duration
after the platform's cap, encode fields and captions: workers/media/master.py), its files are
copied in storage instead of encoding again, and the copy is checked against this platform's
rules."""

from __future__ import annotations

from typing import Any

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from backend.clips import rendering
from backend.config import get_settings
from backend.models import Job, Variant
from backend.storage import Storage, StorageKeyNotFound, get_storage
from backend.storage.keys import VariantKeys
from core.caption_presets import CaptionStyle, InvalidCaptionStyle, resolve
from workers.media.check import check_output
from workers.media.master import caption_area, master_spec, serves
from workers.media.timeline import Timeline, Word
from workers.media.variant import render_clip, words_to_captions
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
    words = _words(plan)
    start, end = plan.clip.start_seconds, plan.clip.end_seconds
    removed = [(float(a), float(b)) for a, b in plan.clip.removed or []]
    style = _style(plan)
    area = caption_area([plan.rules, *plan.all_rules.values()])
    lines = (
        words_to_captions(words, start, end, style, area)
        if plan.variant.captions and words
        else None
    )
    spec = master_spec(plan.rules, start=start, end=end, caption_lines=lines, caption_area=area,
                       caption_style=style, removed=removed)  # fmt: skip
    master = await rendering.find_master(session, plan, lambda m: serves(m, spec, plan.rules))
    if master is not None:
        try:
            outcome, keys = await _derive(storage, plan, master, progress)
        except StorageKeyNotFound:  # the master's files went away meanwhile: render instead
            log.warning("media.variant_master_missing", master_id=str(master.id))
        else:
            await rendering.finish(session, plan, keys, outcome, job)
            log.info("media.variant_derived", variant_id=str(plan.variant.id),
                     master_id=str(master.id))  # fmt: skip
            return {"variant_id": str(plan.variant.id), "violations": outcome.violations,
                    "derived_from": str(master.id)}  # fmt: skip
    # A failure here fails the job, and the job's failure fails this variant (jobs/subjects.py).
    with (
        job_workdir(settings, job.id) as workdir,
        storage.local_copy(plan.asset.storage_key) as src,
    ):
        rendered = await run_blocking(
            lambda sink, cancel: render_clip(
                src,
                workdir,
                start=start,
                end=end,
                rules=plan.rules,
                words=words,
                captions=plan.variant.captions,
                timeout=settings.ffmpeg_timeout_seconds,
                progress=sink,
                cancel=cancel,
                caption_area=area,
                caption_style=style,
                removed=removed,
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
        master=spec,
        crop=result.crop,
    )
    await rendering.finish(session, plan, keys, outcome, job)
    log.info(
        "media.variant_rendered", variant_id=str(plan.variant.id), seconds=result.elapsed_seconds
    )
    return {"variant_id": str(plan.variant.id), "violations": list(result.violations)}


def _words(plan: rendering.RenderPlan) -> list[Word] | None:
    """The clip's own words once it was edited (fixed words included), else the asset's."""
    if plan.clip.words is not None:
        return [Word(str(w["text"]), float(w["start"]), float(w["end"])) for w in plan.clip.words]
    return Timeline.from_json(plan.timeline).words if plan.timeline else None


def _style(plan: rendering.RenderPlan) -> CaptionStyle:
    try:
        return resolve(plan.clip.caption_preset, plan.caption_brand)
    except InvalidCaptionStyle as error:  # a preset renamed since: still caption, say so
        log.warning("media.caption_style_unknown", clip_id=str(plan.clip.id), error=str(error))
        return resolve(None)


async def _derive(
    storage: Storage, plan: rendering.RenderPlan, master: Variant, progress: Progress
) -> tuple[rendering.RenderOutcome, VariantKeys]:
    """Copy the master's files and check the copy against this variant's own rules."""
    keys = await rendering.copy_files(storage, plan, master)
    with storage.local_copy(keys.video) as video:
        violations = await run_blocking(
            lambda _sink, _cancel: check_output(video, plan.rules), progress, (50, 95)
        )
    checks = master.checks
    outcome = rendering.RenderOutcome(
        duration=float(master.duration_seconds or 0.0),
        size_bytes=int(master.size_bytes or 0),
        violations=list(violations),
        captions_filter=checks.get("captions_filter"),
        realtime_factor=0.0,  # nothing was encoded for this variant
        cover_offset_ms=checks.get("cover_offset_ms"),
        master=checks.get("master"),
        derived_from=master.id,
        crop=checks.get("crop"),
    )
    return outcome, keys
