"""Giving an outbox row up, visibly: a ledger event and a structured log line."""

from __future__ import annotations

import uuid
from typing import Any

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from backend import ledger
from backend.models.base import utcnow

log = structlog.get_logger(__name__)


async def declare_dead(
    session: AsyncSession,
    row: Any,
    *,
    kind: str,
    error: str,
    workspace_id: uuid.UUID | None,
    **refs: uuid.UUID | None,
) -> None:
    """Mark the row dead (``dead_at``) and say so; the caller sets the kind's own state."""
    row.dead_at = utcnow()
    await session.flush()
    log.error("outbox.dead", kind=kind, item_id=str(row.id), sends=row.sends, error=error)
    await ledger.record(
        session,
        "outbox.dead",
        workspace_id=workspace_id,
        payload={"kind": kind, "item_id": str(row.id), "sends": row.sends, "error": error},
        **refs,
    )


async def record_retry(
    session: AsyncSession,
    row: Any,
    *,
    kind: str,
    workspace_id: uuid.UUID | None,
    actor_id: uuid.UUID,
) -> None:
    """An admin sent a dead row again: it starts a fresh count of sends."""
    row.dead_at, row.sends, row.resend_at = None, 0, None
    await session.flush()
    log.warning("outbox.retried", kind=kind, item_id=str(row.id))
    await ledger.record(
        session,
        "outbox.retried",
        workspace_id=workspace_id,
        actor_id=actor_id,
        payload={"kind": kind, "item_id": str(row.id)},
    )
