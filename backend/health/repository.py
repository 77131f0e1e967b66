"""The health worker's queries: its runs, and the read-only evidence it gathers."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import ColumnElement, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from backend.health.schemas import RunFilters
from backend.models import (
    AIHealthRun,
    Alert,
    Job,
    PlatformAccount,
    Publication,
    TelemetrySnapshot,
    WebhookDelivery,
    Workspace,
)
from backend.pagination import Key, Slice, Window, keyset
from backend.telemetry import repository as telemetry


async def add_run(session: AsyncSession, run: AIHealthRun) -> AIHealthRun:
    session.add(run)
    await session.flush()
    return run


async def get_run(
    session: AsyncSession, run_id: uuid.UUID, *, for_update: bool = False
) -> AIHealthRun | None:
    statement = select(AIHealthRun).where(AIHealthRun.id == run_id)
    if for_update:
        statement = statement.with_for_update()
    result = await session.execute(statement.execution_options(populate_existing=True))
    return result.scalar_one_or_none()


async def get_run_in_workspace(
    session: AsyncSession, workspace_id: uuid.UUID, run_id: uuid.UUID
) -> AIHealthRun | None:
    result = await session.execute(
        select(AIHealthRun).where(
            AIHealthRun.id == run_id, AIHealthRun.workspace_id == workspace_id
        )
    )
    return result.scalar_one_or_none()


async def list_runs(
    session: AsyncSession, workspace_id: uuid.UUID, filters: RunFilters, window: Window
) -> Slice[AIHealthRun]:
    conditions: list[ColumnElement[bool]] = [AIHealthRun.workspace_id == workspace_id]
    if filters.min_score is not None:
        conditions.append(AIHealthRun.score >= filters.min_score)
    if filters.max_score is not None:
        conditions.append(AIHealthRun.score <= filters.max_score)
    if filters.outcome is not None:
        conditions.append(AIHealthRun.outcome == filters.outcome)
    if filters.created_after is not None:
        conditions.append(AIHealthRun.created_at >= filters.created_after)
    if filters.created_before is not None:
        conditions.append(AIHealthRun.created_at < filters.created_before)
    if filters.critical_only:
        conditions.append(AIHealthRun.critical.is_(True))
    keys = (Key(AIHealthRun.created_at), Key(AIHealthRun.id))
    return await keyset(session, select(AIHealthRun).where(*conditions), keys, window, count=True)


async def unfinished_run(session: AsyncSession, workspace_id: uuid.UUID) -> AIHealthRun | None:
    result = await session.scalars(
        select(AIHealthRun)
        .where(
            AIHealthRun.workspace_id == workspace_id,
            AIHealthRun.state.in_(("queued", "running")),
        )
        .limit(1)
    )
    return result.first()


async def due_for_resend(
    session: AsyncSession, now: datetime, limit: int = 200
) -> Sequence[AIHealthRun]:
    """Runs not finished whose next send time has come (message lost, or worker gone)."""
    result = await session.scalars(
        select(AIHealthRun)
        .where(
            AIHealthRun.state.in_(("queued", "running")),
            AIHealthRun.dead_at.is_(None),
            AIHealthRun.resend_at <= now,
        )
        .order_by(AIHealthRun.resend_at)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    return result.all()


async def spent_since(session: AsyncSession, since: datetime) -> float:
    """What runs of the whole instance spent on models since ``since`` (the day's cap is the
    instance's money, not one workspace's)."""
    total = await session.scalar(
        select(func.coalesce(func.sum(AIHealthRun.cost_usd), 0.0)).where(
            AIHealthRun.finished_at >= since
        )
    )
    return float(total or 0.0)


async def workspace_ids(session: AsyncSession) -> list[uuid.UUID]:
    return list(await session.scalars(select(Workspace.id).order_by(Workspace.created_at)))


# Evidence.
async def snapshots(
    session: AsyncSession, workspace_id: uuid.UUID | None, limit: int
) -> list[TelemetrySnapshot]:
    """The newest ``limit`` snapshots of a scope (``None``: the instance), newest first."""
    return await telemetry.recent_snapshots(session, workspace_id, limit)


async def open_alerts(session: AsyncSession, workspace_id: uuid.UUID, limit: int) -> list[Alert]:
    result = await session.scalars(
        select(Alert)
        .where(
            Alert.state == "open",
            or_(Alert.workspace_id == workspace_id, Alert.workspace_id.is_(None)),
        )
        .order_by(Alert.last_seen_at.desc())
        .limit(limit)
    )
    return list(result)


async def failed_jobs(
    session: AsyncSession,
    workspace_id: uuid.UUID,
    since: datetime,
    limit: int,
    job_type: str | None = None,
) -> list[Job]:
    statement = select(Job).where(
        Job.workspace_id == workspace_id,
        Job.state == "failed",
        Job.updated_at >= since,
    )
    if job_type is not None:
        statement = statement.where(Job.type == job_type)
    result = await session.scalars(statement.order_by(Job.updated_at.desc()).limit(limit))
    return list(result)


async def failed_publications(
    session: AsyncSession, workspace_id: uuid.UUID, since: datetime, limit: int
) -> list[Publication]:
    result = await session.scalars(
        select(Publication)
        .where(
            Publication.workspace_id == workspace_id,
            Publication.updated_at >= since,
            or_(Publication.state == "failed", Publication.error.is_not(None)),
        )
        .order_by(Publication.updated_at.desc())
        .limit(limit)
    )
    return list(result)


async def failed_deliveries(
    session: AsyncSession, workspace_id: uuid.UUID, since: datetime, limit: int
) -> list[WebhookDelivery]:
    """Platform callbacks for this workspace's accounts that failed to apply or died."""
    result = await session.scalars(
        select(WebhookDelivery)
        .join(
            PlatformAccount,
            (PlatformAccount.platform == WebhookDelivery.platform)
            & (PlatformAccount.remote_id == WebhookDelivery.remote_account_id),
        )
        .where(
            PlatformAccount.workspace_id == workspace_id,
            WebhookDelivery.received_at >= since,
            WebhookDelivery.error.is_not(None),
        )
        .order_by(WebhookDelivery.received_at.desc())
        .limit(limit)
    )
    return list(result)


async def dead_jobs(
    session: AsyncSession, workspace_id: uuid.UUID, since: datetime, limit: int
) -> list[Job]:
    result = await session.scalars(
        select(Job)
        .where(Job.workspace_id == workspace_id, Job.dead_at >= since)
        .order_by(Job.dead_at.desc())
        .limit(limit)
    )
    return list(result)


async def accounts_with_errors(
    session: AsyncSession, workspace_id: uuid.UUID, limit: int
) -> list[PlatformAccount]:
    result = await session.scalars(
        select(PlatformAccount)
        .where(
            PlatformAccount.workspace_id == workspace_id, PlatformAccount.last_error.is_not(None)
        )
        .order_by(PlatformAccount.updated_at.desc())
        .limit(limit)
    )
    return list(result)


async def account_in_workspace(
    session: AsyncSession, workspace_id: uuid.UUID, account_id: uuid.UUID
) -> PlatformAccount | None:
    result = await session.execute(
        select(PlatformAccount).where(
            PlatformAccount.id == account_id, PlatformAccount.workspace_id == workspace_id
        )
    )
    return result.scalar_one_or_none()
