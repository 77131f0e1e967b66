"""The pre-flight check of one publication against its platform's active rules: the facts are
gathered here (publication, variant, account's recent posts, settings), the verdict is
``backend/rules/preflight.py``'s. Nothing here asks the platform anything."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from backend.config import Settings
from backend.errors import Conflict
from backend.models import Publication, Variant
from backend.platforms import registry
from backend.publishing import repository
from backend.rules import service as rules
from backend.rules.preflight import DAY, MediaFacts, PostFacts, Problem, check
from core.clock import utcnow

# Where the publishing engine keeps what it probed of a variant's file (per storage key).
MEDIA_FACTS_KEY = "media_facts"


class PreflightFailed(Conflict):
    code = "preflight_failed"
    default_message = "The publication breaks its platform's rules."


def refusal(problems: list[Problem]) -> str:
    return " ".join(problem.message for problem in problems)


def media_from_variant(variant: Variant | None) -> MediaFacts:
    """What the variant row records of its file; the codecs and frame rate once the engine has
    probed the file (before that, renders make what the rules ask, so they are not checked)."""
    if variant is None or variant.state != "ready":
        return MediaFacts()
    checks = variant.checks or {}
    probed: dict[str, Any] = checks.get(MEDIA_FACTS_KEY) or {}
    if probed.get("storage_key") != variant.storage_key:
        probed = {}
    cover = checks.get("cover_offset_ms")
    return MediaFacts(
        duration_seconds=probed.get("duration_seconds", variant.duration_seconds),
        size_bytes=probed.get("size_bytes", variant.size_bytes),
        width=probed.get("width", variant.width),
        height=probed.get("height", variant.height),
        formats=tuple(probed["formats"]) if probed.get("formats") else None,
        video_codec=probed.get("video_codec"),
        audio_codec=probed.get("audio_codec"),
        fps=probed.get("fps"),
        cover_offset_ms=int(cover) if isinstance(cover, int | float) else None,
        unreadable=probed.get("unreadable"),
    )


async def post_facts(
    session: AsyncSession, settings: Settings, publication: Publication, at: datetime
) -> PostFacts:
    plugin = registry.plugin(publication.platform)
    caption, title = plugin.post_text(publication.caption, publication.title)
    privacy_level = (publication.options or {}).get("privacy_level")
    used, oldest = await repository.usage_since(
        session, publication.account_id, at - DAY, excluding=publication.id
    )
    return PostFacts(
        caption=caption,
        title=title,
        at=at,
        privacy_level=str(privacy_level) if privacy_level is not None else None,
        allowed_privacy_levels=plugin.allowed_privacy_levels(settings, publication.mode),
        posts_in_last_day=used,
        oldest_post_in_day=oldest,
    )


async def problems(
    session: AsyncSession,
    settings: Settings,
    publication: Publication,
    media: MediaFacts | None = None,
    *,
    at: datetime | None = None,
) -> list[Problem]:
    """Everything the platform would refuse of this publication if it went out ``at`` (its
    publish time, else now), by the active rules."""
    document = await rules.active_document(session, publication.platform)
    if document is None:
        return []
    if media is None:
        variant_id = publication.variant_id
        media = media_from_variant(await session.get(Variant, variant_id) if variant_id else None)
    when = at or max(publication.publish_at or utcnow(), utcnow())
    post = await post_facts(session, settings, publication, when)
    return check(publication.platform, media, post, document)
