from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter

from backend.auth.dependencies import SessionDep
from backend.errors import error_responses
from backend.iam.context import WorkspaceContext
from backend.iam.dependencies import require_permission
from backend.iam.endpoints import WORKSPACE_ERRORS
from backend.overview import service
from backend.overview.schemas import Overview

router = APIRouter(prefix="/overview", tags=["overview"])


@router.get("", responses=error_responses(*WORKSPACE_ERRORS))
async def get_overview(
    ctx: Annotated[WorkspaceContext, require_permission("workspace:read")], session: SessionDep
) -> Overview:
    """How many jobs, videos, clips and publications the workspace has, in each state: the
    dashboard's overview tiles. The event stream says when they change."""
    return await service.overview(session, ctx.workspace_id)
