"""The rules: pure functions from a snapshot (and the ones before it) and the settings to the
conditions that hold now. No database, no clock: the same snapshots always give the same answer.

Each condition's ``key`` names it within its scope, so that seeing it again updates the alert
already open instead of opening another. Severities: ``critical`` when work has stopped or the
audit trail is in doubt (a worker gone, a queue nobody takes from, a broken ledger, a disk almost
full); ``warning`` when work is failing, stuck or about to stop; ``info`` when nothing is wrong
yet but someone should plan (a token that will expire).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any, Literal

from backend.config import Settings
from backend.telemetry.schemas import AccountHealth, Snapshot

Severity = Literal["critical", "warning", "info"]
Scope = Literal["instance", "workspace"]

FAILURE_WINDOW_MINUTES = 5
OVERDUE_FACTOR = 2.0
OVERDUE_MARGIN_SECONDS = 60.0


@dataclass(frozen=True)
class Condition:
    rule: str
    key: str
    severity: Severity
    title: str
    message: str
    details: dict[str, Any] = field(default_factory=dict)


Check = Callable[[Snapshot, Sequence[Snapshot], Settings], list[Condition]]


@dataclass(frozen=True)
class Rule:
    name: str
    scope: Scope  # which snapshots it reads: the instance's machines, or a workspace's work
    check: Check


def _duration(seconds: float) -> str:
    if seconds < 90:
        return f"{round(seconds)} s"
    minutes = round(seconds / 60)
    if minutes < 90:
        return f"{minutes} min"
    return f"{minutes // 60} h {minutes % 60:02d} min"


def _percent(ratio: float) -> str:
    return f"{ratio * 100:.0f}%"


def failure_rate(snapshot: Snapshot, _: Sequence[Snapshot], settings: Settings) -> list[Condition]:
    window = next(
        (r for r in snapshot.failure_rates if r.window_minutes == FAILURE_WINDOW_MINUTES), None
    )
    if window is None or window.finished < settings.alert_failure_min_jobs:
        return []
    if window.rate < settings.alert_failure_rate:
        return []
    return [
        Condition(
            rule="failure_rate",
            key="failure_rate",
            severity="warning",
            title=f"{_percent(window.rate)} of jobs failed in the last {window.window_minutes} min",
            message=(
                f"{window.failed} of the {window.finished} jobs that finished in the last "
                f"{window.window_minutes} minutes failed (the alert threshold is "
                f"{_percent(settings.alert_failure_rate)}). Open GET /v1/jobs?state=failed to read "
                "their errors: one cause (a bad file, a platform refusing, a full disk) usually "
                "explains most of them."
            ),
            details=window.model_dump(),
        )
    ]


def backlog_growing(
    snapshot: Snapshot, history: Sequence[Snapshot], settings: Settings
) -> list[Condition]:
    needed = settings.alert_backlog_intervals
    series = [*history[-(needed - 1) :], snapshot]
    if len(series) < needed:
        return []
    found = []
    for queue in snapshot.queues:
        depths = [
            next((q.depth for q in taken.queues if q.name == queue.name), None) for taken in series
        ]
        known = [depth for depth in depths if depth is not None]
        if len(known) < needed or not all(a < b for a, b in pairwise(known)):
            continue
        found.append(
            Condition(
                rule="backlog_growing",
                key=f"backlog_growing:{queue.name}",
                severity="warning",
                title=f"The {queue.name} queue keeps growing ({queue.depth} waiting)",
                message=(
                    f"The {queue.name} queue grew at each of the last {needed} collections "
                    f"({' → '.join(map(str, known))} messages): work arrives faster than its "
                    f"{queue.consumers} worker(s) finish it. Start more workers for this queue, "
                    "or look for a task that has become slow."
                ),
                details={"queue": queue.name, "depths": known, "consumers": queue.consumers},
            )
        )
    return found


def overdue_after(expected_seconds: float) -> float:
    """Twice the usual duration, and never less than a minute over it (short jobs vary)."""
    return max(OVERDUE_FACTOR * expected_seconds, expected_seconds + OVERDUE_MARGIN_SECONDS)


def job_overdue(snapshot: Snapshot, _: Sequence[Snapshot], __: Settings) -> list[Condition]:
    found = []
    for job in snapshot.running:
        if job.expected_seconds is None or job.running_seconds <= overdue_after(
            job.expected_seconds
        ):
            continue
        found.append(
            Condition(
                rule="job_overdue",
                key=f"job_overdue:{job.id}",
                severity="warning",
                title=f"A {job.type} job has run for {_duration(job.running_seconds)}",
                message=(
                    f"Job {job.id} ({job.type}) has been running for "
                    f"{_duration(job.running_seconds)}, while jobs of this type usually take "
                    f"{_duration(job.expected_seconds)} at most. It may be stuck: check its "
                    f"worker's logs; if its progress ({job.progress}%) does not move, cancel it "
                    f"(POST /v1/jobs/{job.id}/cancel) and start it again."
                ),
                details={
                    "job_id": str(job.id),
                    "type": job.type,
                    "progress": job.progress,
                    "running_seconds": job.running_seconds,
                    "expected_seconds": job.expected_seconds,
                    "asset_id": None if job.asset_id is None else str(job.asset_id),
                    "clip_id": None if job.clip_id is None else str(job.clip_id),
                },
            )
        )
    return found


def worker_missing(snapshot: Snapshot, _: Sequence[Snapshot], __: Settings) -> list[Condition]:
    return [
        Condition(
            rule="worker_missing",
            key=f"worker_missing:{worker.name}",
            severity="critical",
            title=f"Worker {worker.name} stopped answering",
            message=(
                f"The worker {worker.name} (pid {worker.pid} on {worker.hostname}, queues "
                f"{', '.join(worker.queues) or 'none'}) has sent no heartbeat since "
                f"{worker.seen_at.isoformat()} and did not say it was stopping: it crashed, hangs "
                "or lost its network. Restart it; its unfinished jobs are handed to other workers "
                "once they are stale."
            ),
            details={
                "worker": worker.name,
                "hostname": worker.hostname,
                "pid": worker.pid,
                "queues": worker.queues,
                "seen_at": worker.seen_at.isoformat(),
            },
        )
        for worker in snapshot.workers
        if worker.state == "missing"
    ]


def queue_unconsumed(snapshot: Snapshot, _: Sequence[Snapshot], __: Settings) -> list[Condition]:
    return [
        Condition(
            rule="queue_unconsumed",
            key=f"queue_unconsumed:{queue.name}",
            severity="critical",
            title=f"Nobody takes work from the {queue.name} queue ({queue.depth} waiting)",
            message=(
                f"{queue.depth} messages wait in the {queue.name} queue and no live worker "
                f"consumes it, so this work will not run. Start a worker for it (stakazo worker "
                f"--queues {queue.name})."
            ),
            details={"queue": queue.name, "depth": queue.depth},
        )
        for queue in snapshot.queues
        if queue.depth > 0 and queue.consumers == 0
    ]


def _account_name(account: AccountHealth) -> str:
    return f"{account.platform} account {account.username or account.id}"


def _account_details(account: AccountHealth, **more: Any) -> dict[str, Any]:
    return {
        "account_id": str(account.id),
        "platform": account.platform,
        "username": account.username,
        **more,
    }


def account_needs_reauth(
    snapshot: Snapshot, _: Sequence[Snapshot], __: Settings
) -> list[Condition]:
    return [
        Condition(
            rule="account_needs_reauth",
            key=f"account_needs_reauth:{account.id}",
            severity="warning",
            title=f"The {_account_name(account)} must be reconnected",
            message=(
                f"The platform no longer accepts our tokens for the {_account_name(account)} "
                "(revoked or expired beyond refresh), so nothing can be published to it. "
                "Reconnect it from the accounts page, then retry its failed publications."
            ),
            details=_account_details(account),
        )
        for account in snapshot.accounts
        if account.status == "needs_reauth"
    ]


def token_expiring(
    snapshot: Snapshot, _: Sequence[Snapshot], settings: Settings
) -> list[Condition]:
    found = []
    for account in snapshot.accounts:
        days = account.token_expires_in_days
        # A broken or disconnected account has its own alert, or needs none.
        if account.status != "connected" or days is None or days > settings.alert_token_expiry_days:
            continue
        found.append(
            Condition(
                rule="token_expiring",
                key=f"token_expiring:{account.id}",
                severity="info",
                title=f"The token of the {_account_name(account)} expires in {days:.1f} days",
                message=(
                    f"The {_account_name(account)}'s token expires in {days:.1f} days. Stakazo "
                    "refreshes tokens by itself where the platform allows it; if this alert "
                    "stays, the platform does not, and the account must be reconnected before "
                    "then."
                ),
                details=_account_details(
                    account,
                    token_expires_in_days=days,
                    token_expires_at=None
                    if account.token_expires_at is None
                    else account.token_expires_at.isoformat(),
                ),
            )
        )
    return found


def quota_nearly_used(
    snapshot: Snapshot, _: Sequence[Snapshot], settings: Settings
) -> list[Condition]:
    found = []
    for account in snapshot.accounts:
        used, limit = account.quota_used, account.quota_limit
        if used is None or not limit or used / limit < settings.alert_quota_used_ratio:
            continue
        found.append(
            Condition(
                rule="quota_nearly_used",
                key=f"quota_nearly_used:{account.id}",
                severity="warning",
                title=(
                    f"The {_account_name(account)} has used {_percent(used / limit)} of its quota"
                ),
                message=(
                    f"The {_account_name(account)} has used {used} of its {limit} allowed "
                    "publications for the current period. Once it is used up the platform refuses "
                    "more until it resets: schedule what is left for later, or spread it over "
                    "other accounts."
                ),
                details=_account_details(account, quota_used=used, quota_limit=limit),
            )
        )
    return found


def ledger_broken(snapshot: Snapshot, _: Sequence[Snapshot], __: Settings) -> list[Condition]:
    if snapshot.ledger.verified is not False:
        return []
    return [
        Condition(
            rule="ledger_broken",
            key="ledger_broken",
            severity="critical",
            title="The audit ledger failed its verification",
            message=(
                "The last verification of the audit ledger found a chain that does not hold: "
                f"{snapshot.ledger.detail or 'no detail was given'}. Events may have been "
                "altered or removed. Do not delete anything; run `stakazo ledger verify` to see "
                "the first broken event and compare it with your backups."
            ),
            details={
                "detail": snapshot.ledger.detail,
                "checked_at": None
                if snapshot.ledger.checked_at is None
                else snapshot.ledger.checked_at.isoformat(),
            },
        )
    ]


def disk_low(snapshot: Snapshot, _: Sequence[Snapshot], settings: Settings) -> list[Condition]:
    disk = snapshot.disk
    if disk is None or disk.free_ratio >= settings.alert_disk_free_ratio:
        return []
    # Half the threshold left: renders and uploads are about to fail, not just soon.
    severe = disk.free_ratio < settings.alert_disk_free_ratio / 2
    return [
        Condition(
            rule="disk_low",
            key=f"disk_low:{disk.path}",
            severity="critical" if severe else "warning",
            title=f"Only {_percent(disk.free_ratio)} of the media disk is free",
            message=(
                f"{disk.free_bytes // 2**20} MiB of {disk.total_bytes // 2**20} MiB are free on "
                f"{disk.path}. Uploads and renders fail when it is full: delete old assets, or "
                "give the media directory more space."
            ),
            details=disk.model_dump(),
        )
    ]


def webhooks_failing(snapshot: Snapshot, _: Sequence[Snapshot], __: Settings) -> list[Condition]:
    hooks = snapshot.webhooks
    if hooks.failed_60m <= 0 and hooks.dead <= 0:
        return []
    return [
        Condition(
            rule="webhooks_failing",
            key="webhooks_failing",
            severity="warning",
            title="Platform notifications are failing to apply",
            message=(
                f"{hooks.failed_60m} received platform notifications failed to apply in the last "
                f"hour and {hooks.dead} were given up. Publication states may be out of date. "
                "Read their errors at GET /v1/outbox; once the cause is fixed, retry the dead ones "
                "there."
            ),
            details=hooks.model_dump(),
        )
    ]


RULES: tuple[Rule, ...] = (
    Rule("failure_rate", "workspace", failure_rate),
    Rule("job_overdue", "workspace", job_overdue),
    Rule("account_needs_reauth", "workspace", account_needs_reauth),
    Rule("token_expiring", "workspace", token_expiring),
    Rule("quota_nearly_used", "workspace", quota_nearly_used),
    Rule("backlog_growing", "instance", backlog_growing),
    Rule("worker_missing", "instance", worker_missing),
    Rule("queue_unconsumed", "instance", queue_unconsumed),
    Rule("disk_low", "instance", disk_low),
    Rule("webhooks_failing", "instance", webhooks_failing),
    # The ledger is read in both: a workspace's snapshot tells of its own chain's last audit,
    # the instance's of the whole ledger (stakazo ledger verify).
    Rule("ledger_broken", "instance", ledger_broken),
    Rule("ledger_broken", "workspace", ledger_broken),
)
RULE_NAMES = tuple(dict.fromkeys(rule.name for rule in RULES))


def conditions(
    snapshot: Snapshot, history: Sequence[Snapshot], settings: Settings
) -> list[Condition]:
    """Every condition that holds in ``snapshot``; ``history`` is the same scope's earlier
    snapshots, oldest first (only the backlog rule reads it)."""
    found: dict[str, Condition] = {}
    for rule in RULES:
        if rule.scope == snapshot.scope:
            for condition in rule.check(snapshot, history, settings):
                found.setdefault(condition.key, condition)
    return list(found.values())
