from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, status

from backend.auth.dependencies import SessionDep
from backend.clips.service import ClipNotFound
from backend.errors import error_responses
from backend.iam.context import WorkspaceContext
from backend.iam.dependencies import require_permission
from backend.iam.endpoints import WORKSPACE_ERRORS
from backend.jobs.schemas import JobOut
from backend.pagination import InvalidCursor, Page, PageDep
from backend.platforms.base import Platform
from backend.scoring import service
from backend.scoring.schemas import (
    ClipScoreOut,
    ModelState,
    ScoringModelOut,
    TrainRequest,
    model_view,
)

router = APIRouter(tags=["scoring"])
Reader = Annotated[WorkspaceContext, require_permission("rules:read")]
Approver = Annotated[WorkspaceContext, require_permission("rules:approve")]


@router.get("/scoring/models", responses=error_responses(*WORKSPACE_ERRORS, InvalidCursor))
async def list_models(
    ctx: Reader,
    session: SessionDep,
    page: PageDep,
    platform: Platform | None = None,
    state: ModelState | None = None,
) -> Page[ScoringModelOut]:
    """Every training run of the workspace's clip score, newest first, with its held-out
    metrics. At most one version per platform is ``active``; without one, the default weights
    score."""
    found = await service.list_models(
        session, ctx.workspace_id, page.window(), platform=platform, state=state
    )
    return page.page([model_view(model) for model in found.rows], found)


@router.get(
    "/scoring/models/{model_id}",
    responses=error_responses(*WORKSPACE_ERRORS, service.ModelNotFound),
)
async def get_model(model_id: uuid.UUID, ctx: Reader, session: SessionDep) -> ScoringModelOut:
    return model_view(await service.get_model(session, ctx.workspace_id, model_id))


@router.post(
    "/scoring/train",
    status_code=status.HTTP_202_ACCEPTED,
    responses=error_responses(*WORKSPACE_ERRORS),
)
async def train(body: TrainRequest, ctx: Approver, session: SessionDep) -> JobOut:
    """Train now, for one platform or every platform with results. Answers with the
    ``scoring.train`` job: follow it at GET /v1/jobs/{job_id} or its ``job.state`` events; its
    result names each stored version. A version replaces the one in use only if it ranks the
    latest quarter of results at least 10% better (NDCG@5)."""
    return JobOut.model_validate(await service.request_training(session, ctx, body.platform))


@router.post(
    "/scoring/models/{model_id}/activate",
    responses=error_responses(*WORKSPACE_ERRORS, service.ModelNotFound, service.ModelRejected),
)
async def activate_model(
    model_id: uuid.UUID, ctx: Approver, session: SessionDep
) -> ScoringModelOut:
    """Use this version for its platform from now on (a roll back, or forward); the previous
    one is retired and the clips not yet published are rescored in the background."""
    return model_view(await service.activate(session, ctx, model_id))


@router.post(
    "/scoring/models/{model_id}/reject",
    responses=error_responses(*WORKSPACE_ERRORS, service.ModelNotFound, service.ModelActive),
)
async def reject_model(model_id: uuid.UUID, ctx: Approver, session: SessionDep) -> ScoringModelOut:
    """Turn a version down for good: it can no longer be activated."""
    return model_view(await service.reject(session, ctx, model_id))


@router.get("/clips/{clip_id}/score", responses=error_responses(*WORKSPACE_ERRORS, ClipNotFound))
async def clip_score(
    clip_id: uuid.UUID,
    ctx: Annotated[WorkspaceContext, require_permission("clips:read")],
    session: SessionDep,
    platform: Platform | None = None,
) -> ClipScoreOut:
    """Why the clip scores what it does on a platform (left out: its best one): each feature's
    value times its weight, largest first, adding up to the score; which version scored it, and
    in words whether the workspace has enough results for the score to have learnt."""
    return await service.clip_score(session, ctx, clip_id, platform)
