"""Will one more post fit in the account's allowance? If not, when will it?

A platform that reports its allowance (``Publisher.quota``) is believed; for the others, the
platform plugin says what to count (``counted_quota``: a limit per rolling day or per Pacific
day), and it is counted here from our own publications.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from backend.config import Settings
from backend.models import Publication
from backend.platforms import registry
from backend.platforms.base import Credentials, Publisher
from backend.publishing import repository
from backend.publishing.allowance import DAY, next_pacific_midnight, pacific_midnight_today
from core.clock import utcnow
from core.retry import retry_query

# When a platform says "full" without saying until when.
UNKNOWN_RESET = timedelta(hours=1)


async def blocked_until(
    session: AsyncSession,
    settings: Settings,
    publisher: Publisher,
    credentials: Credentials,
    publication: Publication,
) -> datetime | None:
    """None when the post fits now; otherwise when the allowance frees up."""
    now = utcnow()
    remote = await retry_query(lambda: publisher.quota(credentials))
    if remote is not None:
        if not remote.exhausted:
            return None
        if remote.resets_at is not None:
            return remote.resets_at
        _, oldest = await repository.usage_since(
            session, publication.account_id, now - DAY, excluding=publication.id
        )
        return oldest + DAY if oldest else now + UNKNOWN_RESET
    counted = registry.plugin(publication.platform).counted_quota(settings, publication.mode)
    if counted is None:
        return None
    if counted.window == "rolling_day":
        used, oldest = await repository.usage_since(
            session, publication.account_id, now - DAY, excluding=publication.id
        )
        if used < counted.limit:
            return None
        return oldest + DAY if oldest else now + UNKNOWN_RESET
    used, _ = await repository.usage_since(
        session, publication.account_id, pacific_midnight_today(now), excluding=publication.id
    )
    return None if used < counted.limit else next_pacific_midnight(now)
