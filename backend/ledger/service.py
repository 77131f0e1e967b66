"""Writing to and checking the ledger.

``record`` runs inside the caller's transaction, so an event exists exactly when the change it
describes was committed.
"""

from __future__ import annotations

import hmac
import json
import re
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from backend import events
from backend.config import Settings, get_settings
from backend.ledger import repository
from backend.ledger.chain import GENESIS_HASH, event_hash, event_mac, ledger_key
from backend.ledger.repository import EventFilter as EventFilter  # what query() takes
from backend.logging import mask_secrets
from backend.models import LedgerEvent
from backend.pagination import Slice, Window
from core.clock import utcnow

log = structlog.get_logger(__name__)
_EVENT_TYPE = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$")

ProgressCallback = Callable[[int, int], Awaitable[None]]


class InvalidEventType(ValueError):
    pass


def _json_safe(payload: dict[str, Any]) -> dict[str, Any]:
    """What will be stored and hashed: secrets masked, only JSON types, a stable round trip."""
    masked = mask_secrets(payload)
    result: dict[str, Any] = json.loads(json.dumps(masked, default=str))
    return result


async def record(
    session: AsyncSession,
    type: str,
    *,
    payload: dict[str, Any] | None = None,
    workspace_id: uuid.UUID | None = None,
    actor_id: uuid.UUID | None = None,
    user_id: uuid.UUID | None = None,
    asset_id: uuid.UUID | None = None,
    job_id: uuid.UUID | None = None,
    clip_id: uuid.UUID | None = None,
    publication_id: uuid.UUID | None = None,
    campaign_id: uuid.UUID | None = None,
) -> LedgerEvent:
    if not _EVENT_TYPE.match(type):
        raise InvalidEventType(f"ledger event types are dotted lowercase names, got {type!r}")
    await repository.lock_for_append(session)
    previous = await repository.head(session)
    event = LedgerEvent(
        id=uuid.uuid4(),
        seq=1 if previous is None else previous.seq + 1,
        occurred_at=utcnow(),
        type=type,
        workspace_id=workspace_id,
        actor_id=actor_id,
        user_id=user_id,
        asset_id=asset_id,
        job_id=job_id,
        clip_id=clip_id,
        publication_id=publication_id,
        campaign_id=campaign_id,
        payload=_json_safe(payload or {}),
        prev_hash=GENESIS_HASH if previous is None else previous.hash,
    )
    event.hash = event_hash(event.prev_hash, event)
    event.mac = event_mac(ledger_key(get_settings()), event.hash)
    session.add(event)
    await session.flush()
    log.info("ledger.recorded", type=type, seq=event.seq)
    if workspace_id is not None:
        # The chain's new head, so a watcher can tell its copy of the trail is current.
        events.record(
            session,
            workspace_id,
            "ledger.head",
            subject_id=event.id,
            data={"seq": event.seq, "hash": event.hash, "type": type},
        )
    return event


@dataclass(frozen=True)
class Verification:
    intact: bool
    events_checked: int
    head_sequence: int | None
    head_hash: str | None
    first_broken_sequence: int | None = None
    problem: str | None = None


def _problem(
    event: LedgerEvent, expected_seq: int, previous_hash: str, key: bytes, keyed_before: bool
) -> str | None:
    if event.seq != expected_seq:
        return f"event {expected_seq} is missing"
    if event.prev_hash != previous_hash:
        return "its link to the previous event does not match"
    if event_hash(event.prev_hash, event) != event.hash:
        return "its content no longer matches its hash"
    if event.mac is None:
        return "it carries no MAC, but earlier events do" if keyed_before else None
    if not hmac.compare_digest(event.mac, event_mac(key, event.hash)):
        return "its MAC does not match the ledger key (rewritten, or written with another key)"
    return None


async def verify(
    session: AsyncSession, settings: Settings, progress: ProgressCallback | None = None
) -> Verification:
    """Walk the chain from the first event; name the first sequence number that does not hold.

    Events written before ledger keys existed carry no MAC. They must all come first, and the
    first keyed event after them (``ledger.anchored``, written by ``stakazo migrate``) covers
    their hashes, so rewriting any of them breaks that event's MAC. A ledger with events but no
    keyed one at all is not trusted.
    """
    key = ledger_key(settings)
    total = await repository.count(session)
    expected_seq, previous_hash, checked, keyed = 1, GENESIS_HASH, 0, False
    async for batch in repository.iterate_in_order(session):
        for event in batch:
            problem = _problem(event, expected_seq, previous_hash, key, keyed)
            if problem is not None:
                broken = min(expected_seq, event.seq)
                log.warning("ledger.verify_failed", sequence=broken, problem=problem)
                return Verification(False, checked, None, None, broken, problem)
            checked += 1
            keyed = keyed or event.mac is not None
            expected_seq, previous_hash = event.seq + 1, event.hash
        if progress is not None:
            await progress(checked, total)
    if checked and not keyed:
        problem = "no event carries a MAC under the ledger key; `stakazo migrate` anchors them"
        log.warning("ledger.verify_failed", sequence=1, problem=problem)
        return Verification(False, checked, None, None, 1, problem)
    head_sequence = expected_seq - 1 if checked else None
    head_hash = previous_hash if checked else None
    return Verification(True, checked, head_sequence, head_hash)


async def anchor_legacy_events(session: AsyncSession) -> int | None:
    """Seal events written before ledger keys existed: one keyed event chained onto them.

    Returns the number of events anchored, or None when the head already carries a MAC (or the
    ledger is empty). Runs from ``stakazo migrate``, after the schema has a ``mac`` column.
    """
    await repository.lock_for_append(session)
    head = await repository.head(session)
    if head is None or head.mac is not None:
        return None
    await record(
        session,
        "ledger.anchored",
        payload={"legacy_events": head.seq, "legacy_head_hash": head.hash},
    )
    return head.seq


@dataclass(frozen=True)
class WorkspaceVerification:
    """What one workspace may learn from a verification of the whole chain: whether it holds,
    and counts of its own events only (the chain's length is every tenant's activity)."""

    intact: bool
    events_checked: int
    head_sequence: int | None
    first_broken_sequence: int | None = None
    problem: str | None = None


async def verify_for_workspace(
    session: AsyncSession,
    settings: Settings,
    workspace_id: uuid.UUID,
    progress: ProgressCallback | None = None,
) -> WorkspaceVerification:
    """Verify the whole chain; report it in terms of ``workspace_id``'s events."""
    report = await verify(session, settings, progress)
    if report.intact:
        verified_up_to = report.head_sequence or 0
    else:
        assert report.first_broken_sequence is not None
        verified_up_to = report.first_broken_sequence - 1
    checked = await repository.count_in_workspace(session, workspace_id, verified_up_to)
    newest = await repository.newest_in_workspace(session, workspace_id, verified_up_to)
    if report.intact:
        return WorkspaceVerification(True, checked, newest)
    broken = report.first_broken_sequence
    assert broken is not None
    if await repository.workspace_of(session, broken) == workspace_id:
        return WorkspaceVerification(False, checked, newest, broken, report.problem)
    return WorkspaceVerification(
        False,
        checked,
        newest,
        problem="the chain breaks outside this workspace's events; the server log names where "
        "(ledger.verify_failed)",
    )


async def query(
    session: AsyncSession, where: repository.EventFilter, window: Window
) -> Slice[LedgerEvent]:
    """Newest first."""
    return await repository.query(session, where, window)


async def account_events(
    session: AsyncSession, user_id: uuid.UUID, window: Window
) -> Slice[LedgerEvent]:
    """A person's sign-ins, failures, sessions and password changes, newest first."""
    return await repository.account_events(session, user_id, window)
