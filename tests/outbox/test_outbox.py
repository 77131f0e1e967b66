"""One re-sender for every kind: failed webhook deliveries are retried with backoff, then dead;
the dead are visible at GET /v1/outbox and an admin can send them again."""

from __future__ import annotations

import uuid
from datetime import timedelta

from backend.models import Job, NotificationSubscription
from backend.models.base import utcnow
from backend.outbox import service as outbox
from backend.webhooks import service as webhooks
from tests.broker import drain
from tests.factories import (
    auth_headers,
    create_member,
    create_platform_account,
    create_publication,
    create_workspace,
)
from tests.webhooks.helpers import (
    apply,
    delivery,
    ledger_events,
    queued_deliveries,
    tiktok_body,
    tiktok_headers,
)


async def _due_now(session, row) -> None:
    row.resend_at = utcnow() - timedelta(seconds=1)
    await session.commit()


async def test_a_failed_delivery_is_retried_with_backoff_then_dead_then_retried_by_an_admin(
    client, session, settings, worker_sessions, monkeypatch
):
    workspace = await create_workspace(session)
    account = await create_platform_account(session, workspace, "tiktok", remote_id="openid-9")
    await create_publication(session, account, remote_upload_id="p-9")
    admin = await create_member(session, workspace, "admin")
    await session.commit()
    body = tiktok_body("post.publish.complete", {"publish_id": "p-9"}, openid="openid-9")
    response = await client.post("/webhooks/tiktok", content=body, headers=tiktok_headers(body))
    assert response.status_code == 200
    [delivery_id] = queued_deliveries()

    real = webhooks.apply_remote_event

    async def broken(task_session, event):
        raise RuntimeError("still broken")

    monkeypatch.setattr(webhooks, "apply_remote_event", broken)
    assert await apply(delivery_id) == "failed"
    row = await delivery(session, delivery_id)
    # Retried after a backoff, not at once and not never.
    assert row.resend_at is not None
    assert row.resend_at > utcnow()
    assert await webhooks.resend_due(session, settings) == 0
    for sends in range(1, settings.outbox_max_sends + 1):
        await _due_now(session, row)
        assert (await outbox.redispatch(session, settings))["webhook_deliveries"] == 1
        await session.commit()
        assert await apply(delivery_id) == "failed"
        row = await delivery(session, delivery_id)
        assert (row.state, row.sends) == ("failed", sends)
    drain()
    await _due_now(session, row)
    assert (await outbox.redispatch(session, settings))["webhook_deliveries"] == 0
    await session.commit()
    row = await delivery(session, delivery_id)
    assert row.state == "dead"
    assert row.dead_at is not None
    [dead_event] = await ledger_events(session, "outbox.dead")
    assert dead_event.payload["item_id"] == delivery_id
    assert dead_event.payload["error"] == "RuntimeError: still broken"

    headers = await auth_headers(client, admin, workspace)
    seen = (await client.get("/v1/outbox", headers=headers)).json()
    assert seen["counts"]["webhook_deliveries"] == {"waiting": 0, "retrying": 0, "dead": 1}
    assert [(d["kind"], d["id"], d["error"]) for d in seen["dead"]] == [
        ("webhook_deliveries", delivery_id, "RuntimeError: still broken")
    ]
    # Another workspace does not see it.
    stranger_ws = await create_workspace(session)
    stranger = await create_member(session, stranger_ws, "admin")
    await session.commit()
    other = await client.get(
        "/v1/outbox", headers=await auth_headers(client, stranger, stranger_ws)
    )
    assert other.json()["dead"] == []
    assert (
        await client.post(
            f"/v1/outbox/webhook_deliveries/{delivery_id}/retry",
            headers=await auth_headers(client, stranger, stranger_ws),
        )
    ).status_code == 404

    retried = await client.post(
        f"/v1/outbox/webhook_deliveries/{delivery_id}/retry", headers=headers
    )
    assert retried.status_code == 200, retried.text
    monkeypatch.setattr(webhooks, "apply_remote_event", real)
    resent = [h for h in drain() if h.get("task") == "webhooks.apply"]
    assert [h["kwargsrepr"] for h in resent] == [repr({"delivery_id": delivery_id})]
    assert await apply(delivery_id) == "applied"
    assert len(await ledger_events(session, "outbox.retried")) == 1


async def test_retrying_needs_the_manage_permission(client, session, editor):
    response = await client.post(
        f"/v1/outbox/webhook_deliveries/{uuid.uuid4()}/retry", headers=editor.headers
    )
    assert response.status_code == 403


async def test_a_job_no_worker_ever_takes_is_given_up_as_dead(session, settings):
    workspace = await create_workspace(session)
    job = Job(workspace_id=workspace.id, type="ledger.audit", dispatched_at=utcnow())
    session.add(job)
    await session.flush()
    drain()
    for sends in range(1, settings.outbox_max_sends + 1):
        await _due_now(session, job)
        assert (await outbox.redispatch(session, settings))["jobs"] == 1
        assert (job.state, job.sends) == ("pending", sends)
    await _due_now(session, job)
    assert (await outbox.redispatch(session, settings))["jobs"] == 0
    await session.refresh(job)
    assert job.state == "failed"
    assert job.dead_at is not None
    assert job.error is not None
    assert "no worker ever took it" in job.error
    counts = await outbox.overview(session, workspace.id)
    assert counts.counts["jobs"].dead == 1
    drain()


async def test_a_subscription_is_resent_renewed_and_dropped_with_its_account(session, settings):
    workspace = await create_workspace(session)
    account = await create_platform_account(session, workspace, "youtube")
    row = NotificationSubscription(
        id=uuid.uuid4(), account_id=account.id, workspace_id=workspace.id, state="active"
    )
    session.add(row)
    await _due_now(session, row)  # due for renewal
    drain()
    assert (await outbox.redispatch(session, settings))["notification_subscriptions"] == 1
    await session.commit()
    sent = [h for h in drain() if h.get("task") == "accounts.subscribe_notifications"]
    assert [h["kwargsrepr"] for h in sent] == [repr({"account_id": str(account.id)})]
    account.status = "disconnected"
    await _due_now(session, row)
    assert (await outbox.redispatch(session, settings))["notification_subscriptions"] == 0
    await session.commit()
    assert await session.get(NotificationSubscription, row.id) is None


async def test_a_publication_no_run_answers_is_dead_until_a_user_retries_it(
    client, session, settings
):
    workspace = await create_workspace(session)
    account = await create_platform_account(session, workspace)
    admin = await create_member(session, workspace, "admin")
    silent = utcnow() - timedelta(hours=1)
    publication = await create_publication(
        session, account, state="uploading", lease_id="dead", heartbeat_at=silent
    )
    await session.commit()
    drain()
    for sends in range(1, settings.outbox_max_sends + 1):
        assert (await outbox.redispatch(session, settings))["publications"] == 1
        assert publication.sends == sends
        await _due_now(session, publication)
    assert (await outbox.redispatch(session, settings))["publications"] == 0
    await session.commit()
    assert (publication.state, publication.error_reason) == ("failed", "never_answered")
    assert (await outbox.overview(session, workspace.id)).counts["publications"].dead == 1
    [dead] = await ledger_events(session, "outbox.dead")
    assert dead.publication_id == publication.id

    headers = await auth_headers(client, admin, workspace)
    elsewhere = await client.post(
        f"/v1/outbox/publications/{publication.id}/retry", headers=headers
    )
    assert elsewhere.status_code == 409
    retried = await client.post(f"/v1/publications/{publication.id}/retry", headers=headers)
    assert retried.status_code == 200, retried.text
    counts = (await client.get("/v1/outbox", headers=headers)).json()["counts"]
    assert counts["publications"] == {"waiting": 1, "retrying": 0, "dead": 0}
    drain()
