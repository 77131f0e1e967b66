"""Campaigns: create, read, edit, delete (drafts only), move between states."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any, Final, cast

import structlog
from pydantic import ValidationError
from sqlalchemy.ext.asyncio import AsyncSession

from backend import ledger
from backend.accounts.service import AccountNotFound
from backend.assets.service import AssetNotFound
from backend.campaigns import planning, repository
from backend.campaigns.schemas import (
    CampaignIn,
    CampaignOut,
    CampaignPatch,
    CampaignPostOut,
    CampaignState,
    PlanOut,
    PostChoices,
    TargetOut,
)
from backend.config import Settings
from backend.errors import Conflict, Forbidden, InvalidInput, NotFound
from backend.iam.context import WorkspaceContext
from backend.models import Campaign, CampaignTarget
from backend.pagination import Slice, Window
from core.clock import utcnow

log = structlog.get_logger(__name__)

TRANSITIONS: Final[dict[str, frozenset[str]]] = {
    "draft": frozenset({"active"}),
    "active": frozenset({"paused", "completed"}),
    "paused": frozenset({"active", "completed"}),
    "completed": frozenset(),
}
_SETTINGS = [name for name in CampaignIn.model_fields if name != "targets"]


class CampaignNotFound(NotFound):
    code = "campaign_not_found"
    default_message = "No such campaign in this workspace."


class CampaignStateConflict(Conflict):
    code = "campaign_state_conflict"
    default_message = "The campaign's state does not allow this."


def _readable(error: ValidationError) -> str:
    parts = []
    for item in error.errors():
        where = ".".join(str(p) for p in item.get("loc", ())) or "campaign"
        parts.append(f"{where}: {str(item.get('msg', 'is invalid')).removeprefix('Value error, ')}")
    return "Invalid campaign — " + "; ".join(parts)


async def _check_rows(
    session: AsyncSession, ctx: WorkspaceContext, body: CampaignIn
) -> dict[uuid.UUID, Any]:
    ids = [target.account_id for target in body.targets]
    accounts = await repository.accounts(session, ctx.workspace_id, ids)
    if any(i not in accounts for i in ids):
        raise AccountNotFound("A target is not a connected account of this workspace.")
    assets = await repository.asset_ids_in_workspace(
        session, ctx.workspace_id, body.source_asset_ids
    )
    if any(i not in assets for i in body.source_asset_ids):
        raise AssetNotFound("A source video is not in this workspace.")
    return accounts


def _apply_fields(campaign: Campaign, body: CampaignIn) -> None:
    for name in _SETTINGS:
        value = getattr(body, name)
        if name == "blackout_dates":
            value = sorted({day.isoformat() for day in value})
        elif name == "source_asset_ids":
            value = [str(asset_id) for asset_id in value]
        elif name == "post_choices":
            value = value.model_dump(mode="json", exclude_none=True)
        setattr(campaign, name, value)


async def _write_targets(session: AsyncSession, campaign: Campaign, body: CampaignIn) -> None:
    rows = [
        CampaignTarget(
            id=uuid.uuid4(),
            campaign_id=campaign.id,
            account_id=target.account_id,
            slots=[slot.model_dump() for slot in target.slots],
        )
        for target in body.targets
    ]
    await repository.replace_targets(session, campaign.id, rows)


async def create(session: AsyncSession, ctx: WorkspaceContext, body: CampaignIn) -> CampaignOut:
    await _check_rows(session, ctx, body)
    campaign = Campaign(id=uuid.uuid4(), workspace_id=ctx.workspace_id, created_by_id=ctx.user_id)
    _apply_fields(campaign, body)
    campaign.state = "draft"
    await repository.add(session, campaign)
    await _write_targets(session, campaign, body)
    await _record(session, ctx, campaign, "created", targets=len(body.targets))
    return (await views(session, [campaign]))[0]


async def get(
    session: AsyncSession, ctx: WorkspaceContext, campaign_id: uuid.UUID, *, lock: bool = False
) -> Campaign:
    campaign = await repository.get_in_workspace(session, ctx.workspace_id, campaign_id, lock=lock)
    if campaign is None:
        raise CampaignNotFound()
    return campaign


async def detail(
    session: AsyncSession, ctx: WorkspaceContext, campaign_id: uuid.UUID
) -> CampaignOut:
    return (await views(session, [await get(session, ctx, campaign_id)]))[0]


async def page(
    session: AsyncSession, ctx: WorkspaceContext, state: str | None, window: Window
) -> tuple[list[CampaignOut], Slice[Campaign]]:
    found = await repository.page(session, ctx.workspace_id, state, window)
    return await views(session, found.rows), found


def stored(campaign: Campaign, targets: Sequence[CampaignTarget]) -> dict[str, Any]:
    """The campaign's settings as CampaignIn takes them."""
    fields = {name: getattr(campaign, name) for name in _SETTINGS}
    fields["blackout_dates"] = [date.fromisoformat(day) for day in campaign.blackout_dates]
    fields["source_asset_ids"] = [uuid.UUID(str(i)) for i in campaign.source_asset_ids]
    fields["targets"] = [{"account_id": t.account_id, "slots": t.slots} for t in targets]
    fields["post_choices"] = PostChoices.model_validate(campaign.post_choices or {})
    return fields


async def views(session: AsyncSession, campaigns: Sequence[Campaign]) -> list[CampaignOut]:
    if not campaigns:
        return []
    targets = await repository.targets_of(session, [c.id for c in campaigns])
    accounts = await repository.accounts(
        session, campaigns[0].workspace_id, [t.account_id for t in targets]
    )
    result = []
    for campaign in campaigns:
        mine = sorted(
            (t for t in targets if t.campaign_id == campaign.id), key=lambda t: str(t.account_id)
        )
        fields = stored(campaign, mine)
        fields["targets"] = [
            TargetOut(
                account_id=t.account_id,
                slots=t.slots,
                platform=accounts[t.account_id].platform,
                username=accounts[t.account_id].username,
            )
            for t in mine
            if t.account_id in accounts
        ]
        result.append(
            CampaignOut.model_construct(
                **fields,
                id=campaign.id,
                state=cast(CampaignState, campaign.state),
                created_at=campaign.created_at,
                updated_at=campaign.updated_at,
            )
        )
    return result


async def update(
    session: AsyncSession, ctx: WorkspaceContext, campaign_id: uuid.UUID, patch: CampaignPatch
) -> CampaignOut:
    campaign = await get(session, ctx, campaign_id, lock=True)
    if campaign.state == "completed":
        raise CampaignStateConflict("A completed campaign can no longer change.")
    changes = patch.model_dump(exclude_unset=True)
    if "post_choices" in changes and changes["post_choices"] is None:
        changes["post_choices"] = {}  # null clears them
    merged = stored(campaign, await repository.targets_of(session, [campaign.id])) | changes
    try:
        body = CampaignIn.model_validate(merged)
    except ValidationError as error:
        raise InvalidInput(_readable(error)) from None
    await _check_rows(session, ctx, body)
    _apply_fields(campaign, body)
    campaign.updated_at = utcnow()
    if "targets" in changes:
        await _write_targets(session, campaign, body)
    await session.flush()
    await _record(session, ctx, campaign, "updated", fields=sorted(changes))
    return (await views(session, [campaign]))[0]


async def delete(session: AsyncSession, ctx: WorkspaceContext, campaign_id: uuid.UUID) -> None:
    campaign = await get(session, ctx, campaign_id, lock=True)
    if campaign.state != "draft":
        raise CampaignStateConflict(
            f"Only draft campaigns can be deleted; this one is {campaign.state}. Complete it "
            "instead."
        )
    await _record(session, ctx, campaign, "deleted")
    await repository.delete_campaign(session, campaign)


def _needs_publish(ctx: WorkspaceContext, campaign: Campaign, doing: str) -> None:
    if campaign.approval_policy == "none" and not ctx.can("campaigns:publish"):
        raise Forbidden(
            f"{doing} a campaign whose posts need no approval publishes them: that needs the "
            "'campaigns:publish' permission."
        )


async def change_state(
    session: AsyncSession,
    ctx: WorkspaceContext,
    campaign_id: uuid.UUID,
    to_state: str,
    choices: PostChoices,
    settings: Settings,
) -> CampaignOut:
    campaign = await get(session, ctx, campaign_id, lock=True)
    if to_state not in TRANSITIONS[campaign.state]:
        raise CampaignStateConflict(f"A {campaign.state} campaign cannot become {to_state}.")
    if to_state == "active":
        _needs_publish(ctx, campaign, "Activating")
    previous = campaign.state
    campaign.state, campaign.updated_at = to_state, utcnow()
    await session.flush()
    await _record(session, ctx, campaign, "state_changed", previous=previous, state=to_state)
    if to_state in ("paused", "completed"):
        cancelled = await planning.cancel_unsent(session, ctx, campaign)
        log.info("campaigns.cancelled_unsent", campaign_id=str(campaign.id), posts=cancelled)
    elif previous == "paused":
        await planning.run(session, ctx, campaign, apply=True, choices=choices, settings=settings)
    return (await views(session, [campaign]))[0]


async def plan(
    session: AsyncSession,
    ctx: WorkspaceContext,
    campaign_id: uuid.UUID,
    apply: bool,
    choices: PostChoices,
    settings: Settings,
) -> PlanOut:
    campaign = await get(session, ctx, campaign_id, lock=apply)
    if campaign.state == "completed":
        raise CampaignStateConflict("The campaign is completed: it plans nothing more.")
    if apply:
        await ready_to_write(session, ctx, campaign, "Applying a plan of")
    return await planning.run(
        session, ctx, campaign, apply=apply, choices=choices, settings=settings
    )


async def ready_to_write(
    session: AsyncSession, ctx: WorkspaceContext, campaign: Campaign, doing: str
) -> None:
    """Checks before posts are written (a plan applied, a schedule imported); a draft becomes
    active."""
    if not ctx.can("campaigns:write"):
        raise Forbidden(f"{doing} a campaign needs the 'campaigns:write' permission.")
    _needs_publish(ctx, campaign, doing)
    if campaign.state in ("paused", "completed"):
        raise CampaignStateConflict(f"The campaign is {campaign.state}; resume it to plan again.")
    if campaign.state == "draft":
        campaign.state, campaign.updated_at = "active", utcnow()
        await session.flush()
        await _record(session, ctx, campaign, "state_changed", previous="draft", state="active")


async def posts(
    session: AsyncSession,
    ctx: WorkspaceContext,
    campaign_id: uuid.UUID,
    since: datetime | None,
    until: datetime | None,
    window: Window,
) -> tuple[list[CampaignPostOut], Slice[Any]]:
    campaign = await get(session, ctx, campaign_id)
    found = await repository.posts_page(session, campaign.id, since, until, window)
    return await planning.post_views(session, found.rows), found


async def _record(
    session: AsyncSession, ctx: WorkspaceContext, campaign: Campaign, event: str, **payload: Any
) -> None:
    await ledger.record(
        session,
        f"campaign.{event}",
        workspace_id=ctx.workspace_id,
        actor_id=ctx.user_id,
        campaign_id=campaign.id,
        payload={"name": campaign.name, "state": campaign.state, **payload},
    )
