from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query

from backend.alerts import service
from backend.alerts.schemas import (
    AlertFilter,
    AlertOut,
    AlertState,
    RuleName,
    Severity,
    SilenceRequest,
)
from backend.auth.dependencies import SessionDep
from backend.errors import error_responses
from backend.iam.context import WorkspaceContext
from backend.iam.dependencies import require_permission
from backend.iam.endpoints import WORKSPACE_ERRORS
from backend.pagination import InvalidCursor, Page, PageDep

router = APIRouter(prefix="/alerts", tags=["alerts"])

CHANGE_ERRORS = (*WORKSPACE_ERRORS, service.AlertNotFound, service.AlertResolved)


@router.get("", responses=error_responses(*WORKSPACE_ERRORS, InvalidCursor))
async def list_alerts(
    ctx: Annotated[WorkspaceContext, require_permission("telemetry:read")],
    session: SessionDep,
    page: PageDep,
    state: AlertState | None = None,
    severity: Severity | None = None,
    rule: RuleName | None = None,
    since: Annotated[
        datetime | None, Query(description="Only alerts still seen at or after this time.")
    ] = None,
    until: Annotated[
        datetime | None, Query(description="Only alerts first seen at or before this time.")
    ] = None,
    silenced: Annotated[bool | None, Query(description="Silenced now, or not.")] = None,
    acknowledged: bool | None = None,
) -> Page[AlertOut]:
    """This workspace's alerts and the instance's (workers, queues, disk: shared by every
    workspace), newest first by when the condition began. docs/alerts.md lists the rules."""
    found = AlertFilter(
        state=state,
        severity=severity,
        rule=rule,
        since=since,
        until=until,
        silenced=silenced,
        acknowledged=acknowledged,
    )
    items, rows = await service.list_visible(session, ctx, found, page.window())
    return page.page(items, rows)


@router.get("/{alert_id}", responses=error_responses(*WORKSPACE_ERRORS, service.AlertNotFound))
async def get_alert(
    alert_id: uuid.UUID,
    ctx: Annotated[WorkspaceContext, require_permission("telemetry:read")],
    session: SessionDep,
) -> AlertOut:
    """One alert with its details."""
    return await service.get(session, ctx, alert_id)


@router.post("/{alert_id}/acknowledge", responses=error_responses(*CHANGE_ERRORS))
async def acknowledge_alert(
    alert_id: uuid.UUID,
    ctx: Annotated[WorkspaceContext, require_permission("telemetry:manage")],
    session: SessionDep,
) -> AlertOut:
    """Say someone is on it: shown on the alert until it resolves. 409 once resolved."""
    return await service.acknowledge(session, ctx, alert_id)


@router.post("/{alert_id}/silence", responses=error_responses(*CHANGE_ERRORS))
async def silence_alert(
    alert_id: uuid.UUID,
    body: SilenceRequest,
    ctx: Annotated[WorkspaceContext, require_permission("telemetry:manage")],
    session: SessionDep,
) -> AlertOut:
    """Send no notification about this condition for `minutes` (1 to 10080). The alert still
    updates, shows `silenced`, and a condition that clears and returns within the silence stays
    silenced. Silencing again replaces the end. 409 once resolved."""
    return await service.silence(session, ctx, alert_id, body.minutes)


@router.delete("/{alert_id}/silence", responses=error_responses(*CHANGE_ERRORS))
async def unsilence_alert(
    alert_id: uuid.UUID,
    ctx: Annotated[WorkspaceContext, require_permission("telemetry:manage")],
    session: SessionDep,
) -> AlertOut:
    """End the silence now: its resolving is notified again. 409 once resolved."""
    return await service.unsilence(session, ctx, alert_id)
