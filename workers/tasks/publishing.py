"""Publishing tasks: run one publication, dispatch due ones, refresh tokens, collect insights."""

from __future__ import annotations

import uuid

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from backend.accounts import repository as account_repository
from backend.accounts import service as accounts
from backend.config import get_settings
from backend.platforms import registry
from backend.platforms.base import PlatformError
from backend.publishing import service as publishing
from workers import runtime
from workers.celery_app import celery_app
from workers.publishing import insights
from workers.publishing.engine import run_publication
from workers.tasks.base import task

log = structlog.get_logger(__name__)


@celery_app.task(name=publishing.RUN_TASK)  # type: ignore[untyped-decorator]
def run(publication_id: str) -> str:
    """Retries are not Celery's: the engine re-queues the publication itself with its backoff,
    so a lost message is healed by the dispatcher rather than by a task retry."""
    outcome: str = runtime.run(
        run_publication(runtime.current().sessions, get_settings(), uuid.UUID(publication_id))
    )
    return outcome


@task("publish.dispatch")
async def dispatch(session: AsyncSession) -> int:
    return await publishing.dispatch_due(session, get_settings())


@task("publish.collect_insights")
async def collect_insights(session: AsyncSession) -> int:
    return await insights.collect(session, get_settings())


@task("accounts.subscribe_notifications", autoretry_for=(PlatformError,), max_retries=5,
      retry_backoff=True, retry_jitter=True)  # fmt: skip
async def subscribe_notifications(session: AsyncSession, account_id: str) -> bool:
    account = await account_repository.get(session, uuid.UUID(account_id))
    if account is None:
        log.info("accounts.subscribe_skipped", account_id=account_id)
        return False
    return await accounts.subscribe_notifications(get_settings(), account)


@task("accounts.renew_notifications")
async def renew_notifications(session: AsyncSession) -> int:
    """Push subscriptions lapse (YouTube's WebSub ones after about five days); renewing daily
    keeps them alive."""
    renewed = 0
    for plugin in registry.plugins():
        if plugin.subscribe_notifications is None:
            continue
        for account in await account_repository.connected(session, plugin.name):
            try:
                renewed += await accounts.subscribe_notifications(get_settings(), account)
            except PlatformError as error:
                log.warning(
                    "accounts.renew_failed", account_id=str(account.id), reason=error.reason
                )
    return renewed


@task("accounts.refresh_tokens")
async def refresh_tokens(session: AsyncSession) -> dict[str, int]:
    refreshed, lost = await accounts.refresh_due(session, get_settings())
    return {"refreshed": refreshed, "needs_reauth": lost}
