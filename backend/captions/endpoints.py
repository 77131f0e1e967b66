from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter

from backend.auth.dependencies import SessionDep
from backend.captions import service
from backend.captions.schemas import CaptionBrand, CaptionPresetOut
from backend.errors import error_responses
from backend.iam.context import WorkspaceContext
from backend.iam.dependencies import require_permission
from backend.iam.endpoints import WORKSPACE_ERRORS
from backend.pagination import InvalidCursor, Page, PageDep

router = APIRouter(tags=["captions"])
ClipReader = Annotated[WorkspaceContext, require_permission("clips:read")]
WorkspaceReader = Annotated[WorkspaceContext, require_permission("workspace:read")]
# The brand is a workspace setting: who may change the workspace's settings may change it.
WorkspaceManager = Annotated[WorkspaceContext, require_permission("workspace:manage")]


@router.get("/caption-presets", responses=error_responses(*WORKSPACE_ERRORS, InvalidCursor))
async def list_presets(
    ctx: ClipReader, session: SessionDep, page: PageDep
) -> Page[CaptionPresetOut]:
    """The caption styles a clip can use, and the workspace's brand ('brand') when it has one."""
    found = await service.presets(session, ctx, page.window())
    return page.page(found.rows, found)


@router.get("/caption-brand", responses=error_responses(*WORKSPACE_ERRORS))
async def get_brand(ctx: WorkspaceReader, session: SessionDep) -> CaptionBrand:
    """The workspace's caption brand: a preset and its overrides, or null."""
    return CaptionBrand(brand=await service.brand(session, ctx))


@router.put(
    "/caption-brand",
    responses=error_responses(*WORKSPACE_ERRORS, service.InvalidCaptionBrand),
)
async def set_brand(body: CaptionBrand, ctx: WorkspaceManager, session: SessionDep) -> CaptionBrand:
    """Set (or clear, with null) the workspace's caption brand; clips without a preset of their
    own use it. Recorded in the ledger."""
    return CaptionBrand(brand=await service.set_brand(session, ctx, body.brand))
