from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, status

from backend.auth.dependencies import SessionDep
from backend.errors import Conflict, Forbidden, error_responses
from backend.iam.context import WorkspaceContext
from backend.iam.dependencies import require_permission
from backend.iam.endpoints import WORKSPACE_ERRORS
from backend.jobs import service
from backend.jobs.schemas import CreateJobRequest, JobOut, JobState, JobTypeName
from backend.pagination import InvalidCursor, Page, PageDep

router = APIRouter(prefix="/jobs", tags=["jobs"])


@router.get("", responses=error_responses(*WORKSPACE_ERRORS, InvalidCursor))
async def list_jobs(
    ctx: Annotated[WorkspaceContext, require_permission("jobs:read")],
    session: SessionDep,
    page: PageDep,
    state: JobState | None = None,
    type: JobTypeName | None = None,
) -> Page[JobOut]:
    """Background jobs of the workspace, newest first."""
    found = await service.list_in_workspace(
        session, ctx.workspace_id, state=state, type=type, window=page.window()
    )
    return page.page([JobOut.model_validate(job) for job in found.rows], found)


@router.post(
    "",
    status_code=status.HTTP_202_ACCEPTED,
    responses=error_responses(*WORKSPACE_ERRORS, Forbidden),
)
async def create_job(
    body: CreateJobRequest,
    ctx: Annotated[WorkspaceContext, require_permission("jobs:write")],
    session: SessionDep,
) -> JobOut:
    """Start a background job: `media.process` or `media.analyze` (give `asset_id`) to run a
    video through the pipeline again, `ledger.audit` to re-verify the audit trail. Renders are
    asked for with POST /v1/clips/{id}/variants. The job is queued once this request commits;
    poll GET /v1/jobs/{id} for its state and progress."""
    job = await service.create_checked(
        session, ctx, body.type, body.params, asset_id=body.asset_id, clip_id=body.clip_id
    )
    return JobOut.model_validate(job)


@router.get("/{job_id}", responses=error_responses(*WORKSPACE_ERRORS, service.JobNotFound))
async def get_job(
    job_id: uuid.UUID,
    ctx: Annotated[WorkspaceContext, require_permission("jobs:read")],
    session: SessionDep,
) -> JobOut:
    """One job with its state, progress, result or error."""
    return JobOut.model_validate(await service.get(session, ctx, job_id))


@router.post(
    "/{job_id}/cancel",
    responses=error_responses(*WORKSPACE_ERRORS, service.JobNotFound, Conflict),
)
async def cancel_job(
    job_id: uuid.UUID,
    ctx: Annotated[WorkspaceContext, require_permission("jobs:write")],
    session: SessionDep,
) -> JobOut:
    """Cancel a pending or running job; a running one stops at its next progress report."""
    return JobOut.model_validate(await service.cancel(session, ctx, job_id))
