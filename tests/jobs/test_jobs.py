"""Jobs: created and queued only on commit, scoped to their workspace, cancellable, re-sent."""

from __future__ import annotations

import uuid
from datetime import timedelta

from sqlalchemy import select

from backend.enqueue import enqueue
from backend.jobs import service
from backend.models import Job, LedgerEvent
from core.clock import utcnow
from tests.broker import drain
from tests.factories import auth_headers, create_clip, create_member, create_workspace


def _sent(task_id: uuid.UUID | str) -> list[dict]:
    return [h for h in drain() if h.get("id") == str(task_id)]


async def test_enqueued_task_leaves_only_after_commit(session):
    drain()
    kept, dropped = uuid.uuid4(), uuid.uuid4()
    enqueue(session, "jobs.redispatch_stale", task_id=dropped)
    await session.rollback()
    enqueue(session, "jobs.redispatch_stale", task_id=kept)
    assert _sent(kept) == []  # not before the commit
    await session.commit()
    messages = drain()
    assert [m["task"] for m in messages if m["id"] == str(kept)] == ["jobs.redispatch_stale"]
    assert not any(m["id"] == str(dropped) for m in messages)


async def test_failed_request_sends_nothing(client, session):
    workspace = await create_workspace(session)
    admin = await create_member(session, workspace, "admin")
    await session.commit()
    headers = await auth_headers(client, admin, workspace)
    drain()
    # Cancelling a finished job fails with 409 after the job was looked up; create one, finish it,
    # then check that the failing request neither changed nor sent anything.
    job = (await client.post("/v1/jobs", headers=headers, json={"type": "ledger.audit"})).json()
    assert [m["task"] for m in drain()] == ["ledger.audit"]
    assert (await client.post(f"/v1/jobs/{job['id']}/cancel", headers=headers)).status_code == 200
    again = await client.post(f"/v1/jobs/{job['id']}/cancel", headers=headers)
    assert again.status_code == 409
    assert drain() == []


async def test_job_lifecycle_over_the_api(client, session):
    workspace = await create_workspace(session)
    editor = await create_member(session, workspace, "editor")
    await session.commit()
    headers = await auth_headers(client, editor, workspace)
    created = await client.post("/v1/jobs", headers=headers, json={"type": "ledger.audit"})
    assert created.status_code == 202
    job = created.json()
    assert (job["state"], job["progress"], job["created_by_id"]) == ("pending", 0, str(editor.id))
    assert _sent(job["id"])[0]["task"] == "ledger.audit"

    listed = (await client.get("/v1/jobs?state=pending&include_total=true", headers=headers)).json()
    assert [j["id"] for j in listed["items"]] == [job["id"]]
    assert listed["total"] == 1
    assert (await client.get("/v1/jobs?state=failed&include_total=true", headers=headers)).json()[
        "total"
    ] == 0
    assert (await client.get(f"/v1/jobs/{uuid.uuid4()}", headers=headers)).status_code == 404

    cancelled = await client.post(f"/v1/jobs/{job['id']}/cancel", headers=headers)
    assert cancelled.json()["state"] == "cancelled"
    types = (
        (
            await session.execute(
                select(LedgerEvent.type)
                .where(LedgerEvent.job_id == uuid.UUID(job["id"]))
                .order_by(LedgerEvent.seq)
            )
        )
        .scalars()
        .all()
    )
    assert types == ["job.created", "job.cancelled"]
    by_job = (await client.get(f"/v1/ledger?job_id={job['id']}", headers=headers)).json()["items"]
    assert [e["type"] for e in by_job] == ["job.cancelled", "job.created"]


async def test_unknown_job_type_is_invalid_input(client, session):
    workspace = await create_workspace(session)
    admin = await create_member(session, workspace, "admin")
    await session.commit()
    headers = await auth_headers(client, admin, workspace)
    response = await client.post("/v1/jobs", headers=headers, json={"type": "rm.rf"})
    assert response.status_code == 422
    assert "type" in response.json()["detail"]


async def test_ids_a_job_type_does_not_take_are_refused(client, session):
    # They used to be stored unchecked: a 500 (foreign key) for an unknown id, and a reference
    # to another workspace's clip or asset for a known one.
    workspace = await create_workspace(session)
    elsewhere = await create_workspace(session)
    admin = await create_member(session, workspace, "admin")
    foreign_clip = await create_clip(session, elsewhere)
    await session.commit()
    headers = await auth_headers(client, admin, workspace)
    for body in (
        {"type": "ledger.audit", "asset_id": str(uuid.uuid4())},
        {"type": "ledger.audit", "clip_id": str(uuid.uuid4())},
        {"type": "ledger.audit", "clip_id": str(foreign_clip.id)},
        {"type": "media.process", "asset_id": str(foreign_clip.asset_id)},
        {"type": "media.analyze", "asset_id": str(uuid.uuid4()), "clip_id": str(uuid.uuid4())},
    ):
        response = await client.post("/v1/jobs", headers=headers, json=body)
        assert response.status_code in (404, 422), (body, response.text)
    jobs = (await client.get("/v1/jobs?include_total=true", headers=headers)).json()
    assert jobs["total"] == 0


async def test_claim_start_progress_and_finish(session, settings):
    workspace = await create_workspace(session)
    job = Job(workspace_id=workspace.id, type="ledger.audit")
    session.add(job)
    await session.flush()
    started = await service.start(session, settings, job.id)
    assert started is not None
    assert started.state == "running"
    assert started.attempts == 1
    assert started.heartbeat_at is not None
    assert await service.start(session, settings, job.id) is None  # a second copy of the message
    await service.report_progress(session, job.id, 1, 40)
    await service.succeed(session, job.id, 1, {"ok": True})
    finished = await session.get(Job, job.id, populate_existing=True)
    assert finished is not None
    assert (finished.state, finished.progress, finished.result) == ("succeeded", 100, {"ok": True})
    assert await service.start(session, settings, job.id) is None


async def test_redispatch_sends_lost_jobs_again(session, settings):
    workspace = await create_workspace(session)
    old = utcnow() - timedelta(hours=1)
    lost = Job(workspace_id=workspace.id, type="ledger.audit", dispatched_at=old)
    fresh = Job(workspace_id=workspace.id, type="ledger.audit", dispatched_at=utcnow())
    session.add_all([lost, fresh])
    await session.flush()
    drain()
    assert await service.redispatch_stale(session, settings) == 1
    await session.commit()
    sent = drain()
    assert [m["argsrepr"] for m in sent] == ["()"]
    assert [m["kwargsrepr"] for m in sent] == [repr({"job_id": str(lost.id)})]


def test_each_task_lands_in_its_own_queue_only():
    from core.broker import QUEUES
    from workers.celery_app import celery_app

    for queue in QUEUES:
        drain(queue)
    sent = {}
    for name in ("media.probe", "publish.upload", "ai.health", "ledger.audit"):
        sent[name] = str(uuid.uuid4())
        celery_app.send_task(name, kwargs={}, task_id=sent[name])
    received = {queue: [h["task"] for h in drain(queue)] for queue in QUEUES}
    assert received == {
        "media": ["media.probe"],
        "publish": ["publish.upload"],
        "ai": ["ai.health"],
        "default": ["ledger.audit"],
    }
