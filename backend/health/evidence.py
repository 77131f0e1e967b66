"""Gathering a workspace's evidence from what is stored, and fingerprinting it.

Stakazo keeps no log lines in its database (they go to stdout, for the host's collector). What it
stores of failures stands in for them: job and publication errors, webhook deliveries that failed
to apply, outbox rows given up (dead), and the last error of each platform account.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from datetime import datetime, timedelta

import structlog
from pydantic import ValidationError
from sqlalchemy.ext.asyncio import AsyncSession

from backend.health import repository
from backend.health.redaction import redact
from backend.health.schemas import AlertFact, Evidence, FailedJob, FailedPublication, LogLine
from backend.models import TelemetrySnapshot
from backend.telemetry.schemas import Snapshot

log = structlog.get_logger(__name__)

LOOKBACK = timedelta(hours=1)
HISTORY = 6  # snapshots before the latest, for trends
ROWS = 50  # of each kind


def _snapshot(row: TelemetrySnapshot) -> Snapshot | None:
    try:
        return Snapshot.model_validate(row.data)
    except ValidationError as error:
        log.warning("health.snapshot_unreadable", snapshot_id=str(row.id), error=str(error))
        return None


async def _snapshots(
    session: AsyncSession, workspace_id: uuid.UUID
) -> tuple[Snapshot | None, list[Snapshot]]:
    rows = await repository.snapshots(session, workspace_id, HISTORY + 1)
    if not rows:  # no workspace collection yet: the instance's holds the same machines
        rows = await repository.snapshots(session, None, HISTORY + 1)
    read = [snapshot for row in rows if (snapshot := _snapshot(row)) is not None]
    if not read:
        return None, []
    return read[0], list(reversed(read[1:]))


async def gather(session: AsyncSession, workspace_id: uuid.UUID, now: datetime) -> Evidence:
    """The workspace's evidence as stored, redacted (docs/ai-health.md, "Redaction")."""
    since = now - LOOKBACK
    latest, history = await _snapshots(session, workspace_id)
    alerts = [
        AlertFact(
            rule=a.rule,
            key=a.key,
            severity=a.severity,
            title=a.title,
            message=a.message,
            details=a.details,
            first_seen_at=a.first_seen_at,
            count=a.count,
        )
        for a in await repository.open_alerts(session, workspace_id, ROWS)
    ]
    jobs = [
        FailedJob(
            id=j.id,
            type=j.type,
            error=j.error,
            finished_at=j.finished_at,
            attempts=j.attempts,
            duration_seconds=(j.finished_at - j.started_at).total_seconds()
            if j.finished_at and j.started_at
            else None,
        )
        for j in await repository.failed_jobs(session, workspace_id, since, ROWS)
    ]
    publications = [
        FailedPublication(
            id=p.id,
            platform=p.platform,
            account_id=p.account_id,
            state=p.state,
            error=p.error,
            error_reason=p.error_reason,
            at=p.updated_at,
        )
        for p in await repository.failed_publications(session, workspace_id, since, ROWS)
    ]
    lines = [
        LogLine(source="webhook", message=f"{d.platform} {d.kind}: {d.error}", at=d.received_at)
        for d in await repository.failed_deliveries(session, workspace_id, since, ROWS)
    ]
    lines += [
        LogLine(source="outbox", message=f"{j.type} job {j.id}: {j.error}", at=j.dead_at)
        for j in await repository.dead_jobs(session, workspace_id, since, ROWS)
    ]
    lines += [
        LogLine(
            source="account",
            message=f"{a.platform} account {a.username} ({a.status}): {a.last_error}",
            at=a.updated_at,
            level="error" if a.status != "connected" else "warning",
        )
        for a in await repository.accounts_with_errors(session, workspace_id, ROWS)
    ]
    raw = Evidence(
        now=now,
        snapshot=latest,
        history=history,
        alerts=alerts,
        failed_jobs=jobs,
        failed_publications=publications,
        log_lines=lines,
    )
    return redacted(raw)


def redacted(evidence: Evidence) -> Evidence:
    return Evidence.model_validate(redact(evidence.model_dump(mode="json")))


def digest(evidence: Evidence) -> str:
    """sha256 of the redacted evidence, canonical JSON, without the time it was gathered: two
    runs on the same inputs match."""
    inputs = evidence.model_dump(mode="json", exclude={"now"})
    body = json.dumps(inputs, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(body.encode()).hexdigest()
