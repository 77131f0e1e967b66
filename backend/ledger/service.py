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
from backend.models.ledger_event import LEGACY_CHAIN, SYSTEM_CHAIN
from backend.pagination import Slice, Window
from core.clock import utcnow

log = structlog.get_logger(__name__)
_EVENT_TYPE = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$")

CHAINS_STARTED = "ledger.chains_started"
ProgressCallback = Callable[[int, int], Awaitable[None]]


class InvalidEventType(ValueError):
    pass


def chain_of(workspace_id: uuid.UUID | None) -> str:
    return SYSTEM_CHAIN if workspace_id is None else str(workspace_id)


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
    """Append to the workspace's chain (the system chain for events of no workspace)."""
    if not _EVENT_TYPE.match(type):
        raise InvalidEventType(f"ledger event types are dotted lowercase names, got {type!r}")
    # The event that closes the legacy chain is the only one ever appended to it.
    chain = LEGACY_CHAIN if type == CHAINS_STARTED else chain_of(workspace_id)
    await repository.lock_for_append(session, chain)
    previous = await repository.head(session, chain)
    event = LedgerEvent(
        id=uuid.uuid4(),
        seq=await repository.next_seq(session),
        chain=chain,
        chain_seq=1 if previous is None else previous.chain_seq + 1,
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
    log.info("ledger.recorded", type=type, chain=chain, chain_seq=event.chain_seq)
    if workspace_id is not None:
        # The chain's new head, so a watcher can tell its copy of the trail is current.
        events.record(
            session,
            workspace_id,
            "ledger.head",
            subject_id=event.id,
            data={"chain_seq": event.chain_seq, "hash": event.hash, "type": type},
        )
    return event


@dataclass(frozen=True)
class ChainVerification:
    """One chain's result. ``head_sequence``/``head_hash`` are what to keep outside the database
    to detect the removal of a chain's newest events, which no MAC can show."""

    chain: str
    intact: bool
    events_checked: int
    head_sequence: int | None
    head_hash: str | None
    first_broken_sequence: int | None = None
    problem: str | None = None


@dataclass(frozen=True)
class Verification:
    intact: bool
    events_checked: int
    chains: list[ChainVerification]

    @property
    def broken(self) -> list[ChainVerification]:
        return [chain for chain in self.chains if not chain.intact]


def _problem(
    event: LedgerEvent,
    expected_seq: int,
    previous_hash: str,
    key: bytes,
    *,
    unkeyed_allowed: bool,
    closed: bool,
) -> str | None:
    if event.chain_seq != expected_seq:
        return f"event {expected_seq} is missing"
    if closed:
        return f"the legacy chain was closed by {CHAINS_STARTED}; nothing may follow it"
    if event.prev_hash != previous_hash:
        return "its link to the previous event does not match"
    if event_hash(event.prev_hash, event) != event.hash:
        return "its content no longer matches its hash"
    if event.mac is None:
        if unkeyed_allowed:
            return None
        if event.chain == LEGACY_CHAIN:
            return "it carries no MAC, but earlier events do"
        return "it carries no MAC (every event after the legacy chain must)"
    if not hmac.compare_digest(event.mac, event_mac(key, event.hash)):
        return "its MAC does not match the ledger key (rewritten, or written with another key)"
    return None


async def verify_chain(
    session: AsyncSession,
    settings: Settings,
    chain: str,
    progress: ProgressCallback | None = None,
    *,
    already_checked: int = 0,
    total: int | None = None,
) -> ChainVerification:
    """Walk one chain from its first event; name the first number that does not hold.

    Legacy events written before ledger keys existed carry no MAC. They must all come first,
    and the first keyed event after them (``ledger.anchored`` or ``ledger.chains_started``,
    written by ``stakazo migrate``) covers their hashes, so rewriting any of them breaks that
    event's MAC. Every event of the other chains was written with the key and must carry a MAC.
    The legacy chain ends at ``ledger.chains_started``.
    """
    key = ledger_key(settings)
    legacy = chain == LEGACY_CHAIN
    if progress is not None and total is None:
        total = await repository.count(session, chain)
    expected_seq, previous_hash, checked, keyed, closed = 1, GENESIS_HASH, 0, False, False
    async for batch in repository.iterate_chain(session, chain):
        for event in batch:
            problem = _problem(
                event,
                expected_seq,
                previous_hash,
                key,
                unkeyed_allowed=legacy and not keyed,
                closed=closed,
            )
            if problem is not None:
                log.warning(
                    "ledger.verify_failed", chain=chain, sequence=expected_seq, problem=problem
                )
                return ChainVerification(chain, False, checked, None, None, expected_seq, problem)
            checked += 1
            keyed = keyed or event.mac is not None
            closed = legacy and event.type == CHAINS_STARTED
            expected_seq, previous_hash = event.chain_seq + 1, event.hash
        if progress is not None and total is not None:
            await progress(already_checked + checked, total)
    if checked and not keyed:
        problem = "no event carries a MAC under the ledger key; `stakazo migrate` anchors them"
        log.warning("ledger.verify_failed", chain=chain, sequence=1, problem=problem)
        return ChainVerification(chain, False, checked, None, None, 1, problem)
    if not checked:
        return ChainVerification(chain, True, 0, None, None)
    return ChainVerification(chain, True, checked, expected_seq - 1, previous_hash)


def _walk_order(chain: str) -> tuple[bool, bool, str]:
    return (chain != LEGACY_CHAIN, chain != SYSTEM_CHAIN, chain)


async def verify(
    session: AsyncSession, settings: Settings, progress: ProgressCallback | None = None
) -> Verification:
    """Every chain, one after the other: the legacy chain, the system chain, each workspace's.
    The instance operator's check (``stakazo ledger verify``); it sees every tenant's events."""
    total = await repository.count(session)
    reports: list[ChainVerification] = []
    for chain in sorted(await repository.chains(session), key=_walk_order):
        checked = sum(report.events_checked for report in reports)
        reports.append(
            await verify_chain(
                session, settings, chain, progress, already_checked=checked, total=total
            )
        )
    checked = sum(report.events_checked for report in reports)
    return Verification(all(report.intact for report in reports), checked, reports)


async def seal_legacy_chain(session: AsyncSession) -> int | None:
    """Close the chain of events recorded before per-workspace chains with one keyed
    ``ledger.chains_started`` event chained onto its head.

    Its MAC covers the legacy head's hash, so rewriting any legacy event (including those written
    before ledger keys existed, which carry no MAC) breaks it, and nothing is appended to the
    legacy chain after it. Returns how many legacy events it sealed, or None when there are none
    or they are already sealed. Runs from ``stakazo migrate``: a migration never holds the key.
    """
    await repository.lock_for_append(session, LEGACY_CHAIN)
    head = await repository.head(session, LEGACY_CHAIN)
    if head is None or head.type == CHAINS_STARTED:
        return None
    await record(
        session,
        CHAINS_STARTED,
        payload={"legacy_events": head.chain_seq, "legacy_head_hash": head.hash},
    )
    return head.chain_seq


@dataclass(frozen=True)
class WorkspaceVerification:
    """A workspace's own chain, in its own numbers."""

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
    """Walk only ``workspace_id``'s chain: no other tenant's events are read or counted."""
    report = await verify_chain(session, settings, chain_of(workspace_id), progress)
    return WorkspaceVerification(
        report.intact,
        report.events_checked,
        report.head_sequence,
        report.first_broken_sequence,
        report.problem,
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
