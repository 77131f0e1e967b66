"""Each rule opens an alert on a snapshot that shows its condition, and resolves it on the next
snapshot that no longer does; only the rule's own alert opens."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from sqlalchemy import select

from backend.alerts import rules, service
from backend.models import Alert
from backend.telemetry.schemas import (
    Disk,
    FailureRate,
    LedgerHealth,
    QueueDepth,
    Snapshot,
    WebhookHealth,
)
from tests.alerts.snapshots import account, queues, quiet, running, worker
from tests.factories import create_workspace

ACCOUNT = uuid.UUID("00000000-0000-4000-8000-00000000a001")
JOB = uuid.UUID("00000000-0000-4000-8000-00000000b001")


@dataclass(frozen=True)
class Case:
    rule: str
    key: str
    severity: str
    instance: bool
    bad: Callable[[uuid.UUID | None], Snapshot]


def _failures(rate_finished: int, failed: int) -> Callable[[uuid.UUID | None], Snapshot]:
    return lambda ws: quiet(
        ws,
        failure_rates=[
            FailureRate(
                window_minutes=5, finished=rate_finished, failed=failed, rate=failed / rate_finished
            )
        ],
    )


CASES = [
    Case("failure_rate", "failure_rate", "warning", False, _failures(8, 4)),
    Case(
        "job_overdue",
        f"job_overdue:{JOB}",
        "warning",
        False,
        lambda ws: quiet(ws, running=[running(JOB, 661, 300)]),  # max(600, 360) = 600
    ),
    Case(
        "account_needs_reauth",
        f"account_needs_reauth:{ACCOUNT}",
        "warning",
        False,
        lambda ws: quiet(
            ws, accounts=[account(ACCOUNT, status="needs_reauth", token_expires_in_days=None)]
        ),
    ),
    Case(
        "token_expiring",
        f"token_expiring:{ACCOUNT}",
        "info",
        False,
        lambda ws: quiet(ws, accounts=[account(ACCOUNT, token_expires_in_days=1.5)]),
    ),
    Case(
        "quota_nearly_used",
        f"quota_nearly_used:{ACCOUNT}",
        "warning",
        False,
        lambda ws: quiet(ws, accounts=[account(ACCOUNT, quota_used=14, quota_limit=15)]),
    ),
    Case(
        "ledger_broken",
        "ledger_broken",
        "critical",
        False,
        lambda ws: quiet(ws, ledger=LedgerHealth(verified=False, detail="event 7 is missing")),
    ),
    Case(
        "ledger_broken",
        "ledger_broken",
        "critical",
        True,
        lambda ws: quiet(ws, ledger=LedgerHealth(verified=False, detail="event 7 is missing")),
    ),
    Case(
        "worker_missing",
        "worker_missing:render@box",
        "critical",
        True,
        lambda ws: quiet(ws, workers=[worker("media@host"), worker("render@box", "missing")]),
    ),
    Case(
        "queue_unconsumed",
        "queue_unconsumed:publish",
        "critical",
        True,
        lambda ws: quiet(
            ws,
            queues=[
                QueueDepth(name="media", depth=0, consumers=0),  # empty: nothing waits for it
                QueueDepth(name="publish", depth=3, consumers=0),
            ],
        ),
    ),
    Case(
        "disk_low",
        "disk_low:/var/media",
        "warning",
        True,
        lambda ws: quiet(
            ws, disk=Disk(path="/var/media", total_bytes=100, free_bytes=8, free_ratio=0.08)
        ),
    ),
    Case(
        "disk_low",
        "disk_low:/var/media",
        "critical",
        True,
        lambda ws: quiet(
            ws, disk=Disk(path="/var/media", total_bytes=100, free_bytes=3, free_ratio=0.03)
        ),
    ),
    Case(
        "webhooks_failing",
        "webhooks_failing",
        "warning",
        True,
        lambda ws: quiet(ws, webhooks=WebhookHealth(failed_60m=0, dead=2, received_60m=9)),
    ),
]


async def _alerts(session) -> list[Alert]:
    result = await session.scalars(
        select(Alert).order_by(Alert.first_seen_at).execution_options(populate_existing=True)
    )
    return list(result)


@pytest.mark.parametrize("case", CASES, ids=lambda case: f"{case.rule}-{case.severity}")
async def test_a_rule_opens_on_its_condition_and_resolves_when_it_clears(session, settings, case):
    workspace = await create_workspace(session)
    ws = None if case.instance else workspace.id
    assert await service.evaluate(session, quiet(ws), settings, history=[]) == service.Evaluation()

    opened = await service.evaluate(session, case.bad(ws), settings, history=[])
    [alert] = opened.opened
    assert (alert.rule, alert.key, alert.severity, alert.state) == (
        case.rule,
        case.key,
        case.severity,
        "open",
    )
    assert alert.scope == ("instance" if case.instance else str(workspace.id))
    assert alert.workspace_id == ws
    assert alert.title
    assert len(alert.message) > 60

    cleared = await service.evaluate(session, quiet(ws), settings, history=[])
    assert cleared.resolved == [alert]
    [stored] = await _alerts(session)
    assert (stored.state, stored.count) == ("resolved", 1)
    assert stored.resolved_at is not None


async def test_the_backlog_rule_wants_strictly_rising_depth_over_the_last_intervals(
    session, settings
):
    assert settings.alert_backlog_intervals == 3
    *history, now = queues(2, 5, 9)
    [alert] = (await service.evaluate(session, now, settings, history=history)).opened
    assert (alert.key, alert.severity, alert.details["depths"]) == (
        "backlog_growing:media",
        "warning",
        [2, 5, 9],
    )
    *history, level = queues(5, 9, 9)
    cleared = await service.evaluate(session, level, settings, history=history)
    assert [a.key for a in cleared.resolved] == ["backlog_growing:media"]
    # Too short a history says nothing yet.
    *history, now = queues(1, 4)
    assert rules.backlog_growing(now, history, settings) == []


async def test_the_backlog_rule_reads_earlier_snapshots_from_the_table(session, settings):
    from backend.models import TelemetrySnapshot

    *stored, now = queues(1, 3, 6)
    for taken in stored:
        session.add(
            TelemetrySnapshot(
                id=uuid.uuid4(),
                workspace_id=None,
                taken_at=taken.taken_at,
                data=taken.model_dump(mode="json"),
            )
        )
    await session.flush()
    [alert] = (await service.evaluate(session, now, settings)).opened
    assert alert.key == "backlog_growing:media"


def test_thresholds_sit_where_the_settings_put_them(settings):
    # Fewer finished jobs than the minimum: no rate is meaningful.
    assert rules.failure_rate(_failures(3, 3)(None), [], settings) == []
    assert rules.failure_rate(_failures(8, 1)(None), [], settings) == []
    # Exactly the overdue bound is not past it; a short job gets a minute of slack.
    assert rules.job_overdue(quiet(None, running=[running(JOB, 600, 300)]), [], settings) == []
    assert rules.job_overdue(quiet(None, running=[running(JOB, 70, 10)]), [], settings) == []
    assert rules.job_overdue(quiet(None, running=[running(JOB, 71, 10)]), [], settings) != []
    assert rules.job_overdue(quiet(None, running=[running(JOB, 9999, None)]), [], settings) == []
    # A disconnected account's token is nobody's concern; a broken one has its own alert.
    gone = account(ACCOUNT, status="disconnected", token_expires_in_days=0.5)
    assert rules.token_expiring(quiet(None, accounts=[gone]), [], settings) == []
    assert (
        rules.quota_nearly_used(
            quiet(None, accounts=[account(ACCOUNT, quota_used=5, quota_limit=0)]), [], settings
        )
        == []
    )
    assert rules.ledger_broken(quiet(None, ledger=LedgerHealth(verified=None)), [], settings) == []


async def test_instance_rules_ignore_a_workspace_snapshot_and_the_reverse(session, settings):
    workspace = await create_workspace(session)
    machines_down = {"workers": [worker("media@host", "missing")]}
    assert rules.conditions(quiet(workspace.id, **machines_down), [], settings) == []
    reauth = {"accounts": [account(ACCOUNT, status="needs_reauth")]}
    assert rules.conditions(quiet(None, **reauth), [], settings) == []
