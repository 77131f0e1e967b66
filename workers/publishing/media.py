"""The file a publication uploads: its variant, checked against the platform's current rules
before anything reaches the platform."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import ExitStack, asynccontextmanager
from dataclasses import asdict
from pathlib import Path

import anyio
from sqlalchemy.ext.asyncio import AsyncSession

from backend.config import Settings
from backend.media.service import public_url
from backend.models import Publication, Variant
from backend.platforms.base import MediaFile
from backend.platforms.registry import display_name
from backend.publishing.preflight import MEDIA_FACTS_KEY
from backend.rules import repository as rules
from backend.rules.document import full_rules
from backend.rules.preflight import MediaFacts, media_problems
from backend.storage import get_storage
from backend.storage.base import StorageKeyNotFound
from workers.media.check import check_output
from workers.media.errors import MediaError
from workers.media.probe import probe


class VariantNotReady(Exception):
    """Still rendering: the publication waits for it."""


class VariantUnusable(Exception):
    """Missing, failed to render, or breaks the platform's rules: the publication fails."""


async def usable_variant(session: AsyncSession, publication: Publication) -> Variant:
    variant = await session.get(Variant, publication.variant_id) if publication.variant_id else None
    platform = display_name(publication.platform)
    if variant is None:
        raise VariantUnusable(f"The clip has no video rendered for {platform}.")
    if variant.state in ("pending", "rendering"):
        raise VariantNotReady()
    if variant.state != "ready" or not variant.storage_key:
        reason = f": {variant.error}" if variant.error else "."
        raise VariantUnusable(f"The clip could not be rendered for {platform}{reason}")
    return variant


@asynccontextmanager
async def variant_file(settings: Settings, variant: Variant) -> AsyncIterator[MediaFile]:
    """The rendered video, with its rendered cover where there is one (platforms that take a
    cover image get it; a cover gone from storage only means none is sent)."""
    assert variant.storage_key is not None
    storage = get_storage(settings)
    with ExitStack() as files:
        path = files.enter_context(storage.local_copy(variant.storage_key))
        cover = None
        if variant.cover_key:
            try:
                cover = files.enter_context(storage.local_copy(variant.cover_key))
            except StorageKeyNotFound:
                cover = None
        yield MediaFile(
            path=path,
            size_bytes=path.stat().st_size,
            duration_seconds=variant.duration_seconds or 0.0,
            width=variant.width or 0,
            height=variant.height or 0,
            content_type="video/mp4",
            # For platforms that fetch the files themselves: signed links that expire.
            url=public_url(settings, variant.storage_key),
            cover_url=public_url(settings, variant.cover_key),
            cover_path=cover,
        )


def probed_facts(path: Path, settings: Settings) -> MediaFacts:
    """The file's facts as ffmpeg reads them (run in a thread)."""
    try:
        info = probe(path, settings.ffmpeg_path)
    except MediaError as error:
        return MediaFacts(unreadable=str(error))
    return MediaFacts(
        duration_seconds=info.duration,
        size_bytes=info.size_bytes,
        width=info.display_width,
        height=info.display_height,
        formats=tuple(info.format_name.split(",")),
        video_codec=info.video.codec,
        audio_codec=info.audio.codec if info.audio else None,
        fps=round(info.frame_rate, 3),
    )


def cover_offset_ms(variant: Variant) -> int | None:
    """Where the rendered cover is in the clip (recorded by the render), for platforms that
    take the cover as a time (TikTok's video_cover_timestamp_ms, Instagram's thumb_offset)."""
    value = (variant.checks or {}).get("cover_offset_ms")
    return int(value) if isinstance(value, int | float) else None


async def check_against_rules(
    session: AsyncSession, settings: Settings, publication: Publication, variant: Variant
) -> None:
    """Raise VariantUnusable when the file breaks the platform's active rules. The verdict is
    kept on the variant per rules version, so each file is scanned once per version."""
    rule = (await rules.active_rules(session)).get(publication.platform)
    if rule is None:
        return
    cached = (variant.checks or {}).get("publish_check")
    if cached and cached.get("rules_version") == rule.version:
        violations = list(cached.get("violations", []))
    else:
        document = full_rules(publication.platform, rule.rules)
        async with variant_file(settings, variant) as media:
            violations = await anyio.to_thread.run_sync(
                check_output, media.path, document.model_dump(mode="json")
            )
            facts = await anyio.to_thread.run_sync(probed_facts, media.path, settings)
        # What the platform accepts, on the file as it is (not as the row says it is).
        violations += [
            problem.message.rstrip(".")
            for problem in media_problems(publication.platform, facts, document)
            if problem.message.rstrip(".") not in violations
        ]
        variant.checks = {
            **(variant.checks or {}),
            "publish_check": {"rules_version": rule.version, "violations": violations},
            MEDIA_FACTS_KEY: {"storage_key": variant.storage_key, **asdict(facts)},
        }
        await session.flush()
    if violations:
        platform = display_name(publication.platform)
        raise VariantUnusable(
            f"The video does not meet {platform}'s rules, so it was not sent: "
            + "; ".join(violations)
            + "."
        )
