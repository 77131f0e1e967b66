"""The outbox: re-send every kind's due messages, show what is waiting or dead, retry the dead."""

from __future__ import annotations

import uuid

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from backend.config import Settings
from backend.errors import Conflict, NotFound
from backend.iam.context import WorkspaceContext
from backend.outbox import repository
from backend.outbox.registry import KINDS
from backend.outbox.schemas import DeadItem, OutboxCounts, OutboxOverview, OutboxRetried

log = structlog.get_logger(__name__)

DEAD_SHOWN = 50


class OutboxItemNotFound(NotFound):
    code = "outbox_item_not_found"
    default_message = "No such dead item of that kind in this workspace."


class RetryElsewhere(Conflict):
    code = "outbox_retry_elsewhere"
    default_message = "Items of this kind are retried through their own endpoint."


async def redispatch(session: AsyncSession, settings: Settings) -> dict[str, int]:
    """Send again, for every kind, the messages that are due; how many per kind."""
    sent = {name: await kind.resend(session, settings) for name, kind in KINDS.items()}
    if any(sent.values()):
        log.info("outbox.redispatched", **sent)
    return sent


async def overview(session: AsyncSession, workspace_id: uuid.UUID) -> OutboxOverview:
    counts = {}
    dead: list[DeadItem] = []
    for name, kind in KINDS.items():
        counts[name] = OutboxCounts(**await repository.counts(session, kind, workspace_id))
        for row in await repository.dead(session, kind, workspace_id, DEAD_SHOWN):
            dead.append(
                DeadItem(
                    kind=name,
                    id=row.id,
                    sends=row.sends,
                    dead_at=row.dead_at,
                    error=getattr(row, kind.error.key),
                )
            )
    return OutboxOverview(counts=counts, dead=dead)


async def retry(
    session: AsyncSession,
    ctx: WorkspaceContext,
    settings: Settings,
    kind_name: str,
    item_id: uuid.UUID,
) -> OutboxRetried:
    kind = KINDS[kind_name]
    row = await repository.get_dead(session, kind, ctx.workspace_id, item_id)
    if row is None:
        raise OutboxItemNotFound()
    if kind.retry is None:
        raise RetryElsewhere(kind.retry_elsewhere)
    await kind.retry(session, settings, row, ctx.user_id)
    return OutboxRetried(kind=kind_name, id=item_id)
