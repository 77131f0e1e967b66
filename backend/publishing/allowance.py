"""How much of an account's publishing allowance is left, and when it frees up.

A platform that reports its allowance (``Publisher.quota``: Instagram's
``content_publishing_limit``) is believed; for the others the platform plugin says what Stakazo
counts itself (``counted_quota``: a limit per rolling day or per Pacific day), counted from our
own publications. The publishing engine defers a post on the same figures
(``workers/publishing/quota.py``).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from backend.accounts import service as accounts
from backend.config import Settings
from backend.models import PlatformAccount
from backend.platforms import registry
from backend.platforms.base import PlatformError
from backend.platforms.registry import display_name
from backend.publishing import repository
from core.clock import utcnow
from core.retry import retry_query

DAY = timedelta(hours=24)
PACIFIC = ZoneInfo("America/Los_Angeles")

Source = Literal["platform", "counted", "unlimited"]
Window = Literal["rolling_day", "pacific_day"]


def next_pacific_midnight(now: datetime) -> datetime:
    local = now.astimezone(PACIFIC)
    tomorrow = (local + timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
    return tomorrow.astimezone(now.tzinfo)


def pacific_midnight_today(now: datetime) -> datetime:
    local = now.astimezone(PACIFIC).replace(hour=0, minute=0, second=0, microsecond=0)
    return local.astimezone(now.tzinfo)


@dataclass(frozen=True)
class Allowance:
    platform: str
    source: Source
    used: int | None
    limit: int | None
    window: Window | None
    resets_at: datetime | None

    @property
    def remaining(self) -> int | None:
        if self.used is None or self.limit is None:
            return None
        return max(0, self.limit - self.used)


async def _platform_reported(
    session: AsyncSession, settings: Settings, account: PlatformAccount
) -> Allowance | None:
    credentials = await accounts.credentials(session, settings, account)
    publisher = registry.plugin(account.platform).publisher(settings)
    try:
        reported = await retry_query(lambda: publisher.quota(credentials))
    except PlatformError as error:
        raise accounts.PlatformUnavailable(
            f"{display_name(account.platform)} did not say how many posts are left "
            f"({error.user_message}); try again in a moment."
        ) from error
    if reported is None:
        return None
    resets_at = reported.resets_at
    if resets_at is None and reported.used:
        # A rolling day: the oldest post in it ages out first.
        _, oldest = await repository.usage_since(session, account.id, utcnow() - DAY)
        resets_at = oldest + DAY if oldest else None
    return Allowance(
        account.platform, "platform", reported.used, reported.limit, "rolling_day", resets_at
    )


def window_start(window: Window, now: datetime) -> datetime:
    return now - DAY if window == "rolling_day" else pacific_midnight_today(now)


async def counted_allowances(
    session: AsyncSession, settings: Settings, accounts: list[tuple[uuid.UUID, str]]
) -> dict[uuid.UUID, Allowance]:
    """What we count ourselves for direct posts, for many (account id, platform) pairs at once
    and without asking any platform; accounts whose platform reports its own allowance, or has
    none, are left out. A query per window in use, not one per account."""
    now = utcnow()
    quotas = {}
    for account_id, platform in accounts:
        counted = registry.plugin(platform).counted_quota(settings, "direct")
        if counted is not None:
            quotas[account_id] = (platform, counted)
    used: dict[Window, dict[uuid.UUID, int]] = {}
    for window in {counted.window for _, counted in quotas.values()}:
        ids = [account_id for account_id, (_, c) in quotas.items() if c.window == window]
        used[window] = await repository.usage_by_account(session, ids, window_start(window, now))
    return {
        account_id: Allowance(
            platform,
            "counted",
            used[counted.window].get(account_id, 0),
            counted.limit,
            counted.window,
            next_pacific_midnight(now) if counted.window == "pacific_day" else None,
        )
        for account_id, (platform, counted) in quotas.items()
    }


async def allowance(
    session: AsyncSession, settings: Settings, account: PlatformAccount, mode: str = "direct"
) -> Allowance:
    """What is left for a post in ``mode`` (TikTok drafts count against no cap). The account must
    be connected: the platform is asked where it reports its allowance."""
    reported = await _platform_reported(session, settings, account)
    if reported is not None:
        return reported
    counted = registry.plugin(account.platform).counted_quota(settings, mode)
    if counted is None:
        return Allowance(account.platform, "unlimited", None, None, None, None)
    now = utcnow()
    if counted.window == "rolling_day":
        used, oldest = await repository.usage_since(session, account.id, now - DAY)
        resets_at = oldest + DAY if oldest else None
        return Allowance(account.platform, "counted", used, counted.limit, "rolling_day", resets_at)
    used, _ = await repository.usage_since(session, account.id, pacific_midnight_today(now))
    return Allowance(
        account.platform, "counted", used, counted.limit, "pacific_day", next_pacific_midnight(now)
    )
