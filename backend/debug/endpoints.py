from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from backend.auth.dependencies import SessionDep, SettingsDep
from backend.debug import service
from backend.debug.schemas import Health, JobsSummary, Readiness
from backend.errors import error_responses
from backend.iam.context import WorkspaceContext
from backend.iam.dependencies import require_permission
from backend.iam.endpoints import WORKSPACE_ERRORS
from backend.jobs import service as jobs_service

# Probes for load balancers and orchestrators: unversioned, outside /v1.
probes = APIRouter(prefix="/debug", tags=["debug"])
router = APIRouter(prefix="/debug", tags=["debug"])


@probes.get("/health")
async def health() -> Health:
    """Liveness: the process is up and serving. Needs no authentication."""
    return service.liveness()


@probes.get("/ready", responses={503: {"model": Readiness, "description": "A dependency is down"}})
async def ready(request: Request, settings: SettingsDep) -> JSONResponse:
    """Readiness: database, broker, media storage and ffmpeg, each with its own verdict (ok or
    not; the reasons are in the server's log). 503 when any of them fails, so a load balancer
    stops sending traffic. Needs no authentication."""
    report = await service.readiness(settings, request.app.state.session_factory)
    return JSONResponse(report.model_dump(), status_code=200 if report.ready else 503)


@router.get("/jobs/summary", responses=error_responses(*WORKSPACE_ERRORS))
async def jobs_summary(
    ctx: Annotated[WorkspaceContext, require_permission("telemetry:read")], session: SessionDep
) -> JobsSummary:
    """How many of the workspace's jobs are in each state (counts only)."""
    return JobsSummary(**await jobs_service.summary(session, ctx.workspace_id))
