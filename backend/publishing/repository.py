from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from backend.models import CampaignPost, Publication, PublicationApproval, PublicationMetric, User
from backend.models.publication import IN_FLIGHT_STATES
from backend.pagination import Key, Slice, Window, keyset


async def add(session: AsyncSession, publication: Publication) -> Publication:
    session.add(publication)
    await session.flush()
    return publication


async def get(session: AsyncSession, publication_id: uuid.UUID) -> Publication | None:
    return await session.get(Publication, publication_id)


async def get_in_workspace(
    session: AsyncSession, workspace_id: uuid.UUID, publication_id: uuid.UUID
) -> Publication | None:
    publication = await session.get(Publication, publication_id)
    if publication is None or publication.workspace_id != workspace_id:
        return None
    return publication


async def list_in_workspace(
    session: AsyncSession,
    workspace_id: uuid.UUID,
    *,
    state: str | None,
    clip_id: uuid.UUID | None,
    window: Window,
    platform: str | None = None,
) -> Slice[Publication]:
    statement = select(Publication).where(Publication.workspace_id == workspace_id)
    if state is not None:
        statement = statement.where(Publication.state == state)
    if platform is not None:
        statement = statement.where(Publication.platform == platform)
    if clip_id is not None:
        statement = statement.where(Publication.clip_id == clip_id)
    keys = (Key(Publication.created_at), Key(Publication.id))
    return await keyset(session, statement, keys, window, count=True)


async def find_by_remote(
    session: AsyncSession,
    platform: str,
    *,
    remote_upload_id: str | None = None,
    remote_post_id: str | None = None,
) -> list[Publication]:
    conditions = []
    if remote_upload_id:
        conditions.append(Publication.remote_upload_id == remote_upload_id)
    if remote_post_id:
        conditions.append(Publication.remote_post_id == remote_post_id)
    if not conditions:
        return []
    # Locked: a worker claiming the same publication waits, then sees what the event changed.
    query = (
        select(Publication)
        .where(Publication.platform == platform, or_(*conditions))
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    return list(await session.scalars(query))


async def claim_due(session: AsyncSession, now: datetime, limit: int) -> list[Publication]:
    """Scheduled publications whose time has come, locked so that concurrent dispatchers skip
    them (``FOR UPDATE SKIP LOCKED`` on PostgreSQL; SQLite has one writer at a time anyway)."""
    query = (
        select(Publication)
        .where(
            Publication.state == "scheduled",
            or_(Publication.next_attempt_at.is_(None), Publication.next_attempt_at <= now),
        )
        .order_by(Publication.next_attempt_at)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    return list(await session.scalars(query))


async def claim_stale(
    session: AsyncSession, silent_since: datetime, now: datetime, limit: int
) -> list[Publication]:
    """In-flight publications whose worker went silent (died, or its message was lost), once
    their next send time (the outbox's backoff) has come."""
    query = (
        select(Publication)
        .where(
            Publication.state.in_(IN_FLIGHT_STATES),
            or_(Publication.resend_at.is_(None), Publication.resend_at <= now),
            or_(
                Publication.heartbeat_at < silent_since,
                # Released (waiting for a message that should have run by now).
                (Publication.heartbeat_at.is_(None))
                & (
                    Publication.next_attempt_at.is_(None)
                    | (Publication.next_attempt_at < silent_since)
                ),
            ),
        )
        .order_by(Publication.heartbeat_at)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    return list(await session.scalars(query))


def _counts_against_allowance(since: datetime) -> ColumnElement[bool]:
    published = (Publication.published_at.is_not(None)) & (Publication.published_at >= since)
    uploading = Publication.state.in_(IN_FLIGHT_STATES) & Publication.remote_upload_id.is_not(None)
    return published | uploading


async def usage_by_account(
    session: AsyncSession, account_ids: list[uuid.UUID], since: datetime
) -> dict[uuid.UUID, int]:
    """``usage_since`` for many accounts in one query; accounts with no usage are left out."""
    if not account_ids:
        return {}
    statement = (
        select(Publication.account_id, func.count())
        .where(Publication.account_id.in_(account_ids), _counts_against_allowance(since))
        .group_by(Publication.account_id)
    )
    return {account_id: int(count) for account_id, count in (await session.execute(statement))}


async def usage_since(
    session: AsyncSession,
    account_id: uuid.UUID,
    since: datetime,
    *,
    excluding: uuid.UUID | None = None,
) -> tuple[int, datetime | None]:
    """Posts that count against an account's allowance since ``since``: published ones and the
    ones on their way up (they will count once they land). Also the oldest publish time seen."""
    statement = select(func.count(), func.min(Publication.published_at)).where(
        Publication.account_id == account_id, _counts_against_allowance(since)
    )
    if excluding is not None:
        statement = statement.where(Publication.id != excluding)
    row = (await session.execute(statement)).one()
    return int(row[0] or 0), row[1]


async def add_metric(session: AsyncSession, metric: PublicationMetric) -> PublicationMetric:
    session.add(metric)
    await session.flush()
    return metric


async def metrics_for(
    session: AsyncSession, publication_id: uuid.UUID, window: Window
) -> Slice[PublicationMetric]:
    statement = select(PublicationMetric).where(PublicationMetric.publication_id == publication_id)
    keys = (
        Key(PublicationMetric.captured_at, descending=False),
        Key(PublicationMetric.id, descending=False),
    )
    return await keyset(session, statement, keys, window, count=True)


async def published_for_metrics(
    session: AsyncSession, published_after: datetime, limit: int
) -> list[Publication]:
    result = await session.scalars(
        select(Publication)
        .where(
            Publication.state == "published",
            Publication.remote_post_id.is_not(None),
            Publication.published_at >= published_after,
        )
        .order_by(Publication.published_at.desc())
        .limit(limit)
    )
    return list(result)


async def lock(session: AsyncSession, publication: Publication) -> None:
    """Hold the publication's row until the transaction ends, re-read as stored."""
    await session.refresh(publication, with_for_update=True)


async def approver_ids(session: AsyncSession, publication_id: uuid.UUID) -> set[uuid.UUID]:
    result = await session.scalars(
        select(PublicationApproval.user_id).where(
            PublicationApproval.publication_id == publication_id
        )
    )
    return set(result)


async def approvals_of(
    session: AsyncSession, publication_ids: list[uuid.UUID]
) -> list[tuple[uuid.UUID, uuid.UUID, str, datetime]]:
    """(publication, approver, approver's name or email, when) for each approval, oldest first."""
    if not publication_ids:
        return []
    rows = await session.execute(
        select(
            PublicationApproval.publication_id,
            PublicationApproval.user_id,
            User.name,
            User.email,
            PublicationApproval.created_at,
        )
        .join(User, User.id == PublicationApproval.user_id)
        .where(PublicationApproval.publication_id.in_(publication_ids))
        .order_by(PublicationApproval.created_at, PublicationApproval.id)
    )
    return [(pid, uid, name or email, at) for pid, uid, name, email, at in rows]


async def campaign_post_of(session: AsyncSession, publication_id: uuid.UUID) -> CampaignPost | None:
    result = await session.scalars(
        select(CampaignPost).where(CampaignPost.publication_id == publication_id).limit(1)
    )
    return result.first()


async def campaign_post_in_minute(
    session: AsyncSession, post: CampaignPost, minute: datetime
) -> CampaignPost | None:
    """Another post of the same campaign on the same account within ``minute``."""
    result = await session.scalars(
        select(CampaignPost)
        .where(
            CampaignPost.campaign_id == post.campaign_id,
            CampaignPost.account_id == post.account_id,
            CampaignPost.id != post.id,
            CampaignPost.slot_at >= minute,
            CampaignPost.slot_at < minute + timedelta(minutes=1),
        )
        .limit(1)
    )
    return result.first()
