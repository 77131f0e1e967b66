from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter

from backend.auth.dependencies import SessionDep, SettingsDep
from backend.errors import error_responses
from backend.iam.context import WorkspaceContext
from backend.iam.dependencies import require_permission
from backend.iam.endpoints import WORKSPACE_ERRORS
from backend.outbox import service
from backend.outbox.schemas import KindName, OutboxOverview, OutboxRetried

router = APIRouter(prefix="/outbox", tags=["outbox"])


@router.get("", responses=error_responses(*WORKSPACE_ERRORS))
async def overview(
    ctx: Annotated[WorkspaceContext, require_permission("telemetry:read")], session: SessionDep
) -> OutboxOverview:
    """Messages to workers that are still waiting for their work, being sent again, or dead
    (given up after too many sends), per kind, for this workspace; and the newest dead items
    with their last error. A webhook delivery shows in the workspaces where its account is
    connected."""
    return await service.overview(session, ctx.workspace_id)


@router.post(
    "/{kind}/{item_id}/retry",
    responses=error_responses(
        *WORKSPACE_ERRORS, service.OutboxItemNotFound, service.RetryElsewhere
    ),
)
async def retry(
    kind: KindName,
    item_id: uuid.UUID,
    ctx: Annotated[WorkspaceContext, require_permission("workspace:manage")],
    session: SessionDep,
    settings: SettingsDep,
) -> OutboxRetried:
    """Send a dead webhook delivery or notification subscription again, with a fresh count of
    sends. Dead jobs and publications answer 409: start a new job, or retry the publication
    with its own endpoint."""
    return await service.retry(session, ctx, settings, kind, item_id)
