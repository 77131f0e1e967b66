from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, BackgroundTasks, Query, status

from backend.assets import service
from backend.assets.schemas import AssetOut, AssetPage, TimelineOut
from backend.auth.dependencies import SessionDep, SettingsDep
from backend.errors import error_responses
from backend.iam.context import WorkspaceContext
from backend.iam.dependencies import require_permission
from backend.iam.endpoints import WORKSPACE_ERRORS
from backend.input_types import Offset
from backend.models import AssetState
from backend.storage import get_storage

router = APIRouter(prefix="/assets", tags=["assets"])


@router.get("", responses=error_responses(*WORKSPACE_ERRORS))
async def list_assets(
    ctx: Annotated[WorkspaceContext, require_permission("assets:read")],
    session: SessionDep,
    state: AssetState | None = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Offset = 0,
) -> AssetPage:
    """Uploaded videos of the workspace, newest first."""
    assets, total = await service.list_assets(session, ctx, state=state, limit=limit, offset=offset)
    return AssetPage(items=[AssetOut.model_validate(asset) for asset in assets], total=total)


@router.get("/{asset_id}", responses=error_responses(*WORKSPACE_ERRORS, service.AssetNotFound))
async def get_asset(
    asset_id: uuid.UUID,
    ctx: Annotated[WorkspaceContext, require_permission("assets:read")],
    session: SessionDep,
) -> AssetOut:
    """One video: its processing state, what probing found (media_info, duration), why it was
    rejected if it was, and how its transcript went."""
    return AssetOut.model_validate(await service.get(session, ctx, asset_id))


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
