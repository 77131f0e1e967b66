"""SQL reading the other domains' tables for a snapshot. Each question is one query grouped by
workspace (``workspace`` None: the instance, every workspace at once), so a collection costs
the same dozen queries however many workspaces there are."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import case, func, select, true
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from backend.models import Asset, Clip, Job, PlatformAccount, Publication, WebhookDelivery

LEDGER_AUDIT = "ledger.audit"
Rows = Sequence[Sequence[Any]]


def _in(column: InstrumentedAttribute[Any], workspace: uuid.UUID | None) -> Any:
    return true() if workspace is None else column == workspace


async def _grouped(
    session: AsyncSession, workspace: uuid.UUID | None, *columns: Any, where: Any = None
) -> Rows:
    """(workspace_id, *columns, count) for each combination that has rows."""
    workspace_column = columns[0].class_.workspace_id
    statement = (
        select(workspace_column, *columns, func.count())
        .where(_in(workspace_column, workspace), true() if where is None else where)
        .group_by(workspace_column, *columns)
    )
    return (await session.execute(statement)).all()


async def job_counts(session: AsyncSession, workspace: uuid.UUID | None) -> Rows:
    return await _grouped(session, workspace, Job.type, Job.state)


async def asset_counts(session: AsyncSession, workspace: uuid.UUID | None) -> Rows:
    return await _grouped(session, workspace, Asset.state)


async def clip_counts(session: AsyncSession, workspace: uuid.UUID | None) -> Rows:
    # Versions replaced by an edit are the same clip: counted once, as its latest.
    return await _grouped(session, workspace, Clip.status, where=Clip.latest.is_(True))


async def publication_counts(session: AsyncSession, workspace: uuid.UUID | None) -> Rows:
    return await _grouped(session, workspace, Publication.platform, Publication.state)


# Running jobs listed in a snapshot, longest running first; how many run in all is in the counts.
# Running jobs are few, but a crash can leave thousands "running" until they are taken over.
RUNNING_LISTED = 100
# Per job type, the newest successful runs durations are taken from.
RUNS_SAMPLED = 500


async def running_jobs(session: AsyncSession, workspace: uuid.UUID | None) -> Rows:
    """Through the index on state: running jobs are few whatever the table's size."""
    statement = select(
        Job.workspace_id, Job.id, Job.type, Job.progress, Job.started_at, Job.asset_id, Job.clip_id
    ).where(Job.state == "running", _in(Job.workspace_id, workspace))
    return (await session.execute(statement.order_by(Job.started_at).limit(RUNNING_LISTED))).all()


async def job_owners(session: AsyncSession, job_ids: set[uuid.UUID]) -> dict[str, uuid.UUID]:
    """Which workspace each of these jobs belongs to (by primary key: a handful of rows)."""
    if not job_ids:
        return {}
    statement = select(Job.id, Job.workspace_id).where(Job.id.in_(job_ids))
    return {str(job_id): workspace for job_id, workspace in await session.execute(statement)}


async def verdicts(
    session: AsyncSession, workspace: uuid.UUID | None, since: datetime, recent_since: datetime
) -> Rows:
    """(workspace_id, state, recent, count) of jobs that succeeded or failed since ``since``;
    ``recent`` is 1 for those that ended since ``recent_since``. Cancelled jobs are left out: a
    person stopped them, the system did not fail them."""
    recent = case((Job.finished_at >= recent_since, 1), else_=0)
    statement = (
        select(Job.workspace_id, Job.state, recent, func.count())
        .where(
            Job.state.in_(("succeeded", "failed")),
            Job.finished_at >= since,
            _in(Job.workspace_id, workspace),
        )
        .group_by(Job.workspace_id, Job.state, recent)
    )
    return (await session.execute(statement)).all()


async def succeeded_runs(
    session: AsyncSession, workspace: uuid.UUID | None, since: datetime
) -> Rows:
    """(workspace_id, type, started_at, finished_at) of the newest ``RUNS_SAMPLED`` jobs of each
    type that succeeded since ``since``: percentiles are taken in Python, the same way on
    SQLite and PostgreSQL, and a busy day must not bring every row of it into Python."""
    newest = func.row_number().over(partition_by=Job.type, order_by=Job.finished_at.desc())
    ranked = (
        select(Job.workspace_id, Job.type, Job.started_at, Job.finished_at, newest.label("rank"))
        .where(
            Job.state == "succeeded",
            Job.finished_at >= since,
            Job.started_at.is_not(None),
            _in(Job.workspace_id, workspace),
        )
        .subquery()
    )
    statement = select(
        ranked.c.workspace_id, ranked.c.type, ranked.c.started_at, ranked.c.finished_at
    ).where(ranked.c.rank <= RUNS_SAMPLED)
    return (await session.execute(statement)).all()


async def latest_audits(session: AsyncSession, workspace: uuid.UUID | None) -> Rows:
    """(workspace_id, finished_at, result) of each workspace's newest finished ledger audit: the
    job's result is where a verification's answer is kept."""
    newest = (
        select(Job.workspace_id, func.max(Job.finished_at).label("finished_at"))
        .where(
            Job.type == LEDGER_AUDIT,
            Job.state == "succeeded",
            _in(Job.workspace_id, workspace),
        )
        .group_by(Job.workspace_id)
        .subquery()
    )
    statement = select(Job.workspace_id, Job.finished_at, Job.result).join(
        newest,
        (Job.workspace_id == newest.c.workspace_id) & (Job.finished_at == newest.c.finished_at),
    )
    return (await session.execute(statement.where(Job.type == LEDGER_AUDIT))).all()


async def accounts(session: AsyncSession, workspace: uuid.UUID | None) -> Rows:
    """Without their tokens: the collector never needs them."""
    statement = select(
        PlatformAccount.workspace_id,
        PlatformAccount.id,
        PlatformAccount.platform,
        PlatformAccount.username,
        PlatformAccount.status,
        PlatformAccount.access_expires_at,
    ).where(_in(PlatformAccount.workspace_id, workspace))
    return (await session.execute(statement.order_by(PlatformAccount.created_at))).all()


def _webhook_sums(since: datetime) -> tuple[Any, ...]:
    received = WebhookDelivery.received_at >= since
    return (
        func.sum(case((received, 1), else_=0)),
        func.sum(case((received & WebhookDelivery.state.in_(("failed", "dead")), 1), else_=0)),
        func.sum(case((WebhookDelivery.dead_at >= since, 1), else_=0)),
    )


def _webhook_window(since: datetime) -> Any:
    return (WebhookDelivery.received_at >= since) | (WebhookDelivery.dead_at >= since)


async def webhook_totals(session: AsyncSession, since: datetime) -> Sequence[Any]:
    """(received, failed, dead) since ``since``, every platform and account."""
    statement = select(*_webhook_sums(since)).where(_webhook_window(since))
    return (await session.execute(statement)).one()


async def webhooks_by_workspace(
    session: AsyncSession, workspace: uuid.UUID | None, since: datetime
) -> Rows:
    """(workspace_id, received, failed, dead): a delivery belongs to the workspaces that
    connected the account it is about."""
    statement = (
        select(PlatformAccount.workspace_id, *_webhook_sums(since))
        .join(
            PlatformAccount,
            (PlatformAccount.platform == WebhookDelivery.platform)
            & (PlatformAccount.remote_id == WebhookDelivery.remote_account_id),
        )
        .where(_webhook_window(since), _in(PlatformAccount.workspace_id, workspace))
        .group_by(PlatformAccount.workspace_id)
    )
    return (await session.execute(statement)).all()
