"""Snapshots built by hand: a quiet instance or workspace, with whatever a test changes."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

from backend.telemetry.schemas import (
    AccountHealth,
    Disk,
    FailureRate,
    JobCounts,
    LedgerHealth,
    PublicationCounts,
    QueueDepth,
    RunningJob,
    Snapshot,
    WebhookHealth,
    WorkerStatus,
)
from core.clock import utcnow


def quiet(workspace_id: uuid.UUID | None = None, **changes: Any) -> Snapshot:
    """Nothing wrong: every rule stays silent on it."""
    now = utcnow()
    fields: dict[str, Any] = {
        "taken_at": now,
        "scope": "instance" if workspace_id is None else "workspace",
        "workspace_id": workspace_id,
        "interval_seconds": 10.0,
        "queues": [QueueDepth(name="media", depth=0, consumers=1)],
        "jobs": JobCounts(by_state={}, by_type={}),
        "running": [],
        "assets_by_state": {},
        "clips_by_status": {},
        "publications": PublicationCounts(by_state={}, by_platform={}),
        "failure_rates": [
            FailureRate(window_minutes=5, finished=10, failed=0, rate=0.0),
            FailureRate(window_minutes=60, finished=50, failed=1, rate=0.02),
        ],
        "durations": [],
        "workers": [worker("media@host")],
        "accounts": [],
        "disk": Disk(
            path="/var/media", total_bytes=100 * 2**30, free_bytes=50 * 2**30, free_ratio=0.5
        ),
        "webhooks": WebhookHealth(failed_60m=0, dead=0, received_60m=3),
        "ledger": LedgerHealth(verified=True, checked_at=now),
        "metrics": {},
    }
    fields.update(changes)
    return Snapshot(**fields)


def worker(name: str, state: str = "alive") -> WorkerStatus:
    now = utcnow()
    return WorkerStatus(
        name=name,
        hostname="host",
        pid=4242,
        queues=["media"],
        concurrency=2,
        state=state,  # type: ignore[arg-type]
        started_at=now - timedelta(hours=1),
        seen_at=now - timedelta(minutes=2),
        processed=12,
        active=[],
    )


def running(job_id: uuid.UUID, running_seconds: float, expected: float | None) -> RunningJob:
    return RunningJob(
        id=job_id,
        type="media.process",
        progress=40,
        started_at=utcnow() - timedelta(seconds=running_seconds),
        running_seconds=running_seconds,
        expected_seconds=expected,
    )


def account(account_id: uuid.UUID, **changes: Any) -> AccountHealth:
    fields: dict[str, Any] = {
        "id": account_id,
        "platform": "tiktok",
        "username": "brand",
        "status": "connected",
        "token_expires_at": None,
        "token_expires_in_days": 30.0,
        "quota_used": 1,
        "quota_limit": 15,
    }
    fields.update(changes)
    return AccountHealth(**fields)


def queues(*depths: int, consumers: int = 1) -> list[Snapshot]:
    """Instance snapshots ten seconds apart whose media queue has these depths."""
    start = utcnow() - timedelta(seconds=10 * len(depths))
    return [
        quiet(
            taken_at=start + timedelta(seconds=10 * i),
            queues=[QueueDepth(name="media", depth=depth, consumers=consumers)],
        )
        for i, depth in enumerate(depths)
    ]
