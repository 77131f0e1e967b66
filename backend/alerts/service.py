"""Evaluating a snapshot into alerts (open, update, resolve), and what members do with them.

Services never commit: the collector's task owns the evaluation's transaction, the request the
others'. Alert events (``alert.opened``, ``alert.updated``, ``alert.resolved``) and notices
leave once that transaction commits.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import structlog
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from backend import events, ledger
from backend.alerts import notify, repository, rules
from backend.alerts.repository import INSTANCE
from backend.alerts.schemas import AlertFilter, AlertOut
from backend.config import Settings
from backend.errors import Conflict, NotFound
from backend.iam.context import WorkspaceContext
from backend.models import Alert
from backend.pagination import Slice, Window
from backend.telemetry.schemas import Snapshot
from core.clock import utcnow

log = structlog.get_logger(__name__)


class AlertNotFound(NotFound):
    code = "alert_not_found"
    default_message = "No such alert in this workspace."


class AlertResolved(Conflict):
    code = "alert_resolved"
    default_message = "This alert is resolved; only open alerts are acknowledged or silenced."


@dataclass
class Evaluation:
    opened: list[Alert] = field(default_factory=list)
    updated: list[Alert] = field(default_factory=list)
    resolved: list[Alert] = field(default_factory=list)


def scope_of(snapshot: Snapshot) -> str:
    if snapshot.scope == "instance" or snapshot.workspace_id is None:
        return INSTANCE
    return str(snapshot.workspace_id)


async def evaluate(
    session: AsyncSession,
    snapshot: Snapshot,
    settings: Settings,
    *,
    history: Sequence[Snapshot] | None = None,
) -> Evaluation:
    """Apply the rules to ``snapshot``: open an alert for each new condition, update the open
    one of a condition seen again, resolve the scope's open alerts whose condition cleared.

    ``history``: the same scope's earlier snapshots, oldest first. Left out, the instance's are
    read from ``telemetry_snapshots`` (those taken before ``snapshot``, so it does not matter
    whether the caller stored ``snapshot`` first). The caller commits; events and notices leave
    then."""
    scope = scope_of(snapshot)
    if history is None and scope == INSTANCE:
        history = await repository.earlier_snapshots(
            session, None, snapshot.taken_at, settings.alert_backlog_intervals - 1
        )
    elif history is None:
        history = []  # no workspace rule looks back: spare the query every collection
    found = rules.conditions(snapshot, history, settings)
    still_open = {alert.key: alert for alert in await repository.open_in_scope(session, scope)}
    audience = await _audience(session, snapshot)
    outcome = Evaluation()
    now = utcnow()
    for condition in found:
        alert = still_open.pop(condition.key, None)
        if alert is None:
            alert = await _open(session, settings, snapshot, scope, condition, now, audience)
            if alert is not None:
                outcome.opened.append(alert)
                continue
            alert = await repository.open_by_key(session, scope, condition.key)
            if alert is None:  # opened and resolved by another collector meanwhile
                continue
        _refresh(session, alert, condition, now, audience)
        outcome.updated.append(alert)
    for alert in still_open.values():
        await _resolve(session, settings, alert, now, audience)
        outcome.resolved.append(alert)
    await session.flush()
    if outcome.opened or outcome.resolved:
        log.info(
            "alerts.evaluated",
            scope=scope,
            opened=len(outcome.opened),
            updated=len(outcome.updated),
            resolved=len(outcome.resolved),
        )
    return outcome


async def _audience(session: AsyncSession, snapshot: Snapshot) -> list[uuid.UUID]:
    # An event of no workspace reaches nobody: an instance alert is told to every workspace,
    # whose members all see it (the workers and queues serve them all).
    if snapshot.scope == "workspace" and snapshot.workspace_id is not None:
        return [snapshot.workspace_id]
    return await repository.workspace_ids(session)


def _announce(
    session: AsyncSession, alert: Alert, type: str, audience: Sequence[uuid.UUID]
) -> None:
    data = {
        "rule": alert.rule,
        "key": alert.key,
        "severity": alert.severity,
        "state": alert.state,
        "title": alert.title,
        "scope": "instance" if alert.workspace_id is None else "workspace",
        "count": alert.count,
    }
    for workspace_id in audience:
        events.record(session, workspace_id, type, subject_id=alert.id, data=data)


async def _open(
    session: AsyncSession,
    settings: Settings,
    snapshot: Snapshot,
    scope: str,
    condition: rules.Condition,
    now: datetime,
    audience: Sequence[uuid.UUID],
) -> Alert | None:
    """The new alert, or None when another collector opened it first (the unique index on open
    alerts refuses a second; the savepoint keeps the rest of this evaluation)."""
    alert = Alert(
        id=uuid.uuid4(),
        scope=scope,
        workspace_id=None if scope == INSTANCE else snapshot.workspace_id,
        rule=condition.rule,
        key=condition.key,
        severity=condition.severity,
        state="open",
        title=condition.title,
        message=condition.message,
        details=condition.details,
        first_seen_at=now,
        last_seen_at=now,
        count=1,
        silenced_until=await repository.silenced_until(session, scope, condition.key, now),
    )
    try:
        async with session.begin_nested():
            session.add(alert)
            await session.flush()
    except IntegrityError:
        log.info("alerts.opened_elsewhere", scope=scope, key=condition.key)
        return None
    await ledger.record(
        session, "alert.opened", workspace_id=alert.workspace_id, payload=_ledger_payload(alert)
    )
    _announce(session, alert, "alert.opened", audience)
    await notify.request(session, settings, alert, "alert.opened")
    log.warning("alerts.opened", scope=scope, key=alert.key, severity=alert.severity)
    return alert


def _refresh(
    session: AsyncSession,
    alert: Alert,
    condition: rules.Condition,
    now: datetime,
    audience: Sequence[uuid.UUID],
) -> None:
    changed = (alert.severity, alert.title, alert.message) != (
        condition.severity,
        condition.title,
        condition.message,
    )
    alert.last_seen_at, alert.count = now, alert.count + 1
    alert.severity, alert.title, alert.message = (
        condition.severity,
        condition.title,
        condition.message,
    )
    alert.details = condition.details
    # Only what a reader would notice: the count alone moves at every collection.
    if changed:
        _announce(session, alert, "alert.updated", audience)


async def _resolve(
    session: AsyncSession,
    settings: Settings,
    alert: Alert,
    now: datetime,
    audience: Sequence[uuid.UUID],
) -> None:
    alert.state, alert.resolved_at = "resolved", now
    await session.flush()
    await ledger.record(
        session, "alert.resolved", workspace_id=alert.workspace_id, payload=_ledger_payload(alert)
    )
    _announce(session, alert, "alert.resolved", audience)
    await notify.request(session, settings, alert, "alert.resolved")
    log.info("alerts.resolved", scope=alert.scope, key=alert.key)


def _ledger_payload(alert: Alert) -> dict[str, str | int]:
    return {
        "alert_id": str(alert.id),
        "rule": alert.rule,
        "key": alert.key,
        "severity": alert.severity,
        "scope": "instance" if alert.workspace_id is None else "workspace",
        "count": alert.count,
    }


async def list_visible(
    session: AsyncSession, ctx: WorkspaceContext, found: AlertFilter, window: Window
) -> tuple[list[AlertOut], Slice[Alert]]:
    now = utcnow()
    page = await repository.page(session, ctx.workspace_id, found, now, window)
    return await _shown(session, ctx, page.rows, now), page


async def get(session: AsyncSession, ctx: WorkspaceContext, alert_id: uuid.UUID) -> AlertOut:
    alert = await repository.get_visible(session, ctx.workspace_id, alert_id)
    if alert is None:
        raise AlertNotFound()
    [shown] = await _shown(session, ctx, [alert], utcnow())
    return shown


async def _shown(
    session: AsyncSession, ctx: WorkspaceContext, alerts: Sequence[Alert], now: datetime
) -> list[AlertOut]:
    # An instance alert may be acknowledged from another workspace: its member's id is theirs.
    acknowledgers = [a.acknowledged_by_id for a in alerts if a.acknowledged_by_id is not None]
    known = await repository.members_among(session, ctx.workspace_id, acknowledgers)
    return [
        AlertOut(
            id=alert.id,
            scope="instance" if alert.workspace_id is None else "workspace",
            workspace_id=alert.workspace_id,
            rule=alert.rule,
            key=alert.key,
            severity=alert.severity,
            state=alert.state,
            title=alert.title,
            message=alert.message,
            details=alert.details,
            first_seen_at=alert.first_seen_at,
            last_seen_at=alert.last_seen_at,
            count=alert.count,
            resolved_at=alert.resolved_at,
            acknowledged_at=alert.acknowledged_at,
            acknowledged_by_id=alert.acknowledged_by_id
            if alert.acknowledged_by_id in known
            else None,
            silenced_until=alert.silenced_until,
            silenced=notify.is_silenced(alert, now),
        )
        for alert in alerts
    ]


async def _open_for_change(
    session: AsyncSession, ctx: WorkspaceContext, alert_id: uuid.UUID
) -> Alert:
    alert = await repository.get_visible(session, ctx.workspace_id, alert_id, lock=True)
    if alert is None:
        raise AlertNotFound()
    if alert.state != "open":
        raise AlertResolved()
    return alert


async def _changed_by_member(
    session: AsyncSession, ctx: WorkspaceContext, alert: Alert, type: str, **said: str | None
) -> AlertOut:
    await session.flush()
    # In the acting member's chain: an instance alert belongs to no workspace, its handling does.
    await ledger.record(
        session,
        type,
        workspace_id=ctx.workspace_id,
        actor_id=ctx.user_id,
        payload={"alert_id": str(alert.id), "rule": alert.rule, "key": alert.key, **said},
    )
    audience = (
        [ctx.workspace_id]
        if alert.workspace_id is not None
        else await repository.workspace_ids(session)
    )
    _announce(session, alert, "alert.updated", audience)
    log.info("alerts.changed_by_member", change=type, alert_id=str(alert.id), **said)
    return await get(session, ctx, alert.id)


async def acknowledge(
    session: AsyncSession, ctx: WorkspaceContext, alert_id: uuid.UUID
) -> AlertOut:
    """Someone is on it: kept until the alert resolves (acknowledging again changes nothing)."""
    alert = await _open_for_change(session, ctx, alert_id)
    if alert.acknowledged_at is not None:
        return await get(session, ctx, alert.id)
    alert.acknowledged_at, alert.acknowledged_by_id = utcnow(), ctx.user_id
    return await _changed_by_member(session, ctx, alert, "alert.acknowledged")


async def silence(
    session: AsyncSession, ctx: WorkspaceContext, alert_id: uuid.UUID, minutes: int
) -> AlertOut:
    alert = await _open_for_change(session, ctx, alert_id)
    alert.silenced_until = utcnow() + timedelta(minutes=minutes)
    return await _changed_by_member(
        session, ctx, alert, "alert.silenced", until=alert.silenced_until.isoformat()
    )


async def unsilence(session: AsyncSession, ctx: WorkspaceContext, alert_id: uuid.UUID) -> AlertOut:
    alert = await _open_for_change(session, ctx, alert_id)
    alert.silenced_until = None
    return await _changed_by_member(session, ctx, alert, "alert.unsilenced")
