"""The publication state machine. Every change of state goes through ``transition`` and so into
the ledger, in the same transaction as the change itself."""

from __future__ import annotations

import uuid
from typing import Any, Final

from sqlalchemy.ext.asyncio import AsyncSession

from backend import events, ledger
from backend.errors import Conflict
from backend.models import Publication
from core.clock import utcnow

ALLOWED: Final[dict[str, frozenset[str]]] = {
    "draft": frozenset({"awaiting_approval", "scheduled", "queued", "cancelled"}),
    "awaiting_approval": frozenset({"draft", "scheduled", "queued", "cancelled"}),
    # scheduled → published: a video the platform released at its time (YouTube's publishAt),
    # seen through a notification before the dispatcher's run.
    "scheduled": frozenset({"queued", "published", "cancelled"}),
    # queued → scheduled: deferred until quota frees or a backoff ends.
    "queued": frozenset(
        {"uploading", "processing", "published", "scheduled", "failed", "cancelled"}
    ),
    "uploading": frozenset({"processing", "published", "queued", "scheduled", "failed"}),
    "processing": frozenset({"published", "queued", "scheduled", "failed", "uploading"}),
    "published": frozenset(),
    "failed": frozenset({"queued", "published", "cancelled"}),
    "cancelled": frozenset(),
}
CANCELLABLE: Final = frozenset({"draft", "awaiting_approval", "scheduled", "queued", "failed"})


class InvalidTransition(Conflict):
    code = "invalid_transition"
    default_message = "The publication cannot move to that state from where it is."


async def record(
    session: AsyncSession,
    publication: Publication,
    event: str,
    *,
    actor_id: uuid.UUID | None = None,
    **payload: Any,
) -> None:
    await ledger.record(
        session,
        f"publication.{event}",
        workspace_id=publication.workspace_id,
        actor_id=actor_id,
        clip_id=publication.clip_id,
        publication_id=publication.id,
        payload={
            "platform": publication.platform,
            "account_id": str(publication.account_id),
            "state": publication.state,
            "sandbox": publication.sandbox,
            **payload,
        },
    )
    events.record(
        session,
        publication.workspace_id,
        "publication.state",
        subject_id=publication.id,
        data={
            "state": publication.state,
            "change": f"publication.{event}",
            "platform": publication.platform,
            "account_id": str(publication.account_id),
            "clip_id": str(publication.clip_id),
        },
    )


async def transition(
    session: AsyncSession,
    publication: Publication,
    to_state: str,
    *,
    event: str | None = None,
    actor_id: uuid.UUID | None = None,
    **payload: Any,
) -> None:
    """Move to ``to_state`` (or raise InvalidTransition) and record ``publication.<event>``
    (the state's name unless ``event`` says otherwise, e.g. "deferred" for → scheduled)."""
    if to_state != publication.state and to_state not in ALLOWED[publication.state]:
        raise InvalidTransition(
            f"A publication that is {publication.state.replace('_', ' ')} cannot become "
            f"{to_state.replace('_', ' ')}."
        )
    previous = publication.state
    publication.state = to_state
    publication.updated_at = utcnow()
    if to_state == "published" and publication.published_at is None:
        publication.published_at = utcnow()
    await session.flush()
    await record(
        session, publication, event or to_state, actor_id=actor_id, previous=previous, **payload
    )
