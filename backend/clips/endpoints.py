from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Response, status

from backend.auth.dependencies import SessionDep, SettingsDep
from backend.clips import service
from backend.clips.schemas import (
    ClipDetail,
    ClipEdit,
    ClipOut,
    ClipSort,
    ClipStatus,
    ClipTranscript,
    ClipVersion,
    CreateVariantRequest,
    MergeRequest,
    Platform,
    SplitOut,
    SplitRequest,
    UpdateClipRequest,
    VariantOut,
)
from backend.errors import error_responses
from backend.iam.context import WorkspaceContext
from backend.iam.dependencies import require_permission
from backend.iam.endpoints import WORKSPACE_ERRORS
from backend.pagination import InvalidCursor, Page, PageDep

router = APIRouter(prefix="/clips", tags=["clips"])
ClipReader = Annotated[WorkspaceContext, require_permission("clips:read")]
ClipWriter = Annotated[WorkspaceContext, require_permission("clips:write")]


@router.get("", responses=error_responses(*WORKSPACE_ERRORS, InvalidCursor))
async def list_clips(
    ctx: ClipReader,
    session: SessionDep,
    settings: SettingsDep,
    page: PageDep,
    asset_id: uuid.UUID | None = None,
    platform: Annotated[
        Platform | None, Query(description="Score and sort by this platform")
    ] = None,
    min_score: Annotated[float | None, Query(ge=-10, le=10)] = None,
    status: ClipStatus | None = None,
    sort: ClipSort = "-score",
    all_versions: Annotated[
        bool, Query(description="Include versions replaced by an edit, split or merge")
    ] = False,
) -> Page[ClipOut]:
    """Clips of the workspace, best first by default. With `platform`, `min_score` and the
    score sort use that platform's score (clips without one come last). Only the latest
    version of each clip unless `all_versions`."""
    # A cursor belongs to its list: one with the older versions is another list.
    order = f"{sort}:{platform or ''}" + (":all" if all_versions else "")
    found = await service.search(
        session,
        ctx.workspace_id,
        asset_id=asset_id,
        platform=platform,
        min_score=min_score,
        status=status,
        sort=sort,
        window=page.window(order),
        all_versions=all_versions,
    )
    views = [service.listed_view(settings, clip, shown) for clip, shown in found.rows]
    return page.page(views, found, order)


@router.post(
    "/merge",
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(
        *WORKSPACE_ERRORS, service.ClipNotFound, service.NotLatestVersion, service.InvalidClipEdit
    ),
)
async def merge_clips(
    body: MergeRequest, ctx: ClipWriter, session: SessionDep, settings: SettingsDep
) -> ClipOut:
    """One clip spanning two latest clips of the same video at most 3 s apart; both stop being
    the latest. Their variants are rendered again for the merged clip."""
    clip = await service.merge(session, ctx, body.clip_ids)
    (view,) = await service.clip_views(session, settings, [clip])
    return view


# {clip_id:uuid}: "/clips/merge" is not a clip, so another method on it is a 405, not a 422.
@router.get("/{clip_id:uuid}", responses=error_responses(*WORKSPACE_ERRORS, service.ClipNotFound))
async def get_clip(
    clip_id: uuid.UUID, ctx: ClipReader, session: SessionDep, settings: SettingsDep
) -> ClipDetail:
    """One clip with its features, the weights that scored it and each feature's share of
    each platform's score, plus its rendered variants."""
    return await service.detail(session, settings, ctx, clip_id)


@router.patch("/{clip_id:uuid}", responses=error_responses(*WORKSPACE_ERRORS, service.ClipNotFound))
async def update_clip(
    clip_id: uuid.UUID,
    body: UpdateClipRequest,
    ctx: ClipWriter,
    session: SessionDep,
    settings: SettingsDep,
) -> ClipOut:
    """Approve or reject a clip after review, and/or edit its caption (at most 2,200
    characters; it pre-fills publishing). Each change is recorded in the ledger."""
    clip = await service.update(session, ctx, clip_id, status=body.status, caption=body.caption)
    (view,) = await service.clip_views(session, settings, [clip])
    return view


@router.get(
    "/{clip_id}/variants",
    responses=error_responses(*WORKSPACE_ERRORS, service.ClipNotFound, InvalidCursor),
)
async def list_variants(
    clip_id: uuid.UUID, ctx: ClipReader, session: SessionDep, settings: SettingsDep, page: PageDep
) -> Page[VariantOut]:
    """The platform variants of a clip, with signed links once they are ready."""
    clip = await service.get(session, ctx, clip_id)
    found = await service.variant_page(session, clip.id, page.window())
    return page.page([service.variant_view(settings, v) for v in found.rows], found)


@router.post(
    "/{clip_id}/variants",
    status_code=status.HTTP_202_ACCEPTED,
    responses=error_responses(*WORKSPACE_ERRORS, service.ClipNotFound),
)
async def request_variant(
    clip_id: uuid.UUID,
    body: CreateVariantRequest,
    ctx: ClipWriter,
    session: SessionDep,
    settings: SettingsDep,
    response: Response,
) -> VariantOut:
    """Render the clip for a platform (9:16, the platform's codec, bitrate and duration rules,
    optional burned-in captions). 202 while it renders; 200 when it was already there."""
    variant, started = await service.request_variant(
        session, ctx, clip_id, platform=body.platform, captions=body.captions, force=body.force
    )
    if not started:
        response.status_code = status.HTTP_200_OK
    return service.variant_view(settings, variant)


EDIT_ERRORS = (
    *WORKSPACE_ERRORS,
    service.ClipNotFound,
    service.NotLatestVersion,
    service.InvalidClipEdit,
)


@router.get(
    "/{clip_id}/transcript", responses=error_responses(*WORKSPACE_ERRORS, service.ClipNotFound)
)
async def get_transcript(
    clip_id: uuid.UUID, ctx: ClipReader, session: SessionDep
) -> ClipTranscript:
    """The clip's words (fixes included) on the source video's timeline, numbered for editing,
    with the shot cuts and pauses around it and whether its speech engine can be captioned."""
    return await service.transcript(session, ctx, clip_id)


@router.post(
    "/{clip_id}/versions",
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(*EDIT_ERRORS),
)
async def edit_clip(
    clip_id: uuid.UUID,
    body: ClipEdit,
    ctx: ClipWriter,
    session: SessionDep,
    settings: SettingsDep,
) -> ClipOut:
    """A new version of the latest clip: edges trimmed to words or dragged (snapped out of words
    and onto nearby shot cuts), words fixed, a caption preset. Its variants render again."""
    clip = await service.edit(session, ctx, clip_id, body)
    (view,) = await service.clip_views(session, settings, [clip])
    return view


@router.get(
    "/{clip_id}/versions",
    responses=error_responses(*WORKSPACE_ERRORS, service.ClipNotFound, InvalidCursor),
)
async def list_versions(
    clip_id: uuid.UUID, ctx: ClipReader, session: SessionDep, page: PageDep
) -> Page[ClipVersion]:
    """Every version of the clip (the ones it came from and the ones made from it), newest
    first."""
    found = await service.versions(session, ctx, clip_id, page.window())
    return page.page(found.rows, found)


@router.post(
    "/{clip_id}/split",
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(*EDIT_ERRORS),
)
async def split_clip(
    clip_id: uuid.UUID,
    body: SplitRequest,
    ctx: ClipWriter,
    session: SessionDep,
    settings: SettingsDep,
) -> SplitOut:
    """Two clips cut at a point (snapped like a dragged edge), each at least 1 s long."""
    parts = await service.split(session, ctx, clip_id, body.at_seconds)
    return SplitOut(clips=await service.clip_views(session, settings, parts))
