"""Publishing tasks: run one publication, dispatch due ones, refresh tokens, collect insights,
subscribe to notifications."""

from __future__ import annotations

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from backend.accounts.notifications import SUBSCRIBE_TASK
from backend.config import Settings, get_settings
from backend.publishing import service as publishing
from workers import runtime
from workers.celery_app import celery_app
from workers.publishing import insights, notifications, tokens
from workers.publishing.engine import run_publication
from workers.publishing.tokens import Sessions
from workers.tasks.base import batch_task, task


@celery_app.task(name=publishing.RUN_TASK)  # type: ignore[untyped-decorator]
def run(publication_id: str) -> str:
    """Retries are not Celery's: the engine re-queues the publication itself with its backoff,
    so a lost message is healed by the outbox rather than by a task retry."""
    outcome: str = runtime.run(
        run_publication(runtime.current().sessions, get_settings(), uuid.UUID(publication_id))
    )
    return outcome


@task("publish.dispatch")
async def dispatch(session: AsyncSession) -> int:
    return await publishing.dispatch_due(session)


@batch_task("publish.collect_insights")
async def collect_insights(sessions: Sessions, settings: Settings) -> int:
    return await insights.collect(sessions, settings)


@batch_task(SUBSCRIBE_TASK)
async def subscribe_notifications(sessions: Sessions, settings: Settings, account_id: str) -> str:
    """No Celery retries: a failure is kept on the subscription, and the outbox sends it again
    with backoff (and renews it before it lapses)."""
    return await notifications.subscribe_account(sessions, settings, uuid.UUID(account_id))


@batch_task("accounts.refresh_tokens")
async def refresh_tokens(sessions: Sessions, settings: Settings) -> dict[str, int]:
    refreshed, lost = await tokens.refresh_due(sessions, settings)
    return {"refreshed": refreshed, "needs_reauth": lost}
