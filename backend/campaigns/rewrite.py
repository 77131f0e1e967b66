"""What the caption writer (workers/tasks/campaigns.py) reads and writes: the campaign's posts
not sent yet, with what a model needs to rewrite their caption and title, and the rewritten
text, stored only where nothing was sent in between."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from backend import ledger
from backend.campaigns import captions, repository
from backend.models import Campaign, CampaignPost, Clip, Publication
from backend.rules import repository as rules_repository

UNSENT = ("draft", "awaiting_approval", "scheduled")


@dataclass(frozen=True)
class Draft:
    post_id: uuid.UUID
    platform: str
    transcript: str
    template_text: str  # the caption the template gave: the model's starting point
    title: str
    required_hashtags: tuple[str, ...]
    limits: captions.CaptionLimits


def _unsent(publication: Publication | None) -> bool:
    return (
        publication is not None
        and publication.state in UNSENT
        and publication.lease_id is None
        and not publication.remote_upload_id
        and not publication.remote_post_id
    )


async def drafts(session: AsyncSession, campaign_id: uuid.UUID) -> list[Draft]:
    campaign = await session.get(Campaign, campaign_id)
    if campaign is None:
        return []
    posts = [p for p in await repository.posts_of(session, campaign_id) if p.state != "cancelled"]
    found = await repository.publications(
        session, [p.publication_id for p in posts if p.publication_id]
    )
    rules = {p: dict(r.rules) for p, r in (await rules_repository.active_rules(session)).items()}
    tags = tuple(captions.normalize_hashtags(list(campaign.required_hashtags)))
    result = []
    for post in posts:
        publication = found.get(post.publication_id) if post.publication_id else None
        clip = await session.get(Clip, post.clip_id)
        if publication is None or clip is None or not _unsent(publication):
            continue
        limits = captions.limits_for(publication.platform, rules.get(publication.platform))
        result.append(
            Draft(
                post.id,
                publication.platform,
                clip.transcript or "",
                post.caption,
                post.title,
                tags,
                limits,
            )
        )
    return result


def acceptable(draft: Draft, caption: str, title: str) -> bool:
    """Within the platform's limits, and every required hashtag there."""
    if not caption.strip() or not title.strip():
        return False
    if captions.problems(draft.platform, draft.limits, caption, title):
        return False
    present = {tag.lower() for tag in captions.hashtags_in(caption)}
    return all(tag.lower() in present for tag in draft.required_hashtags)


async def store(
    session: AsyncSession,
    campaign_id: uuid.UUID,
    written: dict[uuid.UUID, tuple[str, str]],
    fell_back: int,
) -> int:
    """Put the model's text on the posts and their publications still not sent; returns how
    many were updated."""
    campaign = await session.get(Campaign, campaign_id)
    if campaign is None:
        return 0
    updated = 0
    for post_id, (caption, title) in written.items():
        post = await session.get(CampaignPost, post_id, with_for_update=True)
        if post is None or post.publication_id is None or post.state == "cancelled":
            continue
        publication = await session.get(Publication, post.publication_id, with_for_update=True)
        if publication is None or not _unsent(publication):
            continue
        post.caption, post.title = caption, title
        publication.caption, publication.title = caption, title
        updated += 1
    await session.flush()
    await ledger.record(
        session,
        "campaign.captions_written",
        workspace_id=campaign.workspace_id,
        campaign_id=campaign.id,
        payload={"updated": updated, "kept_template": fell_back},
    )
    return updated
