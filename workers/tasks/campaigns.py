"""A campaign's captions and titles rewritten by a model (queue ``ai``), after a plan is applied.

The template's text is already on every post; a model's text replaces it only when it keeps
within the platform's limits and holds every required hashtag. A provider that fails or
answers badly leaves the template's text in place. No transaction is held across a call.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

import structlog
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from backend.campaigns import rewrite
from backend.campaigns.planning import WRITE_CAPTIONS_TASK
from backend.config import Settings
from workers.health.providers import Message, Provider, ProviderRefused, ProviderUnavailable
from workers.health.runner import providers_from
from workers.tasks.base import batch_task

log = structlog.get_logger(__name__)

INSTRUCTIONS = (
    "You write social media captions for short videos. Answer with one JSON object "
    '{{"caption": "...", "title": "..."}} and nothing else. The caption must hold at most '
    "{caption_max} characters and {hashtags_max} hashtags, and must contain these hashtags "
    "exactly: {hashtags}. The title must hold at most {title_max} characters. Write in the "
    "language of the transcript. Platform: {platform}."
)


def _messages(draft: rewrite.Draft) -> list[Message]:
    limits = draft.limits
    system = INSTRUCTIONS.format(
        caption_max=limits.caption_max,
        hashtags_max=limits.hashtags_max,
        hashtags=" ".join(draft.required_hashtags) or "(none)",
        title_max=limits.title_max,
        platform=draft.platform,
    )
    user = json.dumps(
        {
            "transcript": draft.transcript[:4000],
            "template_caption": draft.template_text,
            "template_title": draft.title,
        }
    )
    return [Message("system", system), Message("user", user)]


async def _ignore(_: str) -> None:
    return None


def _parse(text: str) -> tuple[str, str] | None:
    try:
        answer: Any = json.loads(text.strip().removeprefix("```json").strip("`\n "))
    except json.JSONDecodeError:
        return None
    if not isinstance(answer, dict):
        return None
    caption, title = answer.get("caption"), answer.get("title")
    return (caption, title) if isinstance(caption, str) and isinstance(title, str) else None


async def written_by_model(
    providers: list[Provider], draft: rewrite.Draft
) -> tuple[str, str] | None:
    """The first provider's acceptable answer; None keeps the template's text."""
    for provider in providers:
        try:
            reply = await provider.complete(_messages(draft), [], _ignore)
        except (ProviderUnavailable, ProviderRefused) as error:
            log.warning(
                "campaigns.captions_provider_failed",
                provider=provider.name,
                error_type=type(error).__name__,
            )
            continue
        parsed = _parse(reply.text)
        if parsed is not None and rewrite.acceptable(draft, *parsed):
            return parsed
        log.info("campaigns.captions_refused", provider=provider.name, platform=draft.platform)
    return None


async def write_captions(
    sessions: async_sessionmaker[AsyncSession],
    settings: Settings,
    campaign_id: str,
    providers: list[Provider] | None = None,
) -> int:
    chosen = providers if providers is not None else providers_from(settings)
    if not chosen:
        return 0
    async with sessions() as session:
        drafts = await rewrite.drafts(session, uuid.UUID(campaign_id))
    written: dict[uuid.UUID, tuple[str, str]] = {}
    for draft in drafts:
        answer = await written_by_model(chosen, draft)
        if answer is not None:
            written[draft.post_id] = answer
    async with sessions() as session:
        updated = await rewrite.store(
            session, uuid.UUID(campaign_id), written, fell_back=len(drafts) - len(written)
        )
        await session.commit()
    log.info(
        "campaigns.captions_written",
        campaign_id=campaign_id,
        updated=updated,
        kept_template=len(drafts) - len(written),
    )
    return updated


@batch_task(WRITE_CAPTIONS_TASK)
async def write_captions_task(
    sessions: async_sessionmaker[AsyncSession], settings: Settings, campaign_id: str
) -> int:
    return await write_captions(sessions, settings, campaign_id)
