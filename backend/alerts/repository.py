"""The alerts' SQL: open alerts of a scope, the earlier snapshots of a scope, listings."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime

import structlog
from pydantic import ValidationError
from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from backend.alerts.schemas import AlertFilter
from backend.models import Alert, AlertNotification, Membership, Workspace
from backend.pagination import Key, Slice, Window, keyset
from backend.telemetry import repository as telemetry
from backend.telemetry.schemas import Snapshot

log = structlog.get_logger(__name__)

INSTANCE = "instance"


def visible_in(workspace_id: uuid.UUID) -> ColumnElement[bool]:
    """A workspace's own alerts and the instance's (its work runs on the same machines)."""
    return or_(Alert.workspace_id == workspace_id, Alert.scope == INSTANCE)


async def open_in_scope(session: AsyncSession, scope: str) -> list[Alert]:
    # Locked: a second collector evaluating the same scope waits, so counts add up.
    result = await session.scalars(
        select(Alert)
        .where(Alert.scope == scope, Alert.state == "open")
        .order_by(Alert.key)
        .with_for_update()
    )
    return list(result)


async def open_by_key(session: AsyncSession, scope: str, key: str) -> Alert | None:
    result = await session.scalars(
        select(Alert)
        .where(Alert.scope == scope, Alert.key == key, Alert.state == "open")
        .with_for_update()
    )
    return result.first()


async def silenced_until(
    session: AsyncSession, scope: str, key: str, now: datetime
) -> datetime | None:
    """A silence still running on the same condition's last alert (a condition that clears and
    comes back stays silenced, or silencing a flapping condition would never hold)."""
    return await session.scalar(
        select(Alert.silenced_until)
        .where(Alert.scope == scope, Alert.key == key, Alert.silenced_until > now)
        .order_by(Alert.silenced_until.desc())
        .limit(1)
    )


async def earlier_snapshots(
    session: AsyncSession, workspace_id: uuid.UUID | None, before: datetime, limit: int
) -> list[Snapshot]:
    """The scope's ``limit`` snapshots taken just before ``before``, oldest first."""
    if limit <= 0:
        return []
    rows = await telemetry.recent_snapshots(session, workspace_id, limit, before=before)
    found = []
    for row in rows:
        try:
            found.append(Snapshot.model_validate(row.data))
        except ValidationError as error:  # an older shape; the series just starts later
            log.warning("alerts.snapshot_unreadable", error_count=error.error_count())
            break
    return found[::-1]


async def workspace_ids(session: AsyncSession) -> list[uuid.UUID]:
    return list(await session.scalars(select(Workspace.id).order_by(Workspace.id)))


async def members_among(
    session: AsyncSession, workspace_id: uuid.UUID, user_ids: Sequence[uuid.UUID]
) -> set[uuid.UUID]:
    if not user_ids:
        return set()
    rows = await session.scalars(
        select(Membership.user_id).where(
            Membership.workspace_id == workspace_id, Membership.user_id.in_(user_ids)
        )
    )
    return set(rows)


def _filtered(
    workspace_id: uuid.UUID, found: AlertFilter, now: datetime
) -> list[ColumnElement[bool]]:
    clauses = [visible_in(workspace_id)]
    if found.state is not None:
        clauses.append(Alert.state == found.state)
    if found.severity is not None:
        clauses.append(Alert.severity == found.severity)
    if found.rule is not None:
        clauses.append(Alert.rule == found.rule)
    if found.since is not None:
        clauses.append(Alert.last_seen_at >= found.since)
    if found.until is not None:
        clauses.append(Alert.first_seen_at <= found.until)
    if found.silenced is not None:
        silenced = Alert.silenced_until > now
        clauses.append(
            silenced if found.silenced else or_(Alert.silenced_until.is_(None), ~silenced)
        )
    if found.acknowledged is not None:
        acknowledged = Alert.acknowledged_at.is_not(None)
        clauses.append(acknowledged if found.acknowledged else Alert.acknowledged_at.is_(None))
    return clauses


async def page(
    session: AsyncSession,
    workspace_id: uuid.UUID,
    found: AlertFilter,
    now: datetime,
    window: Window,
) -> Slice[Alert]:
    statement = select(Alert).where(*_filtered(workspace_id, found, now))
    # Newest first by when the condition began: it never changes, so pages stay stable.
    keys = (Key(Alert.first_seen_at), Key(Alert.id))
    return await keyset(session, statement, keys, window, count=True)


async def get_visible(
    session: AsyncSession, workspace_id: uuid.UUID, alert_id: uuid.UUID, *, lock: bool = False
) -> Alert | None:
    statement = select(Alert).where(Alert.id == alert_id, visible_in(workspace_id))
    result = await session.scalars(statement.with_for_update() if lock else statement)
    return result.first()


async def notification_with_alert(
    session: AsyncSession, notification_id: uuid.UUID, *, lock: bool = False
) -> tuple[AlertNotification, Alert] | None:
    statement = (
        select(AlertNotification, Alert)
        .join(Alert, Alert.id == AlertNotification.alert_id)
        .where(AlertNotification.id == notification_id)
    )
    if lock:
        statement = statement.with_for_update(of=AlertNotification)
    row = (await session.execute(statement)).first()
    return None if row is None else (row[0], row[1])


async def notifications_due(
    session: AsyncSession, now: datetime, limit: int
) -> list[AlertNotification]:
    result = await session.scalars(
        select(AlertNotification)
        .where(
            AlertNotification.state.in_(("pending", "failed")),
            AlertNotification.dead_at.is_(None),
            AlertNotification.resend_at <= now,
        )
        .order_by(AlertNotification.resend_at)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    return list(result)
