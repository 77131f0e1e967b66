"""Telemetry for the workspace's members: the latest snapshot, a metric's series, the workers."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query

from backend.auth.dependencies import SessionDep, SettingsDep
from backend.errors import error_responses
from backend.iam.context import WorkspaceContext
from backend.iam.dependencies import require_permission
from backend.iam.endpoints import WORKSPACE_ERRORS
from backend.telemetry import service
from backend.telemetry.errors import InvalidSeriesWindow, UnknownMetric
from backend.telemetry.metrics import METRIC_NAMES
from backend.telemetry.schemas import MetricCatalogue, Series, Snapshot, WorkerList
from backend.telemetry.series import series as metric_series

router = APIRouter(prefix="/telemetry", tags=["telemetry"])

TelemetryReader = Annotated[WorkspaceContext, require_permission("telemetry:read")]


@router.get("/snapshot", responses=error_responses(*WORKSPACE_ERRORS))
async def get_snapshot(
    ctx: TelemetryReader, session: SessionDep, settings: SettingsDep
) -> Snapshot:
    """The workspace's latest snapshot (taken every `STAKAZO_TELEMETRY_INTERVAL_SECONDS`). When
    none is recent (nothing collects: beat is not running), one is taken for this answer and not
    kept. Queues, workers and disk are the instance's: the machines the workspace's work runs
    on."""
    return await service.latest_snapshot(session, settings, ctx.workspace_id)


@router.get("/metrics", responses=error_responses(*WORKSPACE_ERRORS))
async def list_metrics(ctx: TelemetryReader) -> MetricCatalogue:
    """Every metric name a series can be drawn for."""
    return MetricCatalogue(names=list(METRIC_NAMES))


@router.get(
    "/series", responses=error_responses(*WORKSPACE_ERRORS, UnknownMetric, InvalidSeriesWindow)
)
async def get_series(
    ctx: TelemetryReader,
    session: SessionDep,
    settings: SettingsDep,
    metric: Annotated[
        str,
        Query(
            min_length=1,
            max_length=100,
            description="A name from `GET /v1/telemetry/metrics`, e.g. `queue.media.depth`.",
        ),
    ],
    start: Annotated[
        datetime | None, Query(alias="from", description="Default: an hour before `to`.")
    ] = None,
    end: Annotated[datetime | None, Query(alias="to", description="Default: now.")] = None,
    step: Annotated[
        int | None,
        Query(ge=1, description="Bucket width in seconds; default: about 360 points in all."),
    ] = None,
) -> Series:
    """One metric of the workspace's snapshots between `from` and `to`, averaged into
    `step`-second buckets: at most 1000 points (422 beyond). An unknown metric is a 422 that
    says how names look, never an empty series."""
    return await metric_series(session, settings, ctx.workspace_id, metric, start, end, step)


@router.get("/workers", responses=error_responses(*WORKSPACE_ERRORS))
async def list_workers(
    ctx: TelemetryReader, session: SessionDep, settings: SettingsDep
) -> WorkerList:
    """The worker nodes: `alive`, `missing` (silent for 3 heartbeats without stopping) or
    `stopped` (shut down cleanly), their queues and what they run now."""
    return await service.workers(session, settings, ctx.workspace_id)
