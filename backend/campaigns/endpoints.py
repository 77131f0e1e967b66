from __future__ import annotations

import tempfile
import uuid
from datetime import datetime
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response, status

from backend.accounts.service import AccountNotFound
from backend.assets.service import AssetNotFound
from backend.auth.dependencies import SessionDep, SettingsDep
from backend.campaigns import importer, service
from backend.campaigns.schemas import (
    CampaignIn,
    CampaignOut,
    CampaignPatch,
    CampaignPostOut,
    CampaignState,
    ImportOut,
    PlanOut,
    PlanRequest,
    StateChange,
)
from backend.errors import Forbidden, InvalidInput, error_responses
from backend.iam.context import WorkspaceContext
from backend.iam.dependencies import require_permission
from backend.iam.endpoints import WORKSPACE_ERRORS
from backend.pagination import InvalidCursor, Page, PageDep
from backend.uploads import multipart

router = APIRouter(prefix="/campaigns", tags=["campaigns"])
Reader = Annotated[WorkspaceContext, require_permission("campaigns:read")]
Writer = Annotated[WorkspaceContext, require_permission("campaigns:write")]
ONE = (*WORKSPACE_ERRORS, service.CampaignNotFound)
CHANGE = (*ONE, service.CampaignStateConflict, InvalidInput, AccountNotFound, AssetNotFound)
# Documented as a file upload, which every generated client can send; a raw `text/csv` body
# is taken as well (curl --data-binary, spreadsheets' exports).
CSV_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "properties": {"file": {"type": "string", "format": "binary"}},
                    "required": ["file"],
                }
            }
        },
        "description": "A CSV file (`file`), or the CSV itself as a `text/csv` body. Columns: "
        "account (id or @username), clip_id, at (ISO 8601 with offset, or local time in the "
        "campaign's zone), caption (optional).",
    }
}
MAX_CSV_BYTES = 2 * 1024 * 1024


async def _csv_text(request: Request) -> str:
    boundary = multipart.boundary_of(request.headers.get("content-type"))
    if boundary is None:
        data = await request.body()
    else:
        with tempfile.TemporaryDirectory(prefix="stakazo-schedule-") as folder:
            target = Path(folder) / "schedule.csv"
            try:
                await multipart.receive_file(
                    request.stream(), boundary, field="file", destination=target,
                    limit=MAX_CSV_BYTES, accept=lambda name: None,
                )  # fmt: skip
            except multipart.PartTooLarge:
                raise InvalidInput("A schedule file holds at most 2 MB.") from None
            except multipart.MultipartError as error:
                raise InvalidInput(f"The form could not be read: {error}.") from None
            data = target.read_bytes()
    if len(data) > MAX_CSV_BYTES:
        raise InvalidInput("A schedule file holds at most 2 MB.")
    return data.decode("utf-8-sig", errors="replace")


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(*WORKSPACE_ERRORS, InvalidInput, AccountNotFound, AssetNotFound),
)
async def create_campaign(body: CampaignIn, ctx: Writer, session: SessionDep) -> CampaignOut:
    """A draft campaign: its accounts with their weekly slots (or a cadence), dates in its time
    zone, blackout dates, caption template and hashtags, sources, approval and evergreen rules."""
    return await service.create(session, ctx, body)


@router.get("", responses=error_responses(*WORKSPACE_ERRORS, InvalidCursor))
async def list_campaigns(
    ctx: Reader, session: SessionDep, page: PageDep, state: CampaignState | None = None
) -> Page[CampaignOut]:
    """The workspace's campaigns, newest first."""
    items, found = await service.page(session, ctx, state, page.window())
    return page.page(items, found)


@router.get("/{campaign_id}", responses=error_responses(*ONE))
async def get_campaign(campaign_id: uuid.UUID, ctx: Reader, session: SessionDep) -> CampaignOut:
    """One campaign with its targets."""
    return await service.detail(session, ctx, campaign_id)


@router.patch("/{campaign_id}", responses=error_responses(*CHANGE))
async def update_campaign(
    campaign_id: uuid.UUID, body: CampaignPatch, ctx: Writer, session: SessionDep
) -> CampaignOut:
    """Change any settings (sending `targets` replaces them all); the result is checked as a
    whole. Posts already planned stay; the next plan follows the new settings."""
    return await service.update(session, ctx, campaign_id, body)


@router.delete(
    "/{campaign_id}", status_code=status.HTTP_204_NO_CONTENT, responses=error_responses(*CHANGE)
)
async def delete_campaign(campaign_id: uuid.UUID, ctx: Writer, session: SessionDep) -> Response:
    """Delete a draft (409 once it was activated: complete it instead)."""
    await service.delete(session, ctx, campaign_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post("/{campaign_id}/state", responses=error_responses(*CHANGE, Forbidden))
async def change_state(
    campaign_id: uuid.UUID,
    body: StateChange,
    ctx: Writer,
    session: SessionDep,
    settings: SettingsDep,
) -> CampaignOut:
    """draft → active → paused ⇄ active → completed. Pausing or completing cancels the posts not
    sent yet; resuming plans again (and writes it). Activating a campaign whose posts need no
    approval also needs `campaigns:publish`."""
    return await service.change_state(session, ctx, campaign_id, body.state, body, settings)


@router.post("/{campaign_id}/plan", responses=error_responses(*CHANGE, Forbidden))
async def plan_campaign(
    campaign_id: uuid.UUID,
    body: PlanRequest,
    ctx: Reader,
    session: SessionDep,
    settings: SettingsDep,
) -> PlanOut:
    """Fill the campaign's slots: every pick and every skip with its reason. `apply: false`
    only answers; `apply: true` (needs `campaigns:write`, and `campaigns:publish` when posts
    need no approval) writes posts and publications and activates a draft. Applying again
    adds nothing already there."""
    return await service.plan(session, ctx, campaign_id, body.apply, body, settings)


@router.get("/{campaign_id}/posts", responses=error_responses(*ONE, InvalidCursor))
async def list_posts(
    campaign_id: uuid.UUID,
    ctx: Reader,
    session: SessionDep,
    page: PageDep,
    since: Annotated[datetime | None, Query(alias="from", description="Slots at or after.")] = None,
    until: Annotated[datetime | None, Query(alias="to", description="Slots before.")] = None,
) -> Page[CampaignPostOut]:
    """The campaign's posts in slot order, each with its publication's state."""
    items, found = await service.posts(session, ctx, campaign_id, since, until, page.window())
    return page.page(items, found)


@router.post(
    "/{campaign_id}/import",
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(*CHANGE),
    openapi_extra=CSV_BODY,
)
async def import_schedule(
    campaign_id: uuid.UUID,
    request: Request,
    ctx: Writer,
    session: SessionDep,
    settings: SettingsDep,
) -> ImportOut:
    """A schedule in bulk, as CSV. Every line is checked first; any error refuses the whole
    file with 422 and `errors: [{line, message}]`. Each row becomes a post and a publication
    as a plan's picks do."""
    return await importer.import_csv(
        session, ctx, campaign_id, await _csv_text(request), settings=settings
    )
