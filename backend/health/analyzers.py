"""The deterministic analysis: evidence in, ranked findings and a score out. No model, no I/O.

Every run starts here, and its result stands whenever no model answers. Each analyzer looks at
one kind of evidence and drafts findings; drafts naming the same cause merge; the merged findings
are ranked (root causes before symptoms, ``causes.PRIORITY``) and numbered E1, E2...
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import pairwise

from backend.health.causes import PRIORITY, CauseName
from backend.health.patterns import alert_cause, classify
from backend.health.schemas import Evidence, Finding, Severity

SEVERITY_RANK: dict[str, int] = {"critical": 0, "warning": 1, "info": 2}
# What one finding takes off the score (docs/ai-health.md, "Score").
PENALTY: dict[str, int] = {"critical": 35, "warning": 12, "info": 3}

# Errors of one cause seen this often are critical: infrastructure fails everything at once.
INFRASTRUCTURE: frozenset[str] = frozenset(
    {
        "database_down",
        "sqlite_locked",
        "redis_down",
        "broker_down",
        "disk_full",
        "storage_unreachable",
        "out_of_memory",
    }
)
CRITICAL_AT_INFRASTRUCTURE = 2
CRITICAL_AT_OTHERS = 5
EXAMPLES = 3

DISK_CRITICAL_RATIO = 0.03
DISK_WARNING_RATIO = 0.10
BACKLOG_DEPTH = 50
BACKLOG_CRITICAL_DEPTH = 500
SLOW_FACTOR = 3.0
SLOW_MIN_EXTRA_SECONDS = 300.0
FAILURE_RATE_WARNING = 0.25
FAILURE_RATE_CRITICAL = 0.5
FAILURE_MIN_FINISHED = 4
EXPIRED_STATUSES = frozenset({"needs_reauth", "expired", "revoked", "disconnected_by_platform"})


@dataclass
class Draft:
    cause: CauseName
    severity: Severity
    title: str
    facts: list[str] = field(default_factory=list)
    count: int = 1


Analyzer = Callable[[Evidence], Iterable[Draft]]


def _worse(a: Severity, b: Severity) -> Severity:
    return a if SEVERITY_RANK[a] <= SEVERITY_RANK[b] else b


def _short(text: str, limit: int = 300) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def errors(evidence: Evidence) -> Iterable[Draft]:
    """Stored errors (failed jobs and publications, log lines) grouped by the cause they name."""
    messages: dict[CauseName, list[str]] = defaultdict(list)
    where: dict[CauseName, Counter[str]] = defaultdict(Counter)
    for job in evidence.failed_jobs:
        cause = classify(job.error)
        if cause and job.error:
            messages[cause].append(job.error)
            where[cause][f"{job.type} job"] += 1
    for publication in evidence.failed_publications:
        text = " ".join(filter(None, (publication.error_reason, publication.error)))
        cause = classify(text)
        if cause:
            messages[cause].append(text)
            where[cause][f"{publication.platform} publication"] += 1
    for line in evidence.log_lines:
        cause = classify(line.message)
        if cause and line.level != "info":
            messages[cause].append(line.message)
            where[cause][f"{line.source} log line"] += 1
    for cause, texts in messages.items():
        limit = CRITICAL_AT_INFRASTRUCTURE if cause in INFRASTRUCTURE else CRITICAL_AT_OTHERS
        sources = ", ".join(f"{n} {kind}{'s' if n > 1 else ''}" for kind, n in where[cause].items())
        examples = list(dict.fromkeys(_short(text) for text in texts))[:EXAMPLES]
        yield Draft(
            cause,
            "critical" if len(texts) >= limit else "warning",
            f"{len(texts)} error(s) point at {cause.replace('_', ' ')}",
            [f"seen in {sources}", *(f"error: {example}" for example in examples)],
            count=len(texts),
        )


def workers(evidence: Evidence) -> Iterable[Draft]:
    snapshot = evidence.snapshot
    if snapshot is None:
        return
    facts = [
        f"worker {w.name} ({', '.join(w.queues)}) is missing: last seen {w.seen_at.isoformat()}"
        for w in snapshot.workers
        if w.state == "missing"
    ]
    facts += [
        f"queue {q.name} holds {q.depth} message(s) and no worker consumes it"
        for q in snapshot.queues
        if q.depth > 0 and q.consumers == 0
    ]
    if facts:
        yield Draft(
            "worker_dead", "critical", "Work waits with no worker to take it", facts, len(facts)
        )


def queues(evidence: Evidence) -> Iterable[Draft]:
    snapshot = evidence.snapshot
    if snapshot is None:
        return
    for queue in snapshot.queues:
        if queue.consumers == 0 or queue.depth < BACKLOG_DEPTH:
            continue
        past = [q.depth for s in evidence.history for q in s.queues if q.name == queue.name]
        series = [*past, queue.depth]
        growing = len(past) >= 2 and all(a <= b for a, b in pairwise(series))
        if not growing and queue.depth < BACKLOG_CRITICAL_DEPTH:
            continue
        trend = " → ".join(str(depth) for depth in series)
        yield Draft(
            "queue_backlog",
            "critical" if queue.depth >= BACKLOG_CRITICAL_DEPTH else "warning",
            f"Queue {queue.name} is backing up",
            [f"queue {queue.name}: {trend} messages with {queue.consumers} consumer(s)"],
            count=queue.depth,
        )


def disk(evidence: Evidence) -> Iterable[Draft]:
    found = evidence.snapshot.disk if evidence.snapshot else None
    if found is None or found.free_ratio >= DISK_WARNING_RATIO:
        return
    yield Draft(
        "disk_full",
        "critical" if found.free_ratio < DISK_CRITICAL_RATIO else "warning",
        f"Disk {found.path} is {100 * (1 - found.free_ratio):.0f}% full",
        [f"{found.free_bytes} of {found.total_bytes} bytes free at {found.path}"],
    )


def accounts(evidence: Evidence) -> Iterable[Draft]:
    if evidence.snapshot is None:
        return
    expired, exhausted = [], []
    for account in evidence.snapshot.accounts:
        name = f"{account.platform} account {account.username or account.id}"
        days = account.token_expires_in_days
        if account.status in EXPIRED_STATUSES or (days is not None and days <= 0):
            expired.append(f"{name}: status {account.status}, token expires in {days} day(s)")
        used_up = account.quota_left is not None and account.quota_left <= 0
        if used_up or (account.quota_limit and (account.quota_used or 0) >= account.quota_limit):
            exhausted.append(f"{name}: quota {account.quota_used} of {account.quota_limit} used")
    if expired:
        severity: Severity = "critical" if len(expired) >= 2 else "warning"
        yield Draft("oauth_expired", severity, "Accounts need reconnecting", expired, len(expired))
    if exhausted:
        yield Draft(
            "quota_exhausted", "warning", "A platform quota is used up", exhausted, len(exhausted)
        )


def ledger(evidence: Evidence) -> Iterable[Draft]:
    found = evidence.snapshot.ledger if evidence.snapshot else None
    if found is not None and found.verified is False:
        when = found.checked_at.isoformat() if found.checked_at else "at the last check"
        yield Draft(
            "ledger_broken",
            "critical",
            "The audit ledger does not verify",
            [f"verification failed {when}: {found.detail or 'no detail'}"],
        )


def slow_jobs(evidence: Evidence) -> Iterable[Draft]:
    snapshot = evidence.snapshot
    if snapshot is None:
        return
    facts: dict[str, list[str]] = defaultdict(list)
    for job in snapshot.running:
        expected = job.expected_seconds
        if expected and job.running_seconds > max(
            SLOW_FACTOR * expected, expected + SLOW_MIN_EXTRA_SECONDS
        ):
            facts[job.type].append(
                f"{job.type} job {job.id} running {job.running_seconds:.0f}s, usually "
                f"{expected:.0f}s (p95)"
            )
    earliest = {d.type: d for s in reversed(evidence.history) for d in s.durations}
    for now in snapshot.durations:
        before = earliest.get(now.type)
        grew = before is not None and now.p95_seconds >= SLOW_FACTOR * before.p95_seconds
        if before is not None and before.p95_seconds > 0 and now.count >= 3 and grew:
            facts[now.type].append(
                f"{now.type} p95 {now.p95_seconds:.0f}s, was {before.p95_seconds:.0f}s"
            )
    for job_type, found in facts.items():
        yield Draft("job_type_slow", "warning", f"{job_type} jobs are slow", found, len(found))


def failure_rate(evidence: Evidence) -> Iterable[Draft]:
    snapshot = evidence.snapshot
    if snapshot is None:
        return
    counted = [r for r in snapshot.failure_rates if r.finished >= FAILURE_MIN_FINISHED]
    worst = max(counted, key=lambda r: r.rate, default=None)
    if worst is None or worst.rate < FAILURE_RATE_WARNING:
        return
    yield Draft(
        "job_failures",
        "critical" if worst.rate >= FAILURE_RATE_CRITICAL else "warning",
        f"{100 * worst.rate:.0f}% of jobs failed over {worst.window_minutes} minutes",
        [f"{worst.failed} of {worst.finished} jobs failed in {worst.window_minutes} minutes"],
        count=worst.failed,
    )


def unexplained_failures(evidence: Evidence) -> Iterable[Draft]:
    """Failures whose errors name no cause, so that they are still seen."""
    jobs = [j for j in evidence.failed_jobs if classify(j.error) is None]
    if len(jobs) >= FAILURE_MIN_FINISHED:
        examples = list(dict.fromkeys(_short(j.error or "no error kept") for j in jobs))
        yield Draft(
            "job_failures",
            "warning",
            f"{len(jobs)} jobs failed for other reasons",
            [f"error: {text}" for text in examples[:EXAMPLES]],
            count=len(jobs),
        )
    publications = [
        p
        for p in evidence.failed_publications
        if classify(" ".join(filter(None, (p.error_reason, p.error)))) is None
    ]
    if publications:
        examples = list(dict.fromkeys(_short(p.error or "no error kept") for p in publications))
        yield Draft(
            "publish_failing",
            "warning" if len(publications) >= 2 else "info",
            f"{len(publications)} publication(s) failed",
            [f"error: {text}" for text in examples[:EXAMPLES]],
            count=len(publications),
        )


def outbox(evidence: Evidence) -> Iterable[Draft]:
    dead = evidence.snapshot.webhooks.dead if evidence.snapshot else 0
    lines = [line for line in evidence.log_lines if line.source == "outbox"]
    if dead or lines:
        facts = [f"{dead} webhook deliveries dead"] if dead else []
        facts += [f"dead: {_short(line.message)}" for line in lines[:EXAMPLES]]
        yield Draft(
            "outbox_dead", "info", "The outbox gave up on messages", facts, dead + len(lines)
        )


def alerts(evidence: Evidence) -> Iterable[Draft]:
    for alert in evidence.alerts:
        yield Draft(
            alert_cause(alert.rule, alert.key),
            alert.severity,
            alert.title,
            [f"alert {alert.rule} ({alert.key}) open: {_short(alert.message)}"],
        )


ANALYZERS: tuple[Analyzer, ...] = (
    errors,
    workers,
    queues,
    disk,
    accounts,
    ledger,
    slow_jobs,
    failure_rate,
    unexplained_failures,
    outbox,
    alerts,
)


def _merge(drafts: Iterable[Draft]) -> list[Draft]:
    merged: dict[CauseName, Draft] = {}
    for draft in drafts:
        kept = merged.get(draft.cause)
        if kept is None:
            merged[draft.cause] = Draft(
                draft.cause, draft.severity, draft.title, list(draft.facts), draft.count
            )
            continue
        kept.severity = _worse(kept.severity, draft.severity)
        kept.facts += [fact for fact in draft.facts if fact not in kept.facts]
        kept.count += draft.count
    return list(merged.values())


def rank_key(draft: Draft) -> tuple[bool, int, int, int]:
    """Information last; then root causes before symptoms; then the worse, the more seen."""
    return (
        draft.severity == "info",
        PRIORITY[draft.cause],
        SEVERITY_RANK[draft.severity],
        -draft.count,
    )


def analyze(evidence: Evidence) -> list[Finding]:
    drafts = _merge(draft for analyzer in ANALYZERS for draft in analyzer(evidence))
    drafts.sort(key=rank_key)
    return [
        Finding(
            id=f"E{index}",
            cause=draft.cause,
            severity=draft.severity,
            title=draft.title,
            facts=draft.facts[:12],
            count=draft.count,
        )
        for index, draft in enumerate(drafts, start=1)
    ]


def score(findings: Iterable[Finding]) -> int:
    """100 - 35 per critical - 12 per warning - 3 per information finding, within 0 to 100."""
    return max(0, min(100, 100 - sum(PENALTY[finding.severity] for finding in findings)))


def is_critical(findings: Iterable[Finding]) -> bool:
    return any(finding.severity == "critical" for finding in findings)
