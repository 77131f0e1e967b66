"""The variant lifecycle. Every change of a variant's state goes through this module: a move the
table does not allow is refused, and an allowed one is recorded in the ledger (``EVENTS``) and
on the event stream (``variant.state``), in the transaction that makes it.
"""

from __future__ import annotations

import uuid
from typing import Any, Final

from sqlalchemy.ext.asyncio import AsyncSession

from backend import events, ledger
from backend.errors import Conflict
from backend.models import Clip, Variant, VariantState

S = VariantState
ALLOWED: Final[dict[VariantState, frozenset[VariantState]]] = {
    S.PENDING: frozenset({S.RENDERING, S.FAILED}),
    # rendering → rendering: a retried attempt, or one that took over from a dead worker.
    S.RENDERING: frozenset({S.RENDERING, S.READY, S.FAILED}),
    # Asked for again: a failed variant, or a ready one with force.
    S.READY: frozenset({S.PENDING}),
    S.FAILED: frozenset({S.PENDING}),
}
INITIAL: Final = S.PENDING
# A render job that ends for good fails its variant only from these (backend/jobs/subjects.py).
UNFINISHED: Final = frozenset({S.PENDING, S.RENDERING})
EVENTS: Final[dict[VariantState, str]] = {
    S.PENDING: "variant.requested",
    S.RENDERING: "variant.rendering",
    S.READY: "variant.rendered",
    S.FAILED: "variant.failed",
}


class InvalidVariantTransition(Conflict):
    code = "invalid_transition"
    default_message = "The variant cannot move to that state from where it is."


async def _record(
    session: AsyncSession,
    variant: Variant,
    previous: VariantState | None,
    *,
    actor_id: uuid.UUID | None,
    job_id: uuid.UUID | None,
    payload: dict[str, Any],
) -> None:
    clip = await session.get(Clip, variant.clip_id)
    current = VariantState(variant.state)
    state = {"state": current.value, "previous": None if previous is None else previous.value}
    await ledger.record(
        session,
        EVENTS[current],
        workspace_id=variant.workspace_id,
        actor_id=actor_id,
        asset_id=None if clip is None else clip.asset_id,
        clip_id=variant.clip_id,
        job_id=job_id,
        payload={
            "variant_id": str(variant.id),
            "platform": variant.platform,
            "captions": variant.captions,
            **state,
            **payload,
        },
    )
    events.record(
        session,
        variant.workspace_id,
        "variant.state",
        subject_id=variant.id,
        data={**state, "clip_id": str(variant.clip_id), "platform": variant.platform},
    )


async def created(
    session: AsyncSession, variant: Variant, *, actor_id: uuid.UUID | None = None, **facts: Any
) -> None:
    """Record a new variant entering its first state (``variant.requested``)."""
    if variant.state != INITIAL:
        raise InvalidVariantTransition(
            f"A new variant starts {INITIAL.value}, not {variant.state}."
        )
    await _record(session, variant, None, actor_id=actor_id, job_id=None, payload=facts)


async def transition(
    session: AsyncSession,
    variant: Variant,
    to: VariantState,
    *,
    reason: str | None = None,
    actor_id: uuid.UUID | None = None,
    job_id: uuid.UUID | None = None,
    **facts: Any,
) -> None:
    """Move ``variant`` to ``to`` or raise InvalidVariantTransition. ``reason`` is why it
    failed (kept in ``error``); any other state clears it."""
    previous, to = VariantState(variant.state), VariantState(to)
    if to not in ALLOWED[previous]:
        raise InvalidVariantTransition(
            f"A variant that is {previous.value} cannot become {to.value}."
        )
    variant.state = to
    variant.error = reason if to == S.FAILED else None
    await session.flush()
    payload = {"reason": reason, **facts} if reason is not None else facts
    await _record(session, variant, previous, actor_id=actor_id, job_id=job_id, payload=payload)
