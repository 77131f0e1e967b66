from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Annotated

from fastapi import APIRouter, status
from sqlalchemy.ext.asyncio import AsyncSession

from backend.accounts.schemas import Platform
from backend.accounts.service import (
    AccountNotFound,
    AccountUnusable,
    PlatformUnavailable,
)
from backend.auth.dependencies import SessionDep, SettingsDep
from backend.clips.service import ClipNotFound
from backend.errors import Conflict, Forbidden, InvalidInput, error_responses
from backend.iam.context import WorkspaceContext
from backend.iam.dependencies import require_permission
from backend.iam.endpoints import WORKSPACE_ERRORS
from backend.models import Publication
from backend.pagination import InvalidCursor, Page, PageDep
from backend.publishing import service
from backend.publishing.preflight import PreflightFailed
from backend.publishing.schemas import (
    ApproverOut,
    ConfirmPublish,
    CreatePublications,
    MetricOut,
    Mode,
    PreflightOut,
    PreflightProblem,
    PublicationBatch,
    PublicationOut,
    PublicationState,
    QuotaOut,
    RejectPublication,
    SchedulePublication,
)
from backend.publishing.transitions import InvalidTransition

router = APIRouter(tags=["publications"])
# An account's allowance is counted from its publications, so it lives here, under /accounts.
allowances = APIRouter(prefix="/accounts", tags=["accounts"])
Reader = Annotated[WorkspaceContext, require_permission("campaigns:read")]
Writer = Annotated[WorkspaceContext, require_permission("campaigns:write")]
Publisher = Annotated[WorkspaceContext, require_permission("campaigns:publish")]
AccountReader = Annotated[WorkspaceContext, require_permission("accounts:read")]
CHANGE_ERRORS = (*WORKSPACE_ERRORS, service.PublicationNotFound, Conflict, InvalidTransition)


async def _views(
    session: AsyncSession, publications: Sequence[Publication]
) -> list[PublicationOut]:
    approvers = await service.approvers_of(session, publications)
    views = []
    for publication in publications:
        view = PublicationOut.model_validate(publication, from_attributes=True)
        given = approvers.get(publication.id, [])
        view.approvals = len(given)
        view.approvers = [ApproverOut(**vars(approver)) for approver in given]
        views.append(view)
    return views


async def _out(session: AsyncSession, publication: Publication) -> PublicationOut:
    [view] = await _views(session, [publication])
    return view


@router.post(
    "/publications",
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(
        *WORKSPACE_ERRORS, ClipNotFound, AccountNotFound, service.AccountNotReady
    ),
)
async def create_publications(
    body: CreatePublications, ctx: Writer, session: SessionDep
) -> PublicationBatch:
    """Prepare a clip for one or more connected accounts: one publication per account, as
    drafts or (by default) awaiting approval. The clip's variant for each platform is rendered
    if it is not yet. Captions are checked against each platform's limits here."""
    publications = await service.create(session, ctx, body, submit=body.submit)
    return PublicationBatch(items=await _views(session, publications))


@router.post(
    "/confirm_publish",
    responses=error_responses(
        *CHANGE_ERRORS, ClipNotFound, AccountNotFound, service.AccountNotReady, PreflightFailed
    ),
)
async def confirm_publish(
    body: ConfirmPublish, ctx: Publisher, session: SessionDep, settings: SettingsDep
) -> PublicationBatch:
    """Approve publications (needs `campaigns:publish`): by id, or create and approve in one go
    with `create`. Each goes out now, or at its `publish_at` (YouTube uploads early as private
    and lets YouTube release it at that time). One that needs several approvers
    (`approvals_required`) records this approval (`publication.approval_recorded`) and stays
    `awaiting_approval` until the last distinct approver; approving twice is a 409. A
    publication the platform would refuse by its active rules (the pre-flight check, less quota
    and posting windows, which only make it wait) is not approved: 409 `preflight_failed` with
    the problems in words."""
    publications = await service.confirm(session, ctx, settings, body.publication_ids, body.create)
    return PublicationBatch(items=await _views(session, publications))


@router.get("/publications", responses=error_responses(*WORKSPACE_ERRORS, InvalidCursor))
async def list_publications(
    ctx: Reader,
    session: SessionDep,
    page: PageDep,
    state: PublicationState | None = None,
    clip_id: uuid.UUID | None = None,
    platform: Platform | None = None,
) -> Page[PublicationOut]:
    """Publications of the workspace, newest first."""
    found = await service.list_publications(
        session, ctx, state=state, clip_id=clip_id, platform=platform, window=page.window()
    )
    return page.page(await _views(session, found.rows), found)


@router.get(
    "/publications/{publication_id}",
    responses=error_responses(*WORKSPACE_ERRORS, service.PublicationNotFound),
)
async def get_publication(
    publication_id: uuid.UUID, ctx: Reader, session: SessionDep
) -> PublicationOut:
    """One publication: its state, progress, the platform's post id once published, and the
    reason in plain words if it failed. Every step is also in the ledger."""
    return await _out(session, await service.get(session, ctx, publication_id))


@router.get(
    "/publications/{publication_id}/metrics",
    responses=error_responses(*WORKSPACE_ERRORS, service.PublicationNotFound, InvalidCursor),
)
async def publication_metrics(
    publication_id: uuid.UUID, ctx: Reader, session: SessionDep, page: PageDep
) -> Page[MetricOut]:
    """The post's numbers over time, oldest first (views, likes, comments, shares, watch time
    where the platform gives it), read periodically from the platform."""
    found = await service.metrics(session, ctx, publication_id, page.window())
    return page.page([MetricOut.model_validate(m, from_attributes=True) for m in found.rows], found)


@router.post(
    "/publications/{publication_id}/preflight",
    responses=error_responses(*WORKSPACE_ERRORS, service.PublicationNotFound),
)
async def preflight_publication(
    publication_id: uuid.UUID, ctx: Reader, session: SessionDep, settings: SettingsDep
) -> PreflightOut:
    """Check a publication against its platform's active rules without sending anything: the
    caption, title, hashtags and mentions, TikTok's privacy for an unaudited app, the rendered
    file's length, size and shape (codecs and frame rate once the engine has read the file),
    the account's posts in the last 24 hours and the posting windows, at its publish time.
    `ok` is false when something would stop it; problems with `retry_at` only delay it."""
    found = await service.check(session, ctx, settings, publication_id)
    return PreflightOut(
        ok=not any(problem.retry_at is None for problem in found),
        problems=[PreflightProblem.model_validate(p, from_attributes=True) for p in found],
    )


@router.post("/publications/{publication_id}/submit", responses=error_responses(*CHANGE_ERRORS))
async def submit_publication(
    publication_id: uuid.UUID, ctx: Writer, session: SessionDep
) -> PublicationOut:
    """Send a draft for approval."""
    return await _out(session, await service.submit(session, ctx, publication_id))


@router.post("/publications/{publication_id}/cancel", responses=error_responses(*CHANGE_ERRORS))
async def cancel_publication(
    publication_id: uuid.UUID, ctx: Writer, session: SessionDep
) -> PublicationOut:
    """Cancel a publication that has not started uploading (or that failed)."""
    return await _out(session, await service.cancel(session, ctx, publication_id))


@router.post(
    "/publications/{publication_id}/retry",
    responses=error_responses(*CHANGE_ERRORS, service.AccountNotReady),
)
async def retry_publication(
    publication_id: uuid.UUID, ctx: Publisher, session: SessionDep
) -> PublicationOut:
    """Try a failed publication again. The platform is asked first what became of the earlier
    attempt, so a retry never posts twice."""
    return await _out(session, await service.retry(session, ctx, publication_id))


@router.post(
    "/publications/{publication_id}/schedule",
    responses=error_responses(*CHANGE_ERRORS, Forbidden, InvalidInput),
)
async def schedule_publication(
    publication_id: uuid.UUID, body: SchedulePublication, ctx: Writer, session: SessionDep
) -> PublicationOut:
    """Change when a publication not yet sent goes out. A draft or one awaiting approval keeps
    its state and is scheduled for that time once approved; an approved, `scheduled` one moves to
    the new time (needs `campaigns:publish`) unless it is already on its way to the platform.
    `publish_at: null` means as soon as approved (a scheduled one is sent now). Recorded in the
    ledger as `publication.rescheduled`."""
    return await _out(
        session, await service.schedule(session, ctx, publication_id, body.publish_at)
    )


@router.post("/publications/{publication_id}/reject", responses=error_responses(*CHANGE_ERRORS))
async def reject_publication(
    publication_id: uuid.UUID, body: RejectPublication, ctx: Publisher, session: SessionDep
) -> PublicationOut:
    """Turn down a draft or a publication awaiting approval (needs `campaigns:publish`): it is
    cancelled, and the reason is kept in the ledger as `publication.rejected`."""
    return await _out(session, await service.reject(session, ctx, publication_id, body.reason))


@allowances.get(
    "/{account_id}/quota",
    responses=error_responses(
        *WORKSPACE_ERRORS, AccountNotFound, AccountUnusable, PlatformUnavailable
    ),
)
async def account_quota(
    account_id: uuid.UUID,
    ctx: AccountReader,
    session: SessionDep,
    settings: SettingsDep,
    mode: Mode = "direct",
) -> QuotaOut:
    """How many posts the account may still publish now, and when room frees up: as the platform
    reports it (Instagram's `content_publishing_limit`, last 24 hours), or counted by Stakazo
    against the platform's documented limit (TikTok direct posts per rolling day, YouTube uploads
    per day in Pacific time). The publishing engine defers posts on the same figures. The account
    must be connected."""
    found = await service.account_allowance(session, ctx, settings, account_id, mode)
    return QuotaOut(
        account_id=account_id,
        platform=found.platform,
        source=found.source,
        mode=mode,
        used=found.used,
        limit=found.limit,
        remaining=found.remaining,
        window=found.window,
        resets_at=found.resets_at,
    )
