from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, BackgroundTasks, status

from backend.assets import service
from backend.assets.schemas import AssetOut, TimelineOut, UpdateAssetRequest
from backend.auth.dependencies import SessionDep, SettingsDep
from backend.errors import error_responses
from backend.iam.context import WorkspaceContext
from backend.iam.dependencies import require_permission
from backend.iam.endpoints import WORKSPACE_ERRORS
from backend.models import AssetState
from backend.pagination import InvalidCursor, Page, PageDep
from backend.storage import get_storage

router = APIRouter(prefix="/assets", tags=["assets"])


@router.get("", responses=error_responses(*WORKSPACE_ERRORS, InvalidCursor))
async def list_assets(
    ctx: Annotated[WorkspaceContext, require_permission("assets:read")],
    session: SessionDep,
    settings: SettingsDep,
    page: PageDep,
    state: AssetState | None = None,
) -> Page[AssetOut]:
    """Uploaded videos of the workspace, newest first."""
    found = await service.list_assets(session, ctx, state=state, window=page.window())
    return page.page([service.asset_view(settings, asset) for asset in found.rows], found)


@router.get("/{asset_id}", responses=error_responses(*WORKSPACE_ERRORS, service.AssetNotFound))
async def get_asset(
    asset_id: uuid.UUID,
    ctx: Annotated[WorkspaceContext, require_permission("assets:read")],
    session: SessionDep,
    settings: SettingsDep,
) -> AssetOut:
    """One video: its processing state, what probing found (media_info, duration), why it was
    rejected if it was, how its transcript went, and a signed link to play it (`source_url`)."""
    return service.asset_view(settings, await service.get(session, ctx, asset_id))


@router.patch("/{asset_id}", responses=error_responses(*WORKSPACE_ERRORS, service.AssetNotFound))
async def update_asset(
    asset_id: uuid.UUID,
    body: UpdateAssetRequest,
    ctx: Annotated[WorkspaceContext, require_permission("assets:write")],
    session: SessionDep,
    settings: SettingsDep,
) -> AssetOut:
    """Rename a video or replace its tags (lower case, at most 20 of 40 characters each);
    campaigns may take their sources by tag."""
    return service.asset_view(settings, await service.update(session, ctx, asset_id, body))


@router.get(
    "/{asset_id}/timeline",
    responses=error_responses(*WORKSPACE_ERRORS, service.AssetNotFound, service.TimelineNotReady),
)
async def get_timeline(
    asset_id: uuid.UUID,
    ctx: Annotated[WorkspaceContext, require_permission("assets:read")],
    session: SessionDep,
) -> TimelineOut:
    """What analysis found over time (shots, loudness, silences, motion, faces, words).
    404 `timeline_not_ready` until the analysis step of the asset's job has finished."""
    return TimelineOut.model_validate(await service.timeline(session, ctx, asset_id))


@router.delete(
    "/{asset_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=error_responses(*WORKSPACE_ERRORS, service.AssetNotFound),
)
async def delete_asset(
    asset_id: uuid.UUID,
    ctx: Annotated[WorkspaceContext, require_permission("assets:write")],
    session: SessionDep,
    settings: SettingsDep,
    background: BackgroundTasks,
) -> None:
    """Delete a video with its clips, rendered variants, timeline and jobs. Its files are removed
    right after the deletion is committed."""
    files = await service.delete(session, ctx, asset_id)
    # Background tasks run after the response, so after the commit: a failed request keeps them.
    background.add_task(service.remove_files, get_storage(settings), files)
