from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query

from backend.auth.dependencies import SessionDep, SettingsDep
from backend.errors import error_responses
from backend.iam.context import WorkspaceContext
from backend.iam.dependencies import require_permission
from backend.iam.endpoints import WORKSPACE_ERRORS
from backend.input_types import DateTimeInput
from backend.ledger import service
from backend.ledger.schemas import LedgerEventOut, LedgerVerification
from backend.pagination import InvalidCursor, Page, PageDep

router = APIRouter(prefix="/ledger", tags=["ledger"])
LedgerReader = Annotated[WorkspaceContext, require_permission("ledger:read")]


@router.get("", responses=error_responses(*WORKSPACE_ERRORS, InvalidCursor))
async def list_events(
    ctx: LedgerReader,
    session: SessionDep,
    page: PageDep,
    type: Annotated[
        str | None, Query(description="Exact event type, e.g. member.role_changed")
    ] = None,
    type_prefix: Annotated[str | None, Query(description="Event family, e.g. 'auth.'")] = None,
    actor_id: uuid.UUID | None = None,
    user_id: uuid.UUID | None = None,
    asset_id: uuid.UUID | None = None,
    job_id: uuid.UUID | None = None,
    clip_id: uuid.UUID | None = None,
    publication_id: uuid.UUID | None = None,
    campaign_id: uuid.UUID | None = None,
    since: Annotated[
        DateTimeInput | None, Query(description="Inclusive lower bound (ISO 8601)")
    ] = None,
    until: Annotated[
        DateTimeInput | None, Query(description="Exclusive upper bound (ISO 8601)")
    ] = None,
) -> Page[LedgerEventOut]:
    """The workspace's audit trail, newest first. Personal account events (sign-ins, failed
    sign-ins, sessions, password changes) belong to no workspace and are not here: each person
    reads their own at `GET /v1/auth/me/security-events`."""
    where = service.EventFilter(
        workspace_id=ctx.workspace_id,
        type=type,
        type_prefix=type_prefix,
        actor_id=actor_id,
        user_id=user_id,
        asset_id=asset_id,
        job_id=job_id,
        clip_id=clip_id,
        publication_id=publication_id,
        campaign_id=campaign_id,
        since=since,
        until=until,
    )
    found = await service.query(session, where, page.window())
    return page.page([LedgerEventOut.model_validate(event) for event in found.rows], found)


@router.get("/verify", responses=error_responses(*WORKSPACE_ERRORS))
async def verify(
    ctx: LedgerReader, session: SessionDep, settings: SettingsDep
) -> LedgerVerification:
    """Recompute this workspace's hash chain and report whether it is intact; when an event does
    not hold (edited, inserted, removed or re-ordered, or its MAC does not match the server's
    ledger key), its `chain_seq`. Events recorded before chains were per workspace (`legacy`)
    are verified by the instance's operator (`stakazo ledger verify`)."""
    report = await service.verify_for_workspace(session, settings, ctx.workspace_id)
    return LedgerVerification.model_validate(report, from_attributes=True)
