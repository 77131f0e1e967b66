"""What all three endpoints share: the body cap, refusals that are never 500, one record per
event under concurrency, and an apply task that is idempotent and fails in words."""

from __future__ import annotations

import asyncio
import json
import random
import time
import uuid

import pytest
from sqlalchemy import func, select

from backend.db import create_engine, create_session_factory
from backend.models import Publication, WebhookDelivery
from backend.platforms.signatures import meta_sign, tiktok_sign, websub_sign
from backend.webhooks import service
from tests.broker import drain
from tests.factories import create_platform_account, create_publication, create_workspace
from tests.webhooks.helpers import (
    apply,
    delivery,
    instagram_body,
    instagram_headers,
    ledger_events,
    queued_deliveries,
    tiktok_body,
    tiktok_headers,
    youtube_body,
    youtube_headers,
)

SIGNED = {
    "instagram": (instagram_body(), instagram_headers),
    "tiktok": (tiktok_body("post.publish.complete", {"publish_id": "p-1"}), tiktok_headers),
    "youtube": (youtube_body("dQw4w9WgXcQ", "UCchannel"), youtube_headers),
}


async def _chunks(parts: list[bytes], sent: list[int]):
    for part in parts:
        sent.append(len(part))
        yield part


@pytest.mark.parametrize("platform", list(SIGNED))
async def test_declared_oversize_is_refused_before_reading(client, settings, platform):
    limit = settings.webhook_max_body_bytes
    sent: list[int] = []
    response = await client.post(
        f"/webhooks/{platform}",
        content=_chunks([b"x" * 1024] * 4, sent),
        headers={"Content-Length": str(limit + 1)},
    )
    assert response.status_code == 413
    assert response.json()["error"] == "webhook_too_large"
    assert sent == []  # not one byte was read


@pytest.mark.parametrize("platform", list(SIGNED))
async def test_streamed_oversize_is_cut_off_at_the_cap(client, settings, platform):
    limit = settings.webhook_max_body_bytes
    sent: list[int] = []
    parts = [b"x" * 64 * 1024] * (limit // (64 * 1024) + 8)
    response = await client.post(f"/webhooks/{platform}", content=_chunks(parts, sent))
    assert response.status_code == 413
    assert sum(sent) <= limit + 64 * 1024  # stopped at the first chunk past the cap
    assert len(sent) < len(parts)


@pytest.mark.parametrize("platform", list(SIGNED))
async def test_streamed_body_under_the_cap_is_accepted(client, platform):
    body, sign = SIGNED[platform]
    sent: list[int] = []
    parts = [body[i : i + 100] for i in range(0, len(body), 100)]
    headers = {k: v for k, v in sign(body).items() if k.lower() != "content-length"}
    response = await client.post(
        f"/webhooks/{platform}", content=_chunks(parts, sent), headers=headers
    )
    assert response.status_code == 200, response.text
    assert response.json()["received"] == 1


def _garbage(seed: int) -> list[bytes]:
    rng = random.Random(seed)
    bodies = [
        b"",
        b"null",
        b"0",
        b'"string"',
        b"{}",
        b"[]",
        b"[{}]",
        b'{"entry": [null]}',
        b'{"object": "instagram", "entry": [{"id": [], "time": {}, "changes": [[]]}]}',
        b'{"event": 1, "create_time": 1e400, "user_openid": null, "content": 5}',
        b'{"event": "x", "create_time": 1, "user_openid": "u", "content": "[1]"}',
        b'{"a": ' * 50_000 + b"1" + b"}" * 50_000,
        b"1" * 100_000,
        b"<feed>" * 10_000,
        b"<?xml version='1.0' encoding='bogus'?><feed/>",
        b"<feed xmlns='http://www.w3.org/2005/Atom'><entry><yt:videoId/></entry></feed>",
        b"\x00\x01\x02\xff" * 100,
        "\ufeff{}".encode(),
        '{"event": "\ud800"}'.encode("utf-8", "surrogatepass"),
    ]
    bodies += [rng.randbytes(rng.randint(1, 4000)) for _ in range(25)]
    return bodies


def _header_variants(platform: str, body: bytes, settings) -> list[dict[str, str]]:
    now = int(time.time())
    secret = {
        "instagram": settings.instagram_app_secret,
        "tiktok": settings.tiktok_client_secret,
        "youtube": settings.youtube_websub_secret,
    }[platform].get_secret_value()
    signed = {
        "instagram": {"X-Hub-Signature-256": meta_sign(body, secret)},
        "tiktok": {"Tiktok-Signature": tiktok_sign(body, secret, now)},
        "youtube": {"X-Hub-Signature": websub_sign(body, secret)},
    }[platform]
    return [
        signed,
        {},
        dict.fromkeys(signed, ""),
        dict.fromkeys(signed, "sha256="),
        {"Tiktok-Signature": "t=,s=,=,,,"},
        {"Tiktok-Signature": f"t={'9' * 5000},s=00"},
        {"Tiktok-Signature": "t=\u00b2\u00b3,s=00"},  # digits to str.isdigit(), not to int()
        {"Tiktok-Signature": f"t=-{now},s=00"},
        {"X-Hub-Signature-256": "sha256=\u00e9\u00e9"},
        {"Content-Length": "abc"},
        {"Content-Length": "-1"},
    ]


@pytest.mark.parametrize("platform", list(SIGNED))
async def test_garbage_never_makes_a_500(client, settings, platform):
    statuses: set[int] = set()
    for seed, body in enumerate(_garbage(seed=7)):
        for headers in _header_variants(platform, body, settings):
            encoded = {name: value.encode("latin-1") for name, value in headers.items()}
            response = await client.post(f"/webhooks/{platform}", content=body, headers=encoded)
            assert response.status_code < 500, (seed, headers, response.text)
            if response.status_code != 200:
                assert set(response.json()) == {"error", "detail"}
            statuses.add(response.status_code)
    assert statuses <= {200, 400, 401, 413}
    assert 400 in statuses
    assert 401 in statuses


async def test_odd_subscription_checks_never_make_a_500(client):
    for path in ("/webhooks/instagram", "/webhooks/youtube"):
        for params in (
            {},
            {"hub.mode": "subscribe"},
            {"hub.mode": "subscribe", "hub.verify_token": "\u00e9", "hub.challenge": "1"},
            {"hub.mode": "subscribe", "hub.topic": "http://[::1", "hub.challenge": "1"},
            {
                "hub.mode": "subscribe",
                "hub.topic": "https://www.youtube.com/xml/feeds/videos.xml?"
                "channel_id=a&channel_id=b",
                "hub.challenge": "1",
            },
            {"hub.mode": "x" * 10_000, "hub.challenge": "\x00"},
            {"hub.lease_seconds": "\u0663", "hub.mode": "subscribe"},
        ):
            response = await client.get(path, params=params)
            assert response.status_code in (400, 403, 404), (path, params, response.text)


async def test_concurrent_redeliveries_are_recorded_once(scratch_database_url, settings):
    engine = create_engine(scratch_database_url, settings)
    sessions = create_session_factory(engine)
    body = tiktok_body("post.publish.complete", {"publish_id": "p-concurrent"})
    headers = tiktok_headers(body)

    async def deliver() -> service.WebhookReceipt:
        async with sessions() as session:
            receipt = await service.receive(session, settings, "tiktok", headers, body, time.time())
            await session.commit()
            return receipt

    try:
        receipts = await asyncio.gather(*(deliver() for _ in range(4)))
        async with sessions() as session:
            rows = await session.scalar(select(func.count()).select_from(WebhookDelivery))
    finally:
        await engine.dispose()
    assert sorted((r.received, r.duplicates) for r in receipts) == [(0, 1)] * 3 + [(1, 0)]
    assert rows == 1
    assert len(queued_deliveries()) == 1


async def _queued_publication_event(client, session) -> tuple[Publication, str]:
    workspace = await create_workspace(session)
    account = await create_platform_account(session, workspace, "tiktok", remote_id="openid-1")
    publication = await create_publication(session, account, remote_upload_id="p-1")
    await session.commit()
    body = tiktok_body("post.publish.complete", {"publish_id": "p-1"})
    response = await client.post("/webhooks/tiktok", content=body, headers=tiktok_headers(body))
    assert response.status_code == 200
    [delivery_id] = queued_deliveries()
    return publication, delivery_id


async def test_a_failing_application_is_kept_in_words_and_can_run_again(
    client, session, worker_sessions, monkeypatch
):
    publication, delivery_id = await _queued_publication_event(client, session)
    real = service.apply_remote_event

    async def half_then_crash(task_session, event):
        await real(task_session, event)
        raise RuntimeError("the database hiccupped")

    monkeypatch.setattr(service, "apply_remote_event", half_then_crash)
    assert await apply(delivery_id) == "failed"
    failed = await delivery(session, delivery_id)
    assert (failed.state, failed.error) == ("failed", "RuntimeError: the database hiccupped")
    reloaded = await session.get(Publication, publication.id, populate_existing=True)
    assert reloaded.state == "processing"  # the half-done change was rolled back
    [recorded] = await ledger_events(session, "webhook.failed")
    assert recorded.payload["error"] == "RuntimeError: the database hiccupped"

    monkeypatch.setattr(service, "apply_remote_event", real)
    assert await apply(delivery_id) == "applied"
    assert (await delivery(session, delivery_id)).error is None
    reloaded = await session.get(Publication, publication.id, populate_existing=True)
    assert reloaded.state == "published"


async def test_a_delivery_whose_apply_message_was_lost_is_sent_again(
    client, session, settings, worker_sessions
):
    """A worker killed mid-apply rolls the apply back and its message is gone; beat resends."""
    from datetime import timedelta

    from backend.models.base import utcnow

    publication, delivery_id = await _queued_publication_event(client, session)  # then lost
    assert await service.resend_due(session, settings) == 0  # just sent: not yet
    row = await delivery(session, delivery_id)
    assert row.resend_at is not None
    assert row.resend_at >= utcnow() + timedelta(seconds=settings.job_redispatch_after_seconds - 5)
    row.resend_at = utcnow() - timedelta(seconds=1)
    await session.commit()

    assert await service.resend_due(session, settings) == 1
    await session.commit()
    assert await service.resend_due(session, settings) == 0  # spaced, no pile-up
    resent = [h for h in drain() if h.get("task") == "webhooks.apply"]
    assert [h["kwargsrepr"] for h in resent] == [repr({"delivery_id": delivery_id})]
    assert await apply(delivery_id) == "applied"
    reloaded = await session.get(Publication, publication.id, populate_existing=True)
    assert reloaded.state == "published"
    assert await service.resend_due(session, settings) == 0  # applied: never again


async def test_a_missing_delivery_is_reported_not_raised(worker_sessions):
    assert await apply(str(uuid.uuid4())) == "missing"


async def test_ledger_and_delivery_keep_no_raw_body_or_secret(
    client, session, settings, worker_sessions
):
    body = json.dumps(
        {
            "object": "instagram",
            "entry": [
                {"id": "1784", "time": 5, "changes": [{"field": "messages", "value": "s3cr3t-dm"}]}
            ],
        }
    ).encode()
    response = await client.post(
        "/webhooks/instagram", content=body, headers=instagram_headers(body)
    )
    assert response.status_code == 200
    [delivery_id] = queued_deliveries()
    assert await apply(delivery_id) == "applied"
    stored = await delivery(session, delivery_id)
    events = await ledger_events(session, "webhook.received") + await ledger_events(
        session, "webhook.applied"
    )
    everything = json.dumps([stored.event, *[event.payload for event in events]])
    assert "s3cr3t-dm" not in everything
    assert settings.instagram_app_secret.get_secret_value() not in everything
    assert "sha256=" not in everything


def test_the_apply_task_is_registered_with_the_workers():
    from workers.celery_app import TASK_MODULES, celery_app

    assert "workers.tasks.webhooks" in TASK_MODULES
    assert service.APPLY_TASK in celery_app.tasks
