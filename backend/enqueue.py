"""Enqueue background work by task name with ids only; it leaves only when the transaction commits.

``enqueue(session, "ledger.audit", job_id=job.id)`` parks the message on the session. The
session's after-commit hook sends it; a rollback drops it. Sending failures are logged and the
job row (still ``pending``) is picked up again by the periodic redispatch task.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

import structlog
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session, SessionTransaction

from backend.broker import broker_client

log = structlog.get_logger(__name__)
_PENDING = "stakazo.pending_tasks"

Id = UUID | str | int


@dataclass(frozen=True)
class PendingTask:
    name: str
    kwargs: dict[str, str | int] = field(default_factory=dict)
    task_id: str | None = None
    countdown: float = 0.0  # seconds to hold the message before a worker may run it


def _plain(value: Id) -> str | int:
    if isinstance(value, UUID):
        return str(value)
    if isinstance(value, str | int) and not isinstance(value, bool):
        return value
    raise TypeError(f"tasks carry ids only, got {type(value).__name__}")


def enqueue(
    session: AsyncSession,
    name: str,
    *,
    task_id: Id | None = None,
    countdown: float = 0.0,
    **ids: Id,
) -> None:
    task = PendingTask(
        name=name,
        kwargs={key: _plain(value) for key, value in ids.items()},
        task_id=None if task_id is None else str(task_id),
        countdown=countdown,
    )
    if not session.in_transaction():
        # Tie the message to a transaction now, so that a rollback before any query drops it.
        session.sync_session.begin()
    session.sync_session.info.setdefault(_PENDING, []).append(task)


def pending_tasks(session: AsyncSession) -> list[PendingTask]:
    return list(session.sync_session.info.get(_PENDING, []))


def send_to_broker(task: PendingTask) -> None:
    broker_client().send(
        task.name, task.kwargs, task_id=task.task_id, countdown=task.countdown or None
    )


sender: Callable[[PendingTask], None] = send_to_broker


def send_now(task: PendingTask) -> bool:
    try:
        sender(task)
    except Exception as error:  # the broker is down or slow; the redispatcher retries later
        log.error("jobs.enqueue_failed", task=task.name, task_id=task.task_id, error=str(error))
        return False
    log.info("jobs.enqueued", task=task.name, task_id=task.task_id)
    return True


@event.listens_for(Session, "after_commit")
def _send_after_commit(session: Session) -> None:
    for task in session.info.pop(_PENDING, []):
        send_now(task)


@event.listens_for(Session, "after_soft_rollback")
def _drop_after_rollback(session: Session, previous_transaction: SessionTransaction) -> None:
    if previous_transaction.parent is None:
        dropped: list[Any] = session.info.pop(_PENDING, [])
        if dropped:
            log.info("jobs.dropped_on_rollback", count=len(dropped))
