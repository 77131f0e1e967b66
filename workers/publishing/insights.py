"""Per-post numbers from the platforms into ``publication_metrics``: the feedback that will train
the scoring weights.

One short transaction per reading, none open while a platform answers: a slow platform holds
up only its own posts, never another writer (see ``tokens.py``)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import timedelta

import structlog

from backend.accounts import service as account_service
from backend.config import Settings
from backend.models import PublicationMetric
from backend.platforms import registry
from backend.platforms.base import AuthError, Credentials, PlatformError, PostMetrics
from backend.publishing import repository
from core.clock import utcnow
from workers.publishing.tokens import Sessions, load_account, refresh_account

log = structlog.get_logger(__name__)

# Posts keep moving for weeks; after that a reading a day would add little.
TRACK_FOR = timedelta(days=30)
BATCH = 500


@dataclass(frozen=True)
class _Post:
    publication_id: uuid.UUID
    workspace_id: uuid.UUID
    account_id: uuid.UUID
    platform: str
    remote_post_id: str


class _Accounts:
    """Credentials per account for one collection round, refreshed once if refused."""

    def __init__(self, sessions: Sessions, settings: Settings) -> None:
        self.sessions, self.settings = sessions, settings
        self.known: dict[uuid.UUID, Credentials | None] = {}

    async def get(self, account_id: uuid.UUID) -> Credentials | None:
        if account_id not in self.known:
            self.known[account_id] = await self._load(account_id, refresh=False)
        return self.known[account_id]

    async def refreshed(self, account_id: uuid.UUID) -> Credentials | None:
        self.known[account_id] = await self._load(account_id, refresh=True)
        return self.known[account_id]

    async def _load(self, account_id: uuid.UUID, *, refresh: bool) -> Credentials | None:
        account = await load_account(self.sessions, account_id)
        if account is None or account.status != "connected":
            return None
        if refresh or account_service.needs_refresh(account):
            if not await refresh_account(self.sessions, self.settings, account_id):
                return None
            account = await load_account(self.sessions, account_id)
            if account is None:
                return None
        return account_service.stored_credentials(self.settings, account)


async def _read(post: _Post, settings: Settings, known: _Accounts) -> PostMetrics | None:
    creds = await known.get(post.account_id)
    if creds is None:
        return None
    publisher = registry.plugin(post.platform).publisher(settings)
    try:
        try:
            return await publisher.metrics(creds, post.remote_post_id)
        except AuthError:
            fresh = await known.refreshed(post.account_id)
            return None if fresh is None else await publisher.metrics(fresh, post.remote_post_id)
    except PlatformError as error:
        log.warning("insights.failed", platform=post.platform, reason=error.reason)
        return None


async def _due(sessions: Sessions) -> list[_Post]:
    async with sessions() as session:
        publications = await repository.published_for_metrics(session, utcnow() - TRACK_FOR, BATCH)
        await session.commit()
    return [
        _Post(p.id, p.workspace_id, p.account_id, p.platform, p.remote_post_id)
        for p in publications
        if p.remote_post_id is not None
    ]


async def _store(sessions: Sessions, post: _Post, numbers: PostMetrics) -> None:
    async with sessions() as session:
        await repository.add_metric(
            session,
            PublicationMetric(
                id=uuid.uuid4(),
                publication_id=post.publication_id,
                workspace_id=post.workspace_id,
                captured_at=utcnow(),
                views=numbers.views,
                likes=numbers.likes,
                comments=numbers.comments,
                shares=numbers.shares,
                watch_time_seconds=numbers.watch_time_seconds,
            ),
        )
        await session.commit()


async def collect(sessions: Sessions, settings: Settings) -> int:
    """One reading per published post; an account that fails is skipped until next time."""
    posts = await _due(sessions)
    known = _Accounts(sessions, settings)
    stored = 0
    for post in posts:
        try:
            numbers = await _read(post, settings, known)
            if numbers is not None:
                await _store(sessions, post, numbers)
                stored += 1
        except Exception:  # one post's bug must not cost every other post its reading
            log.exception("insights.crashed", publication_id=str(post.publication_id))
    log.info("insights.collected", readings=stored, posts=len(posts))
    return stored
