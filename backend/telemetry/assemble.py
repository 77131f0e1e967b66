"""Turning the collector's query rows into the parts of a snapshot. Rows carry their workspace
first; a workspace's part keeps its own rows, the instance's part keeps them all."""

from __future__ import annotations

import math
import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from backend.publishing.allowance import Allowance
from backend.telemetry.schemas import (
    AccountHealth,
    Durations,
    FailureRate,
    JobCounts,
    LedgerHealth,
    PublicationCounts,
    RunningJob,
    WebhookHealth,
)

FAILURE_WINDOWS_MINUTES = (5, 60)
DAY_SECONDS = 86400.0


def mine(rows: Iterable[Sequence[Any]], workspace: uuid.UUID | None) -> list[Sequence[Any]]:
    """The rows of ``workspace`` without their workspace column; every row for the instance."""
    return [row[1:] for row in rows if workspace is None or row[0] == workspace]


def by_key(rows: Iterable[Sequence[Any]]) -> dict[str, int]:
    totals: dict[str, int] = defaultdict(int)
    for key, count in rows:
        totals[str(key)] += int(count)
    return dict(sorted(totals.items()))


def nested(rows: Iterable[Sequence[Any]]) -> dict[str, dict[str, int]]:
    totals: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for outer, inner, count in rows:
        totals[str(outer)][str(inner)] += int(count)
    return {outer: dict(sorted(inner.items())) for outer, inner in sorted(totals.items())}


def job_counts(rows: Sequence[Sequence[Any]]) -> JobCounts:
    return JobCounts(
        by_state=by_key((state, count) for _, state, count in rows), by_type=nested(rows)
    )


def publication_counts(rows: Sequence[Sequence[Any]]) -> PublicationCounts:
    return PublicationCounts(
        by_state=by_key((state, count) for _, state, count in rows), by_platform=nested(rows)
    )


def percentile(ordered: Sequence[float], fraction: float) -> float:
    """Linear interpolation between the closest ranks (numpy's default)."""
    position = (len(ordered) - 1) * fraction
    low, high = math.floor(position), math.ceil(position)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def durations(rows: Iterable[Sequence[Any]]) -> list[Durations]:
    """Rows are (type, started_at, finished_at) of succeeded jobs."""
    seconds: dict[str, list[float]] = defaultdict(list)
    for kind, started_at, finished_at in rows:
        seconds[kind].append(max(0.0, (finished_at - started_at).total_seconds()))
    found = []
    for kind, values in sorted(seconds.items()):
        values.sort()
        found.append(
            Durations(
                type=kind,
                count=len(values),
                p50_seconds=percentile(values, 0.5),
                p95_seconds=percentile(values, 0.95),
            )
        )
    return found


def running(
    rows: Iterable[Sequence[Any]], expected: dict[str, float], now: datetime
) -> list[RunningJob]:
    return [
        RunningJob(
            id=job_id,
            type=kind,
            progress=progress,
            started_at=started_at,
            running_seconds=(now - started_at).total_seconds() if started_at else 0.0,
            expected_seconds=expected.get(kind),
            asset_id=asset_id,
            clip_id=clip_id,
        )
        for job_id, kind, progress, started_at, asset_id, clip_id in rows
    ]


def failure_rates(rows: Iterable[Sequence[Any]]) -> list[FailureRate]:
    """Rows are (state, recent, count) of jobs that ended in the last hour."""
    ended = list(rows)
    rates = []
    for minutes in FAILURE_WINDOWS_MINUTES:
        within = [(state, count) for state, recent, count in ended if minutes == 60 or recent]
        finished = sum(int(count) for _, count in within)
        failed = sum(int(count) for state, count in within if state == "failed")
        rate = failed / finished if finished else 0.0
        rates.append(
            FailureRate(window_minutes=minutes, finished=finished, failed=failed, rate=rate)
        )
    return rates


def accounts(
    rows: Iterable[Sequence[Any]], allowances: dict[uuid.UUID, Allowance], now: datetime
) -> list[AccountHealth]:
    found = []
    for account_id, platform, username, status, expires_at in rows:
        allowance = allowances.get(account_id)
        found.append(
            AccountHealth(
                id=account_id,
                platform=platform,
                username=username,
                status=status,
                token_expires_at=expires_at,
                token_expires_in_days=(expires_at - now).total_seconds() / DAY_SECONDS
                if expires_at
                else None,
                quota_used=allowance.used if allowance else None,
                quota_limit=allowance.limit if allowance else None,
                quota_left=allowance.remaining if allowance else None,
            )
        )
    return found


def webhooks(sums: Iterable[Sequence[Any]]) -> WebhookHealth:
    received = failed = dead = 0
    for r, f, d in sums:
        received, failed, dead = received + int(r or 0), failed + int(f or 0), dead + int(d or 0)
    return WebhookHealth(failed_60m=failed, dead=dead, received_60m=received)


def ledger(audits: Sequence[Sequence[Any]]) -> LedgerHealth:
    """Rows are (finished_at, result) of each workspace's latest audit. Several (the instance):
    broken if any is, checked when the oldest of them was."""
    if not audits:
        return LedgerHealth(verified=None)
    broken = [result for _, result in audits if not (result or {}).get("intact", False)]
    if len(audits) == 1:
        checked_at, result = audits[0]
        return LedgerHealth(
            verified=not broken, checked_at=checked_at, detail=(result or {}).get("problem")
        )
    return LedgerHealth(
        verified=not broken,
        checked_at=min(checked_at for checked_at, _ in audits),
        detail=f"{len(broken)} of {len(audits)} workspaces' audit trails are broken"
        if broken
        else None,
    )
