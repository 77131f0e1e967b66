"""Park events on the session; hand them to the publisher after commit, drop them on rollback."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

import structlog
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session, SessionTransaction

log = structlog.get_logger(__name__)
_PENDING = "stakazo.pending_events"

JSONScalar = str | int | float | bool | None


@dataclass(frozen=True)
class DomainEvent:
    """What changed, for whom: ``type`` is dotted (``job.progress``, ``asset.state``, ...),
    ``subject_id`` the row it is about, ``data`` plain JSON values only.

    An event without a workspace is about access itself (``auth.session_revoked``,
    ``user.deactivated``): no subscriber receives it, the connection manager acts on it."""

    workspace_id: UUID | None
    type: str
    subject_id: UUID | None = None
    data: Mapping[str, Any] = field(default_factory=dict)
    at: datetime = field(default_factory=lambda: datetime.now(UTC))


Publisher = Callable[[Sequence[DomainEvent]], None]


def _log_only(events: Sequence[DomainEvent]) -> None:
    # A process that never set up the stream (a one-off CLI command) still says what happened.
    for item in events:
        log.debug("events.unpublished", type=item.type, workspace_id=str(item.workspace_id))


_publisher: Publisher = _log_only


def set_publisher(publisher: Publisher | None) -> None:
    """Each process (API, worker) installs its bus's publisher at start-up."""
    global _publisher
    _publisher = publisher or _log_only


def record(
    session: AsyncSession,
    workspace_id: UUID | None,
    type: str,
    *,
    subject_id: UUID | None = None,
    data: Mapping[str, Any] | None = None,
) -> DomainEvent:
    item = DomainEvent(workspace_id=workspace_id, type=type, subject_id=subject_id, data=data or {})
    if not session.in_transaction():
        session.sync_session.begin()
    session.sync_session.info.setdefault(_PENDING, []).append(item)
    return item


def pending_events(session: AsyncSession) -> list[DomainEvent]:
    return list(session.sync_session.info.get(_PENDING, []))


@event.listens_for(Session, "after_commit")
def _publish_after_commit(session: Session) -> None:
    events: list[DomainEvent] = session.info.pop(_PENDING, [])
    if not events:
        return
    try:
        _publisher(events)
    except Exception as error:  # the stream is best effort; the database already holds the truth
        log.error("events.publish_failed", count=len(events), error=str(error))


@event.listens_for(Session, "after_soft_rollback")
def _drop_after_rollback(session: Session, previous_transaction: SessionTransaction) -> None:
    if previous_transaction.parent is None:
        session.info.pop(_PENDING, None)
