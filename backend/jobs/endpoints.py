from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, status

from backend.auth.dependencies import SessionDep
from backend.errors import Conflict, Forbidden, error_responses
from backend.iam.context import WorkspaceContext
from backend.iam.dependencies import require_permission
from backend.iam.endpoints import WORKSPACE_ERRORS
from backend.input_types import Offset
from backend.jobs import service
from backend.jobs.schemas import CreateJobRequest, JobOut, JobPage, JobState, JobTypeName

router = APIRouter(prefix="/jobs", tags=["jobs"])


@router.get("", responses=error_responses(*WORKSPACE_ERRORS))
async def list_jobs(
    ctx: Annotated[WorkspaceContext, require_permission("jobs:read")],
    session: SessionDep,
    state: JobState | None = None,
    type: JobTypeName | None = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Offset = 0,
) -> JobPage:
    """Background jobs of the workspace, newest first."""
    jobs, total = await service.list_in_workspace(
        session, ctx.workspace_id, state=state, type=type, limit=limit, offset=offset
    )
    return JobPage(items=[JobOut.model_validate(job) for job in jobs], total=total)


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
    asked for with POST /clips/{id}/variants. The job is queued once this request commits;
    poll GET /jobs/{id} for its state and progress."""
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
