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
from backend.models import PublicationMetric
from backend.models.base import utcnow
from backend.platforms import registry
from backend.platforms.base import Credentials, PlatformError
from backend.publishing import repository

log = structlog.get_logger(__name__)

# Posts keep moving for weeks; after that a reading a day would add little.
TRACK_FOR = timedelta(days=30)
BATCH = 500


async def collect(session: AsyncSession, settings: Settings) -> int:
    """One reading per published post; an account that fails is skipped until next time."""
    publications = await repository.published_for_metrics(session, utcnow() - TRACK_FOR, BATCH)
    credentials: dict[uuid.UUID, Credentials | None] = {}
    stored = 0
    for publication in publications:
        assert publication.remote_post_id is not None
        if publication.account_id not in credentials:
            account = await accounts.get(session, publication.account_id)
            try:
                credentials[publication.account_id] = (
                    None
                    if account is None
                    else await account_service.credentials(session, settings, account)
                )
            except (PlatformError, account_service.AccountUnusable):
                credentials[publication.account_id] = None
        creds = credentials[publication.account_id]
        if creds is None:
            continue
        try:
            numbers = await registry.publisher(publication.platform, settings).metrics(
                creds, publication.remote_post_id
            )
        except PlatformError as error:
            log.warning("insights.failed", platform=publication.platform, reason=error.reason)
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
