"""The signed notice of each alert opening and resolving, against a real HTTP server: its body
and signature, a retry after a 5xx through the outbox, dead after the bound (or at once on a
refusal), and nothing while silenced."""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
from collections.abc import Iterator
from datetime import timedelta

import pytest
from sqlalchemy import select
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from backend.alerts import notify, service
from backend.enqueue import pending_tasks
from backend.models import AlertNotification, LedgerEvent
from backend.outbox import service as outbox
from core.clock import utcnow
from tests.alerts.snapshots import quiet, worker
from tests.factories import auth_headers, create_member, create_workspace
from tests.servers import serving
from workers.tasks.alerts import send_notice

SECRET = "alert-secret-for-tests"
MISSING = {"workers": [worker("render@box", "missing")]}


class Receiver:
    """Answers each POST with the next status of ``answers`` (the last one repeats)."""

    def __init__(self) -> None:
        self.answers: list[int] = [200]
        self.received: list[tuple[dict[str, str], bytes]] = []
        self.lock = threading.Lock()

    async def hook(self, request: Request) -> Response:
        body = await request.body()
        with self.lock:
            self.received.append((dict(request.headers), body))
            status = self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]
        return Response(status_code=status)


@pytest.fixture
def receiver() -> Iterator[tuple[Receiver, str]]:
    receiver = Receiver()
    app = Starlette(routes=[Route("/hook", receiver.hook, methods=["POST"])])
    with serving(app) as base_url:
        yield receiver, f"{base_url}/hook?token=private-token"


@pytest.fixture
def hooked(settings, receiver):
    return settings.model_copy(
        update={
            "alert_webhook_url": receiver[1],
            "alert_webhook_secret": type(settings.alert_webhook_secret)(SECRET),
        }
    )


async def _notices(session) -> list[AlertNotification]:
    result = await session.scalars(
        select(AlertNotification)
        .order_by(AlertNotification.created_at)
        .execution_options(populate_existing=True)
    )
    return list(result)


async def _send(session_factory, settings, row: AlertNotification) -> str:
    return await send_notice.__wrapped_body__(
        session_factory, settings, notification_id=str(row.id)
    )


async def _due_now(session, row) -> None:
    row.resend_at = utcnow() - timedelta(seconds=1)
    await session.commit()


def _verified(headers: dict[str, str], body: bytes) -> dict:
    timestamp = headers["x-stakazo-timestamp"]
    expected = hmac.new(SECRET.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    assert headers["x-stakazo-signature"] == f"sha256={expected.hexdigest()}"
    assert abs(int(timestamp) - utcnow().timestamp()) < 60
    assert headers["content-type"] == "application/json"
    return json.loads(body)


async def test_notices_are_signed_and_a_5xx_is_sent_again_by_the_outbox(
    session, session_factory, hooked, receiver, worker_sessions
):
    server, _ = receiver
    [alert] = (await service.evaluate(session, quiet(None, **MISSING), hooked, history=[])).opened
    [notice] = await _notices(session)
    assert (notice.event, notice.state) == ("alert.opened", "pending")
    [task] = [t for t in pending_tasks(session) if t.name == "alerts.notify"]
    assert task.kwargs == {"notification_id": str(notice.id)}  # the id only
    await session.commit()

    server.answers = [500, 200]
    assert await _send(session_factory, hooked, notice) == "failed"
    [notice] = await _notices(session)
    assert (notice.state, notice.attempts, notice.error) == (
        "failed",
        1,
        "the receiver answered HTTP 500",
    )
    assert notice.resend_at > utcnow()  # after a backoff, not at once
    assert (await outbox.redispatch(session, hooked))["alert_notifications"] == 0
    await _due_now(session, notice)
    assert (await outbox.redispatch(session, hooked))["alert_notifications"] == 1
    await session.commit()
    assert await _send(session_factory, hooked, notice) == "sent"
    [notice] = await _notices(session)
    assert (notice.state, notice.attempts, notice.sends) == ("sent", 2, 1)
    assert notice.sent_at is not None
    # Sent once: a late copy of the message sends nothing more.
    assert await _send(session_factory, hooked, notice) == "skipped"

    assert len(server.received) == 2
    headers, body = server.received[-1]
    sent = _verified(headers, body)
    assert sent == {
        "notification_id": str(notice.id),
        "alert_id": str(alert.id),
        "event": "alert.opened",
        "rule": "worker_missing",
        "key": "worker_missing:render@box",
        "severity": "critical",
        "title": alert.title,
        "message": alert.message,
        "scope": "instance",
        "workspace_id": None,
        "first_seen_at": sent["first_seen_at"],
        "last_seen_at": sent["last_seen_at"],
        "resolved_at": None,
        "count": 1,
    }

    await service.evaluate(session, quiet(None), hooked, history=[])
    await session.commit()
    resolved = (await _notices(session))[-1]
    assert await _send(session_factory, hooked, resolved) == "sent"
    said = _verified(*server.received[-1])
    assert (said["event"], said["alert_id"]) == ("alert.resolved", str(alert.id))
    assert said["resolved_at"] is not None


async def test_a_notice_that_keeps_failing_is_dead_and_visible(
    client, session, session_factory, hooked, receiver, worker_sessions, caplog
):
    server, _ = receiver
    server.answers = [503]
    workspace = await create_workspace(session)
    admin = await create_member(session, workspace, "admin")
    await service.evaluate(session, quiet(None, **MISSING), hooked, history=[])
    await session.commit()
    [notice] = await _notices(session)
    assert await _send(session_factory, hooked, notice) == "failed"
    for sends in range(1, hooked.outbox_max_sends + 1):
        await _due_now(session, notice)
        assert (await outbox.redispatch(session, hooked))["alert_notifications"] == 1
        await session.commit()
        assert await _send(session_factory, hooked, notice) == "failed"
        [notice] = await _notices(session)
        assert (notice.state, notice.sends) == ("failed", sends)
    await _due_now(session, notice)
    assert (await outbox.redispatch(session, hooked))["alert_notifications"] == 0
    await session.commit()
    [notice] = await _notices(session)
    assert notice.state == "dead"
    assert notice.dead_at is not None
    assert len(server.received) == hooked.outbox_max_sends + 1
    dead = await session.scalars(select(LedgerEvent).where(LedgerEvent.type == "outbox.dead"))
    assert [event.payload["kind"] for event in dead] == ["alert_notifications"]

    headers = await auth_headers(client, admin, workspace)
    seen = (await client.get("/v1/outbox", headers=headers)).json()
    assert seen["counts"]["alert_notifications"]["dead"] == 1
    [item] = [i for i in seen["dead"] if i["kind"] == "alert_notifications"]
    assert (item["id"], item["error"]) == (str(notice.id), "the receiver answered HTTP 503")
    # An admin sends it again, with a fresh count of sends.
    server.answers = [200]
    retried = await client.post(
        f"/v1/outbox/alert_notifications/{notice.id}/retry", headers=headers
    )
    assert retried.status_code == 200
    assert await _send(session_factory, hooked, notice) == "sent"
    # Neither the URL's token nor the secret is ever logged.
    assert "private-token" not in caplog.text
    assert SECRET not in caplog.text


async def test_a_refusal_is_dead_at_once_and_a_dead_receiver_is_retryable(
    session, session_factory, hooked, receiver, worker_sessions, settings
):
    server, _ = receiver
    server.answers = [404]
    await service.evaluate(session, quiet(None, **MISSING), hooked, history=[])
    await session.commit()
    [notice] = await _notices(session)
    assert await _send(session_factory, hooked, notice) == "dead"
    [notice] = await _notices(session)
    assert (notice.state, notice.error) == ("dead", "the receiver answered HTTP 404")

    # Nobody listening at all: a network error, sent again later.
    nobody = hooked.model_copy(
        update={"alert_webhook_url": "http://127.0.0.1:9/hook?token=private-token"}
    )
    await service.evaluate(session, quiet(None), nobody, history=[])
    await session.commit()
    resolved = (await _notices(session))[-1]
    assert await _send(session_factory, nobody, resolved) == "failed"
    [*_, resolved] = await _notices(session)
    assert resolved.state == "failed"
    assert resolved.error.startswith("ConnectError")
    assert "private-token" not in resolved.error
    for status, retryable in ((408, True), (429, True), (502, True), (401, False), (302, False)):
        server.answers = [status]
        said = f"the receiver answered HTTP {status}"
        assert await notify.post(hooked, b"{}") == notify.Outcome(said, retryable=retryable)


async def test_no_notice_while_silenced_and_none_without_a_url(
    session, session_factory, hooked, settings, receiver, worker_sessions
):
    server, _ = receiver
    [alert] = (await service.evaluate(session, quiet(None, **MISSING), hooked, history=[])).opened
    await session.commit()
    [opened] = await _notices(session)
    # Silenced after the notice was queued: it is dropped, not sent.
    alert.silenced_until = utcnow() + timedelta(minutes=30)
    await session.commit()
    assert await _send(session_factory, hooked, opened) == "dropped"
    assert await _notices(session) == []
    # Still updated, and its resolving sends nothing either.
    await service.evaluate(session, quiet(None, **MISSING), hooked, history=[])
    await service.evaluate(session, quiet(None), hooked, history=[])
    assert alert.count == 2
    assert alert.state == "resolved"
    # Coming back within the silence: still silenced, still quiet.
    [again] = (await service.evaluate(session, quiet(None, **MISSING), hooked, history=[])).opened
    assert again.silenced_until == alert.silenced_until
    assert await _notices(session) == []
    # No URL configured: no notices at all.
    assert settings.alert_webhook_url is None
    await service.evaluate(
        session, quiet(None, workers=[worker("x@y", "missing")]), settings, history=[]
    )
    assert await _notices(session) == []
    assert server.received == []
