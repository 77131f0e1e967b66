from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Query, status

from backend.auth.dependencies import SessionDep, SettingsDep
from backend.errors import error_responses
from backend.health import service
from backend.health.schemas import Outcome, RunDetail, RunFilters, RunOut
from backend.iam.context import WorkspaceContext
from backend.iam.dependencies import require_permission
from backend.iam.endpoints import WORKSPACE_ERRORS
from backend.pagination import InvalidCursor, Page, PageDep

router = APIRouter(prefix="/ai/health/runs", tags=["ai-health"])


async def run_filters(
    min_score: Annotated[int | None, Query(ge=0, le=100)] = None,
    max_score: Annotated[int | None, Query(ge=0, le=100)] = None,
    outcome: Outcome | None = None,
    created_after: datetime | None = None,
    created_before: datetime | None = None,
    critical_only: bool = False,
) -> RunFilters:
    return RunFilters(
        min_score=min_score,
        max_score=max_score,
        outcome=outcome,
        created_after=created_after,
        created_before=created_before,
        critical_only=critical_only,
    )


@router.get("", responses=error_responses(*WORKSPACE_ERRORS, InvalidCursor))
async def list_runs(
    ctx: Annotated[WorkspaceContext, require_permission("telemetry:read")],
    session: SessionDep,
    page: PageDep,
    filters: Annotated[RunFilters, Depends(run_filters)],
) -> Page[RunOut]:
    """The workspace's AI health runs, newest first: score range, outcome, creation dates and
    critical only as filters."""
    found = await service.list_runs(session, ctx.workspace_id, filters, page.window())
    return page.page([RunOut.model_validate(run) for run in found.rows], found)


@router.post(
    "",
    status_code=status.HTTP_202_ACCEPTED,
    responses=error_responses(*WORKSPACE_ERRORS, service.RunInProgress),
)
async def create_run(
    ctx: Annotated[WorkspaceContext, require_permission("telemetry:manage")],
    session: SessionDep,
    settings: SettingsDep,
) -> RunOut:
    """Ask for a health analysis now. It is queued once this request commits; watch its
    `ai.health.state` and `ai.health.token` events, or poll GET /v1/ai/health/runs/{run_id}.
    Advice only: nothing it recommends is executed."""
    return RunOut.model_validate(await service.request_run(session, ctx, settings))


@router.get("/{run_id}", responses=error_responses(*WORKSPACE_ERRORS, service.RunNotFound))
async def get_run(
    run_id: uuid.UUID,
    ctx: Annotated[WorkspaceContext, require_permission("telemetry:read")],
    session: SessionDep,
) -> RunDetail:
    """One run with its findings (E1, E2...), its answer, and the findings each claim cites."""
    return await service.get_detail(session, ctx, run_id)
