"""The runs over HTTP: admins ask for one (queued, its task sent after commit), readers list and
open them; beat's schedule and the outbox send them too."""

from __future__ import annotations

import uuid
from datetime import timedelta

from sqlalchemy import select

from backend import enqueue
from backend.health import service
from backend.models import AIHealthRun
from backend.outbox import service as outbox
from core.clock import utcnow
from tests.factories import auth_headers, create_member, create_workspace


async def signed_in(client, session, workspace, role):
    user = await create_member(
        session, workspace, role, email=f"{role}-{uuid.uuid4().hex[:8]}@x.io"
    )
    await session.commit()
    return await auth_headers(client, user, workspace)


async def test_an_admin_asks_for_a_run_and_readers_see_it(client, session, monkeypatch):
    sent: list[enqueue.PendingTask] = []
    monkeypatch.setattr(enqueue, "sender", sent.append)
    workspace = await create_workspace(session)
    admin = await signed_in(client, session, workspace, "admin")
    viewer = await signed_in(client, session, workspace, "viewer")

    assert (await client.post("/v1/ai/health/runs", headers=viewer)).status_code == 403
    created = await client.post("/v1/ai/health/runs", headers=admin)
    assert created.status_code == 202, created.text
    run = created.json()
    assert (run["state"], run["trigger"], run["outcome"]) == ("queued", "manual", None)
    assert [(t.name, t.kwargs) for t in sent] == [("ai.health_run", {"run_id": run["id"]})]

    again = await client.post("/v1/ai/health/runs", headers=admin)
    assert again.status_code == 409
    assert again.json()["error"] == "ai_health_run_in_progress"

    listed = await client.get("/v1/ai/health/runs", headers=viewer)
    assert [item["id"] for item in listed.json()["items"]] == [run["id"]]
    detail = await client.get(f"/v1/ai/health/runs/{run['id']}", headers=viewer)
    assert detail.status_code == 200
    assert (detail.json()["findings"], detail.json()["answer"]) == ([], None)
    missing = await client.get(f"/v1/ai/health/runs/{uuid.uuid4()}", headers=viewer)
    assert missing.json()["error"] == "ai_health_run_not_found"


async def test_the_list_filters(client, session):
    workspace = await create_workspace(session)
    viewer = await signed_in(client, session, workspace, "viewer")
    now = utcnow()
    for minutes, score, outcome, critical in (
        (30, 95, "model", False),
        (20, 40, "deterministic", True),
        (10, 70, "model", False),
    ):
        session.add(
            AIHealthRun(
                id=uuid.uuid4(),
                workspace_id=workspace.id,
                trigger="schedule",
                state="succeeded",
                score=score,
                outcome=outcome,
                critical=critical,
                created_at=now - timedelta(minutes=minutes),
            )
        )
    await session.commit()

    async def scores(**params):
        found = await client.get("/v1/ai/health/runs", headers=viewer, params=params)
        assert found.status_code == 200, found.text
        return [item["score"] for item in found.json()["items"]]

    assert await scores() == [70, 40, 95]
    assert await scores(min_score=50, max_score=90) == [70]
    assert await scores(outcome="deterministic") == [40]
    assert await scores(critical_only="true") == [40]
    assert await scores(created_after=(now - timedelta(minutes=25)).isoformat()) == [70, 40]
    assert await scores(created_before=(now - timedelta(minutes=25)).isoformat()) == [95]
    page = await client.get("/v1/ai/health/runs", headers=viewer, params={"limit": 2})
    second = await client.get(
        "/v1/ai/health/runs",
        headers=viewer,
        params={"limit": 2, "cursor": page.json()["next_cursor"]},
    )
    assert [item["score"] for item in second.json()["items"]] == [95]


async def test_the_schedule_queues_one_run_per_workspace(session, settings, monkeypatch):
    sent: list[enqueue.PendingTask] = []
    monkeypatch.setattr(enqueue, "sender", sent.append)
    workspace = await create_workspace(session)
    queued = await service.schedule(session, settings)
    assert queued >= 1
    await session.commit()
    assert await service.schedule(session, settings) == 0  # none doubled while unfinished
    await session.commit()
    mine = [t for t in sent if t.name == "ai.health_run"]
    assert len(mine) == queued
    runs = (
        await session.scalars(select(AIHealthRun).where(AIHealthRun.workspace_id == workspace.id))
    ).all()
    assert [(r.trigger, r.state) for r in runs] == [("schedule", "queued")]
    assert str(runs[0].id) in [t.kwargs["run_id"] for t in mine]


async def test_the_outbox_sends_a_lost_run_again_then_gives_up(session, settings, monkeypatch):
    sent: list[enqueue.PendingTask] = []
    monkeypatch.setattr(enqueue, "sender", sent.append)
    workspace = await create_workspace(session)
    run = AIHealthRun(
        id=uuid.uuid4(),
        workspace_id=workspace.id,
        trigger="manual",
        resend_at=utcnow() - timedelta(seconds=1),
    )
    session.add(run)
    await session.commit()
    assert (await outbox.redispatch(session, settings))["ai_health_runs"] == 1
    await session.commit()
    assert ("ai.health_run", {"run_id": str(run.id)}) in [(t.name, t.kwargs) for t in sent]
    assert run.sends == 1

    run.sends, run.resend_at = settings.outbox_max_sends, utcnow() - timedelta(seconds=1)
    await session.commit()
    await outbox.redispatch(session, settings)
    await session.commit()
    assert (run.state, run.dead_at is not None) == ("failed", True)
