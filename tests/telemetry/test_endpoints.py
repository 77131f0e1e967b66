"""GET /v1/telemetry/...: the workspace's snapshot, a metric's series, the workers; members with
telemetry:read only, and nothing of another workspace."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from backend.models import Job, TelemetrySnapshot, WorkerHeartbeat
from core.clock import utcnow
from tests.factories import auth_headers, create_member, create_workspace


async def _viewer(client, session):
    workspace = await create_workspace(session)
    viewer = await create_member(session, workspace, "viewer")
    await session.commit()
    return workspace, await auth_headers(client, viewer, workspace)


async def test_the_snapshot_is_the_stored_one_while_fresh_else_taken_live(client, session):
    workspace, headers = await _viewer(client, session)
    session.add(Job(workspace_id=workspace.id, type="ledger.audit", state="pending", params={}))
    await session.commit()

    live = await client.get("/v1/telemetry/snapshot", headers=headers)
    assert live.status_code == 200, live.text
    assert live.json()["jobs"]["by_state"] == {"pending": 1}
    assert live.json()["workspace_id"] == str(workspace.id)

    stored = live.json() | {"jobs": {"by_state": {"pending": 41}, "by_type": {}}}
    session.add(
        TelemetrySnapshot(workspace_id=workspace.id, taken_at=utcnow(), data=stored, metrics={})
    )
    await session.commit()
    fresh = await client.get("/v1/telemetry/snapshot", headers=headers)
    assert fresh.json()["jobs"]["by_state"] == {"pending": 41}


async def test_a_series_averages_each_step_and_skips_empty_ones(client, session):
    workspace, headers = await _viewer(client, session)
    start = datetime(2030, 1, 1, tzinfo=UTC)
    for offset, depth in ((0, 1), (10, 3), (50, 10), (130, 7)):
        session.add(
            TelemetrySnapshot(
                workspace_id=workspace.id,
                taken_at=start + timedelta(seconds=offset),
                data={},
                metrics={"queue.media.depth": depth, "jobs.running": 1},
            )
        )
    other = await create_workspace(session)
    session.add(
        TelemetrySnapshot(
            workspace_id=other.id, taken_at=start, data={}, metrics={"queue.media.depth": 99}
        )
    )
    await session.commit()

    response = await client.get(
        "/v1/telemetry/series",
        headers=headers,
        params={
            "metric": "queue.media.depth",
            "from": start.isoformat(),
            "to": (start + timedelta(minutes=3)).isoformat(),
            "step": 60,
        },
    )

    assert response.status_code == 200, response.text
    body = response.json()
    assert body["step_seconds"] == 60
    assert [(p["at"], p["value"]) for p in body["points"]] == [
        ("2030-01-01T00:00:00Z", 14 / 3),
        ("2030-01-01T00:02:00Z", 7.0),
    ]


async def test_a_series_refuses_unknown_metrics_and_too_many_points(client, session):
    _, headers = await _viewer(client, session)

    unknown = await client.get("/v1/telemetry/series?metric=queue.madia.depth", headers=headers)
    assert unknown.status_code == 422
    assert unknown.json()["error"] == "unknown_metric"
    assert "queue.media.depth" in unknown.json()["detail"]

    too_many = await client.get(
        "/v1/telemetry/series",
        headers=headers,
        params={"metric": "jobs.running", "from": "2030-01-01T00:00:00Z",
                "to": "2030-01-02T00:00:00Z", "step": 10},
    )  # fmt: skip
    assert too_many.status_code == 422
    assert "at most 1000" in too_many.json()["detail"]

    backwards = await client.get(
        "/v1/telemetry/series",
        headers=headers,
        params={"metric": "jobs.running", "from": "2030-01-02T00:00:00Z",
                "to": "2030-01-01T00:00:00Z"},
    )  # fmt: skip
    assert backwards.status_code == 422

    names = (await client.get("/v1/telemetry/metrics", headers=headers)).json()["names"]
    assert {"queue.media.depth", "jobs.failure_rate.5m", "workers.alive"} <= set(names)


async def test_workers_show_other_workspaces_tasks_by_name_only(client, session):
    workspace, headers = await _viewer(client, session)
    other = await create_workspace(session)
    mine = Job(workspace_id=workspace.id, type="media.process", state="running", params={})
    theirs = Job(workspace_id=other.id, type="media.process", state="running", params={})
    session.add_all([mine, theirs])
    await session.flush()
    now = utcnow()
    active = [
        {"task": "media.process", "task_id": str(job.id), "job_id": str(job.id),
         "started_at": now.isoformat()}
        for job in (mine, theirs)
    ]  # fmt: skip
    session.add_all(
        [
            WorkerHeartbeat(name="media@box", hostname="box", pid=10, queues=["media"],
                            concurrency=2, active=active, processed=5, started_at=now,
                            seen_at=now),
            WorkerHeartbeat(name="quick@box", hostname="box", pid=11, queues=["default"],
                            concurrency=2, active=[], processed=0, started_at=now,
                            seen_at=now - timedelta(minutes=5)),
        ]
    )  # fmt: skip
    await session.commit()

    response = await client.get("/v1/telemetry/workers", headers=headers)

    assert response.status_code == 200, response.text
    media, quick = response.json()["workers"]
    assert (media["state"], quick["state"]) == ("alive", "missing")
    assert [t["job_id"] for t in media["active"]] == [str(mine.id), None]
    assert str(theirs.id) not in response.text


async def test_only_members_read_telemetry(client, session):
    workspace, _ = await _viewer(client, session)
    outsider_space = await create_workspace(session)
    outsider = await create_member(session, outsider_space, "admin")
    await session.commit()
    headers = await auth_headers(client, outsider, outsider_space)
    headers["X-Workspace-Id"] = str(workspace.id)

    for path in ("snapshot", "workers", "metrics", "series?metric=jobs.running"):
        assert (await client.get(f"/v1/telemetry/{path}")).status_code == 401
        assert (await client.get(f"/v1/telemetry/{path}", headers=headers)).status_code == 404
