"""Running the planner on a campaign and writing what it picked: one campaign post and one
publication (through the publishing service, so approval and exactly-once sending are the
engine's) per pick."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

import structlog
from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncSession

from backend import ledger
from backend.campaigns import captions, planner, repository
from backend.campaigns.facts import Pick, Skip
from backend.campaigns.facts_db import Gathered, gather
from backend.campaigns.schemas import CampaignPostOut, PickOut, PlanOut, PostChoices, SkipOut
from backend.config import Settings, get_settings
from backend.enqueue import enqueue
from backend.errors import InvalidInput
from backend.iam.context import WorkspaceContext
from backend.models import Campaign, CampaignPost, Publication
from backend.platforms import choices as platform_choices
from backend.platforms import registry
from backend.publishing import service as publishing
from backend.publishing.schemas import PublicationSpec
from backend.publishing.transitions import CANCELLABLE

log = structlog.get_logger(__name__)

WRITE_CAPTIONS_TASK = "campaigns.write_captions"
POST_STATE = {
    "awaiting_approval": "planned",
    "draft": "planned",
    "scheduled": "scheduled",
    "queued": "scheduled",
    "published": "published",
    "failed": "failed",
    "cancelled": "cancelled",
}


def _choices_model(platform: str) -> type[BaseModel]:
    model = registry.plugin(platform).choices_model
    assert model is not None, f"{platform} asks for no per-post choices"
    return model


def caption_for(
    gathered: Gathered,
    campaign: Campaign,
    account_id: uuid.UUID,
    clip_id: uuid.UUID,
    given: str | None = None,
) -> tuple[str, str]:
    account = gathered.accounts[account_id]
    clip, _, asset_name = gathered.clips[clip_id]
    limits = captions.limits_for(account.platform, gathered.rules.get(account.platform))
    facts = captions.CaptionFacts(clip.transcript or "", asset_name, account.username, clip.caption)
    template = campaign.caption_template if given is None else given
    return captions.render(
        account.platform, limits, template, list(campaign.required_hashtags), facts
    )


def _pick_out(gathered: Gathered, campaign: Campaign, pick: Pick) -> PickOut:
    caption, title = caption_for(
        gathered, campaign, uuid.UUID(pick.account_id), uuid.UUID(pick.clip_id)
    )
    return PickOut(
        account_id=uuid.UUID(pick.account_id),
        platform=pick.platform,
        slot_at=pick.slot_at,
        clip_id=uuid.UUID(pick.clip_id),
        asset_id=uuid.UUID(pick.asset_id),
        score=pick.score,
        exploration=pick.exploration,
        reuse=pick.reuse,
        caption=caption,
        title=title,
        reason=pick.reason,
    )


def _skips(gathered: Gathered, skips: list[Skip]) -> list[SkipOut]:
    found = [
        SkipOut(
            account_id=uuid.UUID(s.account_id),
            slot_at=s.slot_at,
            constraint=s.constraint,
            reason=s.reason,
        )
        for s in skips
    ]
    facts = gathered.facts
    for target in gathered.unavailable:
        limits = facts.limits[target.platform]
        for slot in planner.target_slots(facts.campaign, target, limits):
            if slot.at > facts.now:
                account = gathered.accounts[uuid.UUID(target.account_id)]
                found.append(
                    SkipOut(
                        account_id=uuid.UUID(target.account_id),
                        slot_at=slot.at,
                        constraint="account_unavailable",
                        reason=f"@{account.username} is {account.status.replace('_', ' ')}; "
                        "connect it again to post there.",
                    )
                )
    return sorted(found, key=lambda s: (s.slot_at, str(s.account_id)))


async def post_choices(
    session: AsyncSession, campaign: Campaign, platforms: set[str], given: PostChoices
) -> dict[str, BaseModel]:
    """The user's choices per platform that demands them: given now, else the campaign's own,
    else those of its latest post there; none at all is a 422 naming what to choose and where."""
    chosen: dict[str, BaseModel] = {}
    kept = PostChoices.model_validate(campaign.post_choices or {})
    earlier: dict[uuid.UUID, Publication] | None = None
    for platform in sorted(platforms):
        if not platform_choices.required(platform, "direct"):
            continue
        made = getattr(given, platform, None) or getattr(kept, platform, None)
        if isinstance(made, BaseModel):
            chosen[platform] = made
            continue
        if earlier is None:
            earlier = await _publications_of(session, campaign)
        for publication in sorted(earlier.values(), key=lambda p: p.created_at, reverse=True):
            if publication.platform == platform and publication.options:
                chosen[platform] = _choices_model(platform).model_validate(publication.options)
                break
        else:
            raise InvalidInput(
                f"{platform_choices.missing_message(platform)} Choose them under “Platform "
                "choices” in the campaign's editor (or send them with this request)."
            )
    return chosen


async def _publications_of(
    session: AsyncSession, campaign: Campaign
) -> dict[uuid.UUID, Publication]:
    posts = await repository.posts_of(session, campaign.id)
    return await repository.publications(
        session, [p.publication_id for p in posts if p.publication_id]
    )


async def publish(
    session: AsyncSession,
    ctx: WorkspaceContext,
    campaign: Campaign,
    account_id: uuid.UUID,
    clip_id: uuid.UUID,
    slot_at: datetime,
    caption: str,
    title: str,
    chosen: dict[str, BaseModel],
    *,
    settings: Settings,
) -> Publication:
    spec = PublicationSpec(
        clip_id=clip_id,
        account_ids=[account_id],
        caption=caption,
        title=title,
        publish_at=slot_at,
        **chosen,
    )
    (publication,) = await publishing.create(
        session, ctx, spec, submit=campaign.approval_policy != "none"
    )
    publication.approvals_required = campaign.approvals_required
    if campaign.approval_policy == "none":
        await publishing.approve(session, ctx, settings, publication)
    return publication


async def write_post(
    session: AsyncSession,
    ctx: WorkspaceContext,
    campaign: Campaign,
    existing: CampaignPost | None,
    publication: Publication,
    fields: dict[str, Any],
) -> CampaignPost:
    """A new post, or a cancelled one at the same slot brought back with new content."""
    post = existing or CampaignPost(
        id=uuid.uuid4(), campaign_id=campaign.id, workspace_id=campaign.workspace_id
    )
    for name, value in fields.items():
        setattr(post, name, value)
    post.publication_id = publication.id
    post.state = POST_STATE.get(publication.state, "scheduled")
    if existing is None:
        await repository.add_post(session, post)
    await session.flush()
    return post


async def run(
    session: AsyncSession,
    ctx: WorkspaceContext,
    campaign: Campaign,
    *,
    apply: bool,
    choices: PostChoices,
    settings: Settings,
) -> PlanOut:
    gathered = await gather(session, campaign)
    result = planner.plan(gathered.facts)
    picks = [_pick_out(gathered, campaign, pick) for pick in result.picks]
    skips = _skips(gathered, result.skips)
    created = 0
    if apply:
        chosen = await post_choices(session, campaign, {p.platform for p in picks}, choices)
        at_slot = {(post.account_id, post.slot_at): post for post in gathered.posts}
        for pick in picks:
            publication = await publish(
                session,
                ctx,
                campaign,
                pick.account_id,
                pick.clip_id,
                pick.slot_at,
                pick.caption,
                pick.title,
                {pick.platform: chosen[pick.platform]} if pick.platform in chosen else {},
                settings=settings,
            )
            await write_post(
                session,
                ctx,
                campaign,
                at_slot.get((pick.account_id, pick.slot_at)),
                publication,
                _post_fields(pick, "planner"),
            )
            created += 1
        await ledger.record(
            session,
            "campaign.plan_applied",
            workspace_id=ctx.workspace_id,
            actor_id=ctx.user_id,
            campaign_id=campaign.id,
            payload={
                "created": created,
                "kept": result.kept,
                "skipped": len(skips),
                "exploration": sum(p.exploration for p in picks),
                "reused": sum(p.reuse > 0 for p in picks),
            },
        )
        if created and _llm_configured():
            enqueue(session, WRITE_CAPTIONS_TASK, campaign_id=campaign.id)
        log.info("campaigns.plan_applied", campaign_id=str(campaign.id), created=created)
    return PlanOut(applied=apply, picks=picks, skips=skips, created=created, kept=result.kept)


def _post_fields(pick: PickOut, source: str) -> dict[str, Any]:
    return {
        "account_id": pick.account_id,
        "clip_id": pick.clip_id,
        "slot_at": pick.slot_at,
        "score": pick.score,
        "exploration": pick.exploration,
        "reuse": pick.reuse,
        "reason": pick.reason,
        "caption": pick.caption,
        "title": pick.title,
        "source": source,
    }


def _llm_configured() -> bool:
    settings = get_settings()
    return settings.openai_api_key is not None or settings.gemini_api_key is not None


async def cancel_unsent(session: AsyncSession, ctx: WorkspaceContext, campaign: Campaign) -> int:
    """Cancel the campaign's posts nothing of which reached a platform yet."""
    posts = [
        p
        for p in await repository.posts_of(session, campaign.id)
        if p.state in ("planned", "scheduled")
    ]
    found = await repository.publications(
        session, [p.publication_id for p in posts if p.publication_id]
    )
    cancelled = 0
    for post in posts:
        publication = found.get(post.publication_id) if post.publication_id else None
        if publication is not None:
            on_its_way = publication.lease_id is not None or publication.remote_post_id
            if publication.state not in CANCELLABLE or on_its_way:
                continue
            await publishing.cancel(session, ctx, publication.id)
        post.state = "cancelled"
        cancelled += 1
    await session.flush()
    return cancelled


async def post_views(session: AsyncSession, posts: Sequence[CampaignPost]) -> list[CampaignPostOut]:
    found = await repository.publications(
        session, [p.publication_id for p in posts if p.publication_id]
    )
    views = []
    for post in posts:
        publication = found.get(post.publication_id) if post.publication_id else None
        views.append(
            CampaignPostOut(
                id=post.id,
                account_id=post.account_id,
                clip_id=post.clip_id,
                publication_id=post.publication_id,
                publication_state=publication.state if publication else None,
                slot_at=post.slot_at,
                state=POST_STATE.get(publication.state, post.state) if publication else post.state,
                score=post.score,
                exploration=post.exploration,
                reuse=post.reuse,
                reason=post.reason,
                caption=post.caption,
                title=post.title,
                source=post.source,
            )
        )
    return views
