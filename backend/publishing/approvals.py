"""Approving a publication, by one person or by several (a campaign's "N approvers" policy),
and rejecting it. A publication needing N approvals goes ahead at the N-th distinct approver;
before that each approval is recorded and the publication waits."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from backend.errors import Conflict
from backend.iam.context import WorkspaceContext
from backend.models import Publication, PublicationApproval
from backend.publishing import repository
from backend.publishing.transitions import transition
from core.clock import utcnow


class AlreadyApproved(Conflict):
    code = "already_approved"
    default_message = "You have already approved this publication."


@dataclass(frozen=True)
class Approver:
    user_id: uuid.UUID
    name: str
    approved_at: datetime


async def record_approval(
    session: AsyncSession, ctx: WorkspaceContext, publication: Publication
) -> bool:
    """Count ``ctx``'s approval; True once the publication has all the approvals it needs.
    Callers hold the publication's row lock, so two last approvers cannot both proceed."""
    required = max(1, publication.approvals_required)
    given = await repository.approver_ids(session, publication.id)
    if ctx.user_id in given:
        missing = required - len(given)
        raise AlreadyApproved(
            f"You have already approved this publication; it needs {missing} more "
            f"approval{'' if missing == 1 else 's'} from someone else."
        )
    session.add(
        PublicationApproval(id=uuid.uuid4(), publication_id=publication.id, user_id=ctx.user_id)
    )
    await session.flush()
    count = len(given) + 1
    if count >= required:
        return True
    # Drafts become awaiting approval too: someone has started approving them.
    await transition(
        session, publication, "awaiting_approval", event="approval_recorded",
        actor_id=ctx.user_id, count=count, required=required,
    )  # fmt: skip
    return False


async def reject(
    session: AsyncSession, ctx: WorkspaceContext, publication: Publication, reason: str
) -> Publication:
    if publication.state not in ("draft", "awaiting_approval"):
        raise Conflict(
            "Only drafts and publications awaiting approval can be rejected; this one is "
            f"{publication.state.replace('_', ' ')}."
        )
    publication.updated_at = utcnow()
    await transition(
        session, publication, "cancelled", event="rejected", actor_id=ctx.user_id, reason=reason
    )
    return publication


async def approvers_of(
    session: AsyncSession, publications: Sequence[Publication]
) -> dict[uuid.UUID, list[Approver]]:
    rows = await repository.approvals_of(session, [p.id for p in publications])
    found: dict[uuid.UUID, list[Approver]] = {}
    for publication_id, user_id, name, approved_at in rows:
        found.setdefault(publication_id, []).append(Approver(user_id, name, approved_at))
    return found
