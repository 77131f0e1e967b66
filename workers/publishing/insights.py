"""Per-post numbers from the platforms into ``publication_metrics``: the feedback that will train
the scoring weights."""

from __future__ import annotations

import uuid
from datetime import timedelta

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from backend.accounts import repository as accounts
from backend.accounts import service as account_service
from backend.config import Settings
from backend.models import PlatformAccount, Publication, PublicationMetric
from backend.models.base import utcnow
from backend.platforms import registry
from backend.platforms.base import AuthError, Credentials, PlatformError, PostMetrics
from backend.publishing import repository

log = structlog.get_logger(__name__)

# Posts keep moving for weeks; after that a reading a day would add little.
TRACK_FOR = timedelta(days=30)
BATCH = 500


class _Accounts:
    """Credentials per account for one collection round, refreshed once if refused."""

    def __init__(self, session: AsyncSession, settings: Settings) -> None:
        self.session, self.settings = session, settings
        self.known: dict[uuid.UUID, tuple[PlatformAccount, Credentials] | None] = {}

    async def get(self, account_id: uuid.UUID) -> tuple[PlatformAccount, Credentials] | None:
        if account_id not in self.known:
            self.known[account_id] = await self._load(account_id)
        return self.known[account_id]

    async def _load(self, account_id: uuid.UUID) -> tuple[PlatformAccount, Credentials] | None:
        account = await accounts.get(self.session, account_id)
        if account is None:
            return None
        try:
            return account, await account_service.credentials(self.session, self.settings, account)
        except (PlatformError, account_service.AccountUnusable):
            return None

    async def refreshed(self, account: PlatformAccount) -> Credentials | None:
        entry: tuple[PlatformAccount, Credentials] | None = None
        if await account_service.refresh(self.session, self.settings, account):
            entry = (
                account,
                await account_service.credentials(self.session, self.settings, account),
            )
        self.known[account.id] = entry
        return entry[1] if entry else None


async def _read(
    publication: Publication, settings: Settings, known: _Accounts
) -> PostMetrics | None:
    entry = await known.get(publication.account_id)
    if entry is None:
        return None
    account, creds = entry
    publisher = registry.plugin(publication.platform).publisher(settings)
    assert publication.remote_post_id is not None
    try:
        try:
            return await publisher.metrics(creds, publication.remote_post_id)
        except AuthError:
            fresh = await known.refreshed(account)
            return (
                None
                if fresh is None
                else await publisher.metrics(fresh, publication.remote_post_id)
            )
    except PlatformError as error:
        log.warning("insights.failed", platform=publication.platform, reason=error.reason)
        return None


async def collect(session: AsyncSession, settings: Settings) -> int:
    """One reading per published post; an account that fails is skipped until next time."""
    publications = await repository.published_for_metrics(session, utcnow() - TRACK_FOR, BATCH)
    known = _Accounts(session, settings)
    stored = 0
    for publication in publications:
        numbers = await _read(publication, settings, known)
        if numbers is None:
            continue
        await repository.add_metric(
            session,
            PublicationMetric(
                id=uuid.uuid4(),
                publication_id=publication.id,
                workspace_id=publication.workspace_id,
                captured_at=utcnow(),
                views=numbers.views,
                likes=numbers.likes,
                comments=numbers.comments,
                shares=numbers.shares,
                watch_time_seconds=numbers.watch_time_seconds,
            ),
        )
        stored += 1
    log.info("insights.collected", readings=stored, posts=len(publications))
    return stored
