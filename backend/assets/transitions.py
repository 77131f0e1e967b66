"""The asset lifecycle. Every change of an asset's state goes through this module: a move the
table does not allow is refused, and an allowed one is recorded in the ledger
(``EVENTS``) and on the event stream (``asset.state``), in the transaction that makes it.
"""

from __future__ import annotations

import uuid
from typing import Any, Final

from sqlalchemy.ext.asyncio import AsyncSession

from backend import events, ledger
from backend.errors import Conflict
from backend.models import Asset, AssetState

S = AssetState
ALLOWED: Final[dict[AssetState, frozenset[AssetState]]] = {
    S.UPLOADED: frozenset({S.PROBING}),
    # probing → probing, analyzing → probing: a retried attempt, or one that took over from a
    # dead worker, starts again from the probe.
    S.PROBING: frozenset({S.PROBING, S.ANALYZING, S.REJECTED, S.FAILED}),
    S.ANALYZING: frozenset({S.PROBING, S.READY, S.FAILED}),
    # media.analyze may run again after any outcome (new scoring weights, a fixed bug).
    S.READY: frozenset({S.PROBING}),
    S.REJECTED: frozenset({S.PROBING}),
    S.FAILED: frozenset({S.PROBING}),
}
INITIAL: Final = S.UPLOADED
# A job that ends for good leaves its asset failed only from these (backend/jobs/subjects.py).
UNFINISHED: Final = frozenset({S.PROBING, S.ANALYZING})
WITH_REASON: Final = frozenset({S.REJECTED, S.FAILED})
# The ledger event of entering each state, named for what happened.
EVENTS: Final[dict[AssetState, str]] = {
    S.UPLOADED: "asset.uploaded",
    S.PROBING: "asset.probing",
    S.ANALYZING: "asset.probed",
    S.READY: "asset.ready",
    S.REJECTED: "asset.rejected",
    S.FAILED: "asset.failed",
}


class InvalidAssetTransition(Conflict):
    code = "invalid_transition"
    default_message = "The asset cannot move to that state from where it is."


async def _record(
    session: AsyncSession,
    asset: Asset,
    previous: AssetState | None,
    *,
    actor_id: uuid.UUID | None,
    job_id: uuid.UUID | None,
    payload: dict[str, Any],
) -> None:
    current = AssetState(asset.state)
    state = {"state": current.value, "previous": None if previous is None else previous.value}
    await ledger.record(
        session,
        EVENTS[current],
        workspace_id=asset.workspace_id,
        actor_id=actor_id,
        asset_id=asset.id,
        job_id=job_id,
        payload={**state, **payload},
    )
    events.record(session, asset.workspace_id, "asset.state", subject_id=asset.id, data=state)


async def created(
    session: AsyncSession, asset: Asset, *, actor_id: uuid.UUID | None = None, **facts: Any
) -> None:
    """Record a new asset entering its first state (``asset.uploaded``)."""
    if asset.state != INITIAL:
        raise InvalidAssetTransition(f"A new asset starts {INITIAL.value}, not {asset.state}.")
    await _record(session, asset, None, actor_id=actor_id, job_id=None, payload=facts)


async def transition(
    session: AsyncSession,
    asset: Asset,
    to: AssetState,
    *,
    reason: str | None = None,
    actor_id: uuid.UUID | None = None,
    job_id: uuid.UUID | None = None,
    **facts: Any,
) -> None:
    """Move ``asset`` to ``to`` or raise InvalidAssetTransition. ``reason`` is why it was
    rejected or failed (kept in ``rejection_reason``); any other state clears it."""
    previous, to = AssetState(asset.state), AssetState(to)
    if to not in ALLOWED[previous]:
        raise InvalidAssetTransition(f"An asset that is {previous.value} cannot become {to.value}.")
    asset.state = to
    asset.rejection_reason = reason if to in WITH_REASON else None
    await session.flush()
    payload = {"reason": reason, **facts} if reason is not None else facts
    await _record(session, asset, previous, actor_id=actor_id, job_id=job_id, payload=payload)
