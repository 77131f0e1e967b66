"""What a snapshot says after real rows are made: each workspace sees its own, the instance
sees every one; and the collecting task stores, announces and prunes them."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from backend.events import DomainEvent, set_publisher
from backend.models import Alert, Job, TelemetrySnapshot, WebhookDelivery, WorkerHeartbeat
from backend.telemetry import collector, service
from core.clock import utcnow
from tests.factories import (
    create_clip,
    create_platform_account,
    create_publication,
    create_workspace,
)
from workers.tasks import base
from workers.tasks.telemetry import collect as collect_task


def _job(workspace, state: str, *, type="media.process", ran=None, ended_ago=None, **fields):
    now = utcnow()
    if ended_ago is not None:
        fields |= {"finished_at": now - ended_ago, "started_at": now - ended_ago - ran}
    return Job(workspace_id=workspace.id, type=type, state=state, params={}, **fields)


async def _world(session):
    mine, theirs = await create_workspace(session), await create_workspace(session)
    clip = await create_clip(session, mine, status="approved")
    await create_clip(session, theirs)
    tiktok = await create_platform_account(
        session, mine, "tiktok", access_expires_at=utcnow() + timedelta(days=2)
    )
    await create_publication(session, tiktok, clip, state="published", published_at=utcnow())
    await create_publication(session, tiktok, clip, state="failed")
    session.add_all(
        [
            # Ended in the last 5 minutes: one failure out of two verdicts.
            _job(mine, "succeeded", ran=timedelta(seconds=10), ended_ago=timedelta(minutes=1)),
            _job(mine, "failed", ran=timedelta(seconds=3), ended_ago=timedelta(minutes=2)),
            # Within the hour, not the last 5 minutes; cancelled ones are no verdict.
            _job(mine, "succeeded", ran=timedelta(seconds=30), ended_ago=timedelta(minutes=30)),
            _job(mine, "cancelled", ran=timedelta(seconds=1), ended_ago=timedelta(minutes=3)),
            _job(mine, "running", started_at=utcnow() - timedelta(seconds=20), progress=40),
            _job(mine, "pending"),
            _job(theirs, "failed", ran=timedelta(seconds=50), ended_ago=timedelta(minutes=1)),
            _job(
                mine,
                "succeeded",
                type="ledger.audit",
                ran=timedelta(seconds=1),
                ended_ago=timedelta(hours=2),
                result={"intact": True, "problem": None},
            ),
        ]
    )
    session.add(
        WebhookDelivery(
            platform="tiktok",
            event_key="e-1",
            kind="post.publish",
            remote_account_id=tiktok.remote_id,
            state="failed",
        )
    )
    await session.flush()
    return mine, theirs, tiktok


async def test_each_workspace_sees_its_own_numbers_and_the_instance_all(session, settings):
    mine, theirs, tiktok = await _world(session)

    collection = await collector.collect(session, settings)
    own, other, instance = (
        collection.workspaces[mine.id],
        collection.workspaces[theirs.id],
        collection.instance,
    )

    assert own.scope == "workspace"
    assert instance.scope == "instance"
    assert own.jobs.by_state == {
        "cancelled": 1, "failed": 1, "pending": 1, "running": 1, "succeeded": 3,
    }  # fmt: skip
    assert own.jobs.by_type["ledger.audit"] == {"succeeded": 1}
    assert instance.jobs.by_state["failed"] == 2
    assert other.jobs.by_state == {"failed": 1}
    assert own.assets_by_state == {"ready": 1}
    assert instance.assets_by_state == {"ready": 2}
    assert own.clips_by_status == {"approved": 1}
    assert own.publications.by_platform == {"tiktok": {"failed": 1, "published": 1}}
    rates = {rate.window_minutes: rate for rate in own.failure_rates}
    assert (rates[5].finished, rates[5].failed, rates[5].rate) == (2, 1, 0.5)
    assert (rates[60].finished, rates[60].failed) == (3, 1)
    assert {rate.window_minutes: rate.failed for rate in instance.failure_rates}[5] == 2
    [durations] = [d for d in own.durations if d.type == "media.process"]
    assert durations.count == 2
    assert durations.p50_seconds == 20.0
    assert durations.p95_seconds == 29.0  # between 10 s and 30 s, 95% of the way
    [running] = own.running
    assert running.progress == 40
    assert 19 < running.running_seconds < 60
    # Expected from every workspace's successes of that type: this instance's machines.
    assert running.expected_seconds == 29.0
    [account] = own.accounts
    assert account.id == tiktok.id
    assert 1.9 < account.token_expires_in_days < 2.1
    # TikTok direct posts: a cap we count ourselves; the published one uses one of it.
    assert (account.quota_used, account.quota_left) == (1, settings.tiktok_daily_post_cap - 1)
    assert other.accounts == []
    assert own.webhooks.failed_60m == 1
    assert own.webhooks.received_60m == 1
    assert other.webhooks.received_60m == 0
    assert instance.webhooks.failed_60m == 1
    assert own.ledger.verified is True
    assert other.ledger.verified is None
    assert own.metrics["jobs.failure_rate.5m"] == 0.5
    assert own.metrics["jobs.running"] == 1.0
    assert own.metrics["jobs.failed"] == 1.0
    assert own.metrics["publications.published"] == 1.0
    assert own.metrics["publications.queued"] == 0.0  # known states are always there
    assert own.metrics["duration.media.process.p95"] == 29.0
    assert own.metrics["ledger.verified"] == 1.0
    assert instance.disk is not None
    assert 0 < instance.metrics["disk.free_ratio"] <= 1


@pytest.fixture
def published() -> Iterator[list[DomainEvent]]:
    """What this process's publisher is handed after each commit."""
    events: list[DomainEvent] = []
    set_publisher(events.extend)
    yield events
    set_publisher(None)


async def test_the_task_stores_announces_alerts_on_and_prunes_the_snapshots(
    session, settings, worker_sessions, published
):
    mine, theirs, _ = await _world(session)
    old = TelemetrySnapshot(
        workspace_id=mine.id,
        taken_at=utcnow() - timedelta(seconds=settings.telemetry_retention_seconds + 60),
        data={},
        metrics={},
    )
    session.add(old)
    # A worker that stopped beating without saying goodbye.
    gone = utcnow() - timedelta(seconds=10 * settings.worker_heartbeat_seconds)
    session.add(
        WorkerHeartbeat(
            name="media@gone", hostname="gone", pid=1, queues=["media"], started_at=gone,
            seen_at=gone,
        )
    )  # fmt: skip
    await session.commit()

    result = await base._in_transaction(collect_task.__wrapped_body__)

    assert result["pruned"] == 1
    assert result["workspaces"] >= 2
    stored = select(func.count()).select_from(TelemetrySnapshot)
    assert await session.scalar(stored) == result["workspaces"] + 1
    announced = {e.workspace_id for e in published if e.type == "telemetry.snapshot"}
    assert {mine.id, theirs.id} <= announced
    missing = await session.scalar(
        select(Alert).where(Alert.rule == "worker_missing", Alert.state == "open")
    )
    assert missing is not None
    assert "media@gone" in missing.key
    assert {e.workspace_id for e in published if e.type == "alert.opened"} >= {mine.id, theirs.id}
    assert await session.get(TelemetrySnapshot, old.id, populate_existing=True) is None
    latest = await service.latest_snapshot(session, settings, mine.id)
    assert latest.jobs.by_state["running"] == 1


async def test_without_a_fresh_snapshot_one_is_taken_live_and_not_stored(session, settings):
    mine, _, _ = await _world(session)
    stale = utcnow() - timedelta(seconds=4 * settings.telemetry_interval_seconds)
    session.add(
        TelemetrySnapshot(
            workspace_id=mine.id, taken_at=stale, data={}, metrics={"jobs.running": 9}
        )
    )
    await session.flush()

    live = await service.latest_snapshot(session, settings, mine.id)

    assert live.taken_at > stale
    assert live.jobs.by_state["running"] == 1
    count = select(func.count()).select_from(TelemetrySnapshot)
    assert await session.scalar(count.where(TelemetrySnapshot.workspace_id == mine.id)) == 1
