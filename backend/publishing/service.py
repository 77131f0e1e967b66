"""Publications: create, approve (``POST /confirm_publish``), schedule, cancel, retry."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime, timedelta

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from backend.accounts import repository as accounts
from backend.accounts.service import AccountNotFound
from backend.clips import service as clips
from backend.config import Settings
from backend.enqueue import enqueue
from backend.errors import Conflict, Forbidden, InvalidInput, NotFound
from backend.iam.context import WorkspaceContext
from backend.models import Publication, PublicationMetric
from backend.pagination import Slice, Window
from backend.platforms import choices, registry
from backend.platforms.registry import display_name
from backend.publishing import allowance, approvals, campaign_link, preflight, repository
from backend.publishing.schemas import PublicationSpec
from backend.publishing.transitions import CANCELLABLE, record, transition
from backend.rules.preflight import Problem
from core.clock import utcnow

log = structlog.get_logger(__name__)

RUN_TASK = "publish.run"


class PublicationNotFound(NotFound):
    code = "publication_not_found"
    default_message = "No such publication in this workspace."


class AccountNotReady(Conflict):
    code = "account_not_ready"
    default_message = "The account must be connected again before publishing to it."


def _natively_scheduled(publication: Publication) -> bool:
    # The platform holds a private upload and releases it at publish_at itself: upload early, so
    # the video is processed and checked long before its time.
    return registry.plugin(publication.platform).native_scheduling and (
        publication.publish_at is not None
    )


async def create(
    session: AsyncSession, ctx: WorkspaceContext, body: PublicationSpec, *, submit: bool
) -> list[Publication]:
    clip = await clips.get(session, ctx, body.clip_id)
    created: list[Publication] = []
    for account_id in dict.fromkeys(body.account_ids):
        account = await accounts.get_in_workspace(session, ctx.workspace_id, account_id)
        if account is None:
            raise AccountNotFound(f"No connected account {account_id} in this workspace.")
        plugin = registry.plugin(account.platform)
        if account.status != "connected":
            raise AccountNotReady(
                f"The {plugin.display_name} account @{account.username} is "
                f"{account.status.replace('_', ' ')}; connect it again first."
            )
        problems = plugin.caption_problems(body.caption, body.title)
        if problems:
            raise InvalidInput(" ".join(problems))
        try:
            options = choices.for_post(
                account.platform, body.mode, body.choices_for(account.platform)
            )
        except choices.ChoicesMissing as missing:
            raise InvalidInput(str(missing)) from None
        variant, _ = await clips.ensure_variant(
            session,
            clip,
            platform=account.platform,
            captions=body.captions,
            force=False,
            actor_id=ctx.user_id,
        )
        publication = await repository.add(
            session,
            Publication(
                id=uuid.uuid4(),
                workspace_id=ctx.workspace_id,
                clip_id=clip.id,
                variant_id=variant.id,
                account_id=account.id,
                platform=account.platform,
                sandbox=account.sandbox,
                state="draft",
                idempotency_key=uuid.uuid4().hex,
                caption=body.caption,
                title=body.title,
                privacy=body.privacy,
                mode=body.mode,
                publish_at=body.publish_at,
                options=options,
                created_by_id=ctx.user_id,
            ),
        )
        await record(session, publication, "created", actor_id=ctx.user_id)
        if submit:
            await transition(session, publication, "awaiting_approval", actor_id=ctx.user_id)
        created.append(publication)
    return created


def queue(session: AsyncSession, publication: Publication, *, countdown: float = 0.0) -> None:
    """Send the publication to a worker once the transaction commits."""
    publication.next_attempt_at = utcnow() + timedelta(seconds=countdown)
    # A run that ended normally (or a user) queued it: the outbox's count of unanswered sends
    # starts again.
    publication.sends, publication.resend_at, publication.dead_at = 0, None, None
    enqueue(session, RUN_TASK, countdown=countdown, publication_id=publication.id)


async def approve(
    session: AsyncSession, ctx: WorkspaceContext, settings: Settings, publication: Publication
) -> Publication:
    if publication.state not in ("draft", "awaiting_approval"):
        raise Conflict(
            f"Only drafts and publications awaiting approval can be approved; this one is "
            f"{publication.state.replace('_', ' ')}."
        )
    try:
        choices.check_stored(publication.platform, publication.mode, publication.options or {})
    except choices.ChoicesMissing as missing:
        raise InvalidInput(str(missing)) from None
    await repository.lock(session, publication)
    if publication.state not in ("draft", "awaiting_approval"):
        raise Conflict("Someone else approved or changed it just now; look at it again.")
    # Only what would fail it for good: a used-up quota or a closed window just makes it wait.
    found = await preflight.problems(session, settings, publication)
    refused = [problem for problem in found if problem.retry_at is None]
    if refused:
        raise preflight.PreflightFailed(
            f"Not approved: {display_name(publication.platform)} would refuse it. "
            + preflight.refusal(refused)
        )
    if not await approvals.record_approval(session, ctx, publication):
        return publication
    publication.approved_by_id, publication.approved_at = ctx.user_id, utcnow()
    due = publication.publish_at
    if due is not None and due > utcnow() and not _natively_scheduled(publication):
        publication.next_attempt_at = due
        await transition(
            session, publication, "scheduled", event="approved", actor_id=ctx.user_id,
            publish_at=due.isoformat(),
        )  # fmt: skip
        return publication
    await transition(session, publication, "queued", event="approved", actor_id=ctx.user_id)
    queue(session, publication)
    return publication


async def confirm(
    session: AsyncSession,
    ctx: WorkspaceContext,
    settings: Settings,
    publication_ids: Sequence[uuid.UUID] | None,
    spec: PublicationSpec | None,
) -> list[Publication]:
    if spec is not None:
        publications = await create(session, ctx, spec, submit=True)
    else:
        publications = [
            await get(session, ctx, pid) for pid in dict.fromkeys(publication_ids or [])
        ]
    return [await approve(session, ctx, settings, publication) for publication in publications]


async def get(
    session: AsyncSession, ctx: WorkspaceContext, publication_id: uuid.UUID
) -> Publication:
    publication = await repository.get_in_workspace(session, ctx.workspace_id, publication_id)
    if publication is None:
        raise PublicationNotFound()
    return publication


async def submit(
    session: AsyncSession, ctx: WorkspaceContext, publication_id: uuid.UUID
) -> Publication:
    publication = await get(session, ctx, publication_id)
    if publication.state != "draft":
        raise Conflict("Only drafts can be sent for approval.")
    await transition(session, publication, "awaiting_approval", actor_id=ctx.user_id)
    return publication


async def cancel(
    session: AsyncSession, ctx: WorkspaceContext, publication_id: uuid.UUID
) -> Publication:
    publication = await get(session, ctx, publication_id)
    if publication.state == "scheduled" and publication.remote_post_id:
        raise Conflict(
            f"It is already on {display_name(publication.platform)}, which releases it at its "
            "time; delete it there to stop it."
        )
    if publication.lease_id is not None:
        raise Conflict("It is being sent to the platform right now; it can no longer be cancelled.")
    if publication.state not in CANCELLABLE:
        raise Conflict(
            "It is already being uploaded or was published; it can no longer be cancelled."
            if publication.state != "cancelled"
            else "It is already cancelled."
        )
    await transition(session, publication, "cancelled", actor_id=ctx.user_id)
    return publication


async def retry(
    session: AsyncSession, ctx: WorkspaceContext, publication_id: uuid.UUID
) -> Publication:
    """Try a failed publication again. Whatever reached the platform before is checked first,
    so a retry never posts twice."""
    publication = await get(session, ctx, publication_id)
    if publication.state != "failed":
        raise Conflict("Only failed publications can be retried.")
    account = await accounts.get(session, publication.account_id)
    if account is None or account.status != "connected":
        raise AccountNotReady()
    publication.attempts, publication.error, publication.error_reason = 0, None, None
    await transition(session, publication, "queued", event="retry_requested", actor_id=ctx.user_id)
    queue(session, publication)
    return publication


async def schedule(
    session: AsyncSession,
    ctx: WorkspaceContext,
    publication_id: uuid.UUID,
    publish_at: datetime | None,
) -> Publication:
    """Change when a publication goes out, while nothing of it has reached the platform: a draft
    or one awaiting approval keeps its state (approval then schedules it); an approved, scheduled
    one moves to the new time (needs ``campaigns:publish``, as approving does)."""
    publication = await get(session, ctx, publication_id)
    if publication.state == "scheduled":
        if not ctx.can("campaigns:publish"):
            raise Forbidden(
                "Changing when an approved publication goes out needs the 'campaigns:publish' "
                "permission."
            )
        if publication.remote_upload_id or publication.remote_post_id or publication.lease_id:
            raise Conflict(
                f"It is already on its way to {display_name(publication.platform)}; its time "
                "can no longer change."
            )
    elif publication.state not in ("draft", "awaiting_approval"):
        raise Conflict(
            "Only publications not sent yet (draft, awaiting approval or scheduled) can be "
            f"scheduled; this one is {publication.state.replace('_', ' ')}."
        )
    if publish_at is not None and publish_at <= utcnow():
        raise InvalidInput("Pick a time in the future, or none to publish as soon as approved.")
    previous = publication.publish_at
    await campaign_link.move_with(session, publication, publish_at)
    publication.publish_at = publish_at
    publication.updated_at = utcnow()
    if publication.state == "scheduled":
        # The dispatcher queues it at its new time; none means now. The engine still checks the
        # allowance then, so an earlier time never bypasses a quota deferral.
        publication.next_attempt_at = publish_at or utcnow()
    await session.flush()
    await record(
        session,
        publication,
        "rescheduled",
        actor_id=ctx.user_id,
        publish_at=publish_at.isoformat() if publish_at else None,
        previous_publish_at=previous.isoformat() if previous else None,
    )
    return publication


async def reject(
    session: AsyncSession, ctx: WorkspaceContext, publication_id: uuid.UUID, reason: str
) -> Publication:
    publication = await get(session, ctx, publication_id)
    await repository.lock(session, publication)
    return await approvals.reject(session, ctx, publication, reason)


async def approvers_of(
    session: AsyncSession, publications: Sequence[Publication]
) -> dict[uuid.UUID, list[approvals.Approver]]:
    return await approvals.approvers_of(session, publications)


async def check(
    session: AsyncSession, ctx: WorkspaceContext, settings: Settings, publication_id: uuid.UUID
) -> list[Problem]:
    """What the platform would refuse of the publication if it went out at its time."""
    return await preflight.problems(session, settings, await get(session, ctx, publication_id))


async def account_allowance(
    session: AsyncSession,
    ctx: WorkspaceContext,
    settings: Settings,
    account_id: uuid.UUID,
    mode: str,
) -> allowance.Allowance:
    account = await accounts.get_in_workspace(session, ctx.workspace_id, account_id)
    if account is None:
        raise AccountNotFound()
    return await allowance.allowance(session, settings, account, mode)


async def list_publications(
    session: AsyncSession,
    ctx: WorkspaceContext,
    *,
    state: str | None,
    clip_id: uuid.UUID | None,
    window: Window,
    platform: str | None = None,
) -> Slice[Publication]:
    return await repository.list_in_workspace(
        session, ctx.workspace_id, state=state, clip_id=clip_id, window=window, platform=platform
    )


async def metrics(
    session: AsyncSession, ctx: WorkspaceContext, publication_id: uuid.UUID, window: Window
) -> Slice[PublicationMetric]:
    publication = await get(session, ctx, publication_id)
    return await repository.metrics_for(session, publication.id, window)


async def dispatch_due(session: AsyncSession, limit: int = 200) -> int:
    """Queue scheduled publications whose time has come. Row locks with SKIP LOCKED keep
    concurrent dispatchers apart. (In-flight ones whose worker went silent are the outbox's:
    ``backend/publishing/outbox.py``.)"""
    due = await repository.claim_due(session, utcnow(), limit)
    for publication in due:
        await transition(session, publication, "queued", event="dispatched")
        queue(session, publication)
    if due:
        log.info("publishing.dispatched", due=len(due))
    return len(due)
