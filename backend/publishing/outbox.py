"""The outbox's publication kind: in-flight publications whose worker went silent (it died, or
the message was lost) are sent again with backoff, and given up after ``outbox_max_sends``
sends that no run answered."""

from __future__ import annotations

from datetime import timedelta

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from backend.config import Settings
from backend.enqueue import enqueue
from backend.models import Publication
from backend.models.base import utcnow
from backend.publishing import repository
from backend.publishing.service import RUN_TASK
from backend.publishing.transitions import record, transition
from backend.resend import backoff
from backend.resend.dead import declare_dead

log = structlog.get_logger(__name__)

GAVE_UP = (
    "No worker finished a run of it after {sends} sends (its worker died each time, or the "
    "message never reached one); retry it when the workers are healthy."
)


async def _give_up(session: AsyncSession, publication: Publication) -> None:
    message = GAVE_UP.format(sends=publication.sends + 1)
    publication.error, publication.error_reason = message, "never_answered"
    publication.lease_id = publication.heartbeat_at = publication.next_attempt_at = None
    await transition(session, publication, "failed", reason="never_answered", message=message)
    await declare_dead(
        session,
        publication,
        kind="publications",
        error=message,
        workspace_id=publication.workspace_id,
        publication_id=publication.id,
    )


async def resend_silent(session: AsyncSession, settings: Settings, limit: int = 200) -> int:
    now = utcnow()
    silent_since = now - timedelta(seconds=settings.publish_stale_after_seconds)
    sent = 0
    for publication in await repository.claim_stale(session, silent_since, now, limit):
        if backoff.exhausted(settings, publication.sends):
            await _give_up(session, publication)
            continue
        publication.sends += 1
        publication.resend_at = backoff.after_send(settings, publication.sends, now)
        await record(session, publication, "redispatched", reason="worker silent")
        enqueue(session, RUN_TASK, publication_id=publication.id)
        sent += 1
    if sent:
        log.info("publishing.redispatched", count=sent)
    return sent
