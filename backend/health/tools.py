"""The read-only tools a model may call while it reasons, within ``ai_max_tool_calls``.

Each reads one thing of the run's workspace and answers plain JSON, redacted like the evidence.
None writes, and none can reach another workspace: the workspace comes from the run, never from
the model's arguments.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from backend.health import repository
from backend.health.redaction import redact
from core.clock import utcnow

MAX_ROWS = 20
MAX_POINTS = 60


@dataclass(frozen=True)
class ToolSpec:
    name: str
    description: str
    parameters: dict[str, Any]  # JSON schema of the arguments


class ToolRefused(ValueError):
    """Bad arguments: the reason is the tool's answer, so the model can correct itself."""


TOOLS: tuple[ToolSpec, ...] = (
    ToolSpec(
        "recent_failures",
        "Failed jobs of one type in the workspace over the last hours, newest first, with their "
        "errors.",
        {
            "type": "object",
            "properties": {
                "job_type": {"type": "string", "description": "e.g. media.process, render"},
                "hours": {"type": "integer", "minimum": 1, "maximum": 72},
            },
            "required": ["job_type"],
        },
    ),
    ToolSpec(
        "account_state",
        "One connected platform account: status, token expiry, last error.",
        {
            "type": "object",
            "properties": {"account_id": {"type": "string", "description": "the account's UUID"}},
            "required": ["account_id"],
        },
    ),
    ToolSpec(
        "metric_series",
        "The values of one snapshot metric over the latest snapshots, oldest first "
        "(e.g. queue.media.depth, jobs.failure_rate.5m, workers.alive).",
        {
            "type": "object",
            "properties": {
                "metric": {"type": "string"},
                "points": {"type": "integer", "minimum": 2, "maximum": MAX_POINTS},
            },
            "required": ["metric"],
        },
    ),
    ToolSpec(
        "open_alerts",
        "The alerts open now for this workspace and the instance.",
        {"type": "object", "properties": {}},
    ),
)
NAMES = frozenset(tool.name for tool in TOOLS)


def _int(arguments: dict[str, Any], name: str, default: int, low: int, high: int) -> int:
    value = arguments.get(name, default)
    if not isinstance(value, int) or isinstance(value, bool):
        raise ToolRefused(f"{name} must be an integer")
    return max(low, min(high, value))


def _text(arguments: dict[str, Any], name: str) -> str:
    value = arguments.get(name)
    if not isinstance(value, str) or not value.strip() or len(value) > 200:
        raise ToolRefused(f"{name} is required (a short string)")
    return value.strip()


def _redacted(answer: dict[str, Any]) -> dict[str, Any]:
    cleaned: dict[str, Any] = redact(answer)
    return cleaned


async def call(
    session: AsyncSession, workspace_id: uuid.UUID, name: str, arguments: dict[str, Any]
) -> dict[str, Any]:
    if name not in NAMES:
        raise ToolRefused(f"no tool named {name!r}; the tools are {sorted(NAMES)}")
    if name == "recent_failures":
        return await _recent_failures(session, workspace_id, arguments)
    if name == "account_state":
        return await _account_state(session, workspace_id, arguments)
    if name == "metric_series":
        return await _metric_series(session, workspace_id, arguments)
    return await _open_alerts(session, workspace_id)


async def _recent_failures(
    session: AsyncSession, workspace_id: uuid.UUID, arguments: dict[str, Any]
) -> dict[str, Any]:
    job_type = _text(arguments, "job_type")
    hours = _int(arguments, "hours", 6, 1, 72)
    since = utcnow() - timedelta(hours=hours)
    jobs = await repository.failed_jobs(session, workspace_id, since, MAX_ROWS, job_type)
    return _redacted(
        {
            "job_type": job_type,
            "hours": hours,
            "failures": [
                {
                    "id": str(job.id),
                    "error": job.error,
                    "attempts": job.attempts,
                    "finished_at": job.finished_at.isoformat() if job.finished_at else None,
                }
                for job in jobs
            ],
        }
    )


async def _account_state(
    session: AsyncSession, workspace_id: uuid.UUID, arguments: dict[str, Any]
) -> dict[str, Any]:
    try:
        account_id = uuid.UUID(_text(arguments, "account_id"))
    except ValueError as error:
        raise ToolRefused("account_id must be a UUID") from error
    account = await repository.account_in_workspace(session, workspace_id, account_id)
    if account is None:
        raise ToolRefused("no such account in this workspace")
    expires = account.access_expires_at
    return _redacted(
        {
            "id": str(account.id),
            "platform": account.platform,
            "username": account.username,
            "status": account.status,
            "access_expires_at": expires.isoformat() if expires else None,
            "refresh_expires_at": account.refresh_expires_at.isoformat()
            if account.refresh_expires_at
            else None,
            "last_error": account.last_error,
            "scopes": account.scopes,
        }
    )


async def _metric_series(
    session: AsyncSession, workspace_id: uuid.UUID, arguments: dict[str, Any]
) -> dict[str, Any]:
    metric = _text(arguments, "metric")
    points = _int(arguments, "points", 20, 2, MAX_POINTS)
    rows = await repository.snapshots(session, workspace_id, points) or await repository.snapshots(
        session, None, points
    )
    series = [
        {"at": row.taken_at.isoformat(), "value": row.metrics.get(metric)} for row in reversed(rows)
    ]
    known = sorted({key for row in rows for key in row.metrics})[:80]
    return {"metric": metric, "series": series, "known_metrics": known}


async def _open_alerts(session: AsyncSession, workspace_id: uuid.UUID) -> dict[str, Any]:
    alerts = await repository.open_alerts(session, workspace_id, MAX_ROWS)
    return _redacted(
        {
            "alerts": [
                {
                    "rule": a.rule,
                    "key": a.key,
                    "severity": a.severity,
                    "title": a.title,
                    "message": a.message,
                    "first_seen_at": a.first_seen_at.isoformat(),
                    "count": a.count,
                }
                for a in alerts
            ]
        }
    )
