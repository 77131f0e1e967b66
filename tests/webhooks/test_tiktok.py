"""TikTok: Tiktok-Signature over "{t}.{body}", freshness, the events and what they change."""

from __future__ import annotations

import time

import pytest

from backend.models import PlatformAccount, Publication
from tests.factories import create_platform_account, create_publication, create_workspace
from tests.webhooks.helpers import (
    apply,
    apply_queued,
    delivery,
    ledger_events,
    queued_deliveries,
    tiktok_body,
    tiktok_headers,
)


async def _publication(session, state: str = "processing", **overrides) -> Publication:
    workspace = await create_workspace(session)
    account = await create_platform_account(session, workspace, "tiktok", remote_id="openid-1")
    publication = await create_publication(
        session, account, state=state, remote_upload_id="v_pub_url~1", **overrides
    )
    await session.commit()
    return publication


async def _reload(session, row):
    return await session.get(type(row), row.id, populate_existing=True)


async def test_publish_complete_marks_it_published_by_publish_id(client, session, worker_sessions):
    publication = await _publication(session, state="uploading")
    body = tiktok_body("post.publish.complete", {"publish_id": "v_pub_url~1"})
    response = await client.post("/webhooks/tiktok", content=body, headers=tiktok_headers(body))
    assert response.status_code == 200
    assert await apply_queued() == ["applied"]
    assert (await _reload(session, publication)).state == "published"


async def test_publish_failed_shows_the_reason(client, session, worker_sessions):
    publication = await _publication(session)
    body = tiktok_body(
        "post.publish.failed", {"publish_id": "v_pub_url~1", "reason": "duration_check_failed"}
    )
    await client.post("/webhooks/tiktok", content=body, headers=tiktok_headers(body))
    assert await apply_queued() == ["applied"]
    failed = await _reload(session, publication)
    assert failed.error_reason == "duration_check_failed"
    [event] = await ledger_events(session, "publication.remote_failed")
    assert event.payload["reason"] == "duration_check_failed"


async def test_redelivery_is_applied_once(client, session, worker_sessions):
    await _publication(session)
    body = tiktok_body(
        "post.publish.publicly_available", {"publish_id": "v_pub_url~1", "post_id": "7301"}
    )
    first = await client.post("/webhooks/tiktok", content=body, headers=tiktok_headers(body))
    # TikTok redelivers the same body with a fresh signature timestamp.
    again = await client.post(
        "/webhooks/tiktok", content=body, headers=tiktok_headers(body, at=time.time() + 5)
    )
    assert first.json() == {"received": 1, "duplicates": 0}
    assert again.status_code == 200
    assert again.json() == {"received": 0, "duplicates": 1}
    [delivery_id] = queued_deliveries()
    assert await apply(delivery_id) == "applied"
    assert await apply(delivery_id) == "skipped"  # the task itself delivered twice
    assert len(await ledger_events(session, "webhook.received")) == 1
    assert len(await ledger_events(session, "webhook.applied")) == 1
    assert len(await ledger_events(session, "publication.published")) == 1


async def test_authorization_removed_asks_for_reconnection(client, session, worker_sessions):
    brand_a, brand_b = await create_workspace(session), await create_workspace(session)
    accounts = [
        await create_platform_account(session, brand, "tiktok", remote_id="openid-9")
        for brand in (brand_a, brand_b)
    ]
    other = await create_platform_account(session, brand_a, "tiktok", remote_id="openid-other")
    await session.commit()
    body = tiktok_body("authorization.removed", {"reason": 1}, openid="openid-9")
    response = await client.post("/webhooks/tiktok", content=body, headers=tiktok_headers(body))
    assert response.status_code == 200
    assert await apply_queued() == ["applied"]
    for account in accounts:
        revoked: PlatformAccount = await _reload(session, account)
        assert revoked.status == "needs_reauth"
        assert "access was removed" in (revoked.last_error or "")
    assert (await _reload(session, other)).status == "connected"
    alerts = await ledger_events(session, "account.needs_reauth")
    assert {event.workspace_id for event in alerts} == {brand_a.id, brand_b.id}
    for event in alerts:
        assert event.payload["alert"]["kind"] == "account_needs_reauth"
        assert event.payload["platform"] == "tiktok"
    [applied] = await ledger_events(session, "webhook.applied")
    assert applied.payload["kind"] == "account.revoked"
    assert applied.payload["changed"] == 2


async def test_an_unknown_event_is_acknowledged_and_changes_nothing(
    client, session, worker_sessions
):
    publication = await _publication(session)
    body = tiktok_body("video.comment.created", {"publish_id": "v_pub_url~1"})
    response = await client.post("/webhooks/tiktok", content=body, headers=tiktok_headers(body))
    assert response.json() == {"received": 1, "duplicates": 0}
    [delivery_id] = queued_deliveries()
    assert await apply(delivery_id) == "applied"
    assert (await delivery(session, delivery_id)).kind == "other"
    assert (await _reload(session, publication)).state == "processing"


@pytest.mark.parametrize("offset", [-1, 1])
async def test_stale_or_future_timestamp_is_refused(client, session, settings, offset):
    body = tiktok_body("post.publish.complete", {"publish_id": "v_pub_url~1"})
    at = time.time() + offset * (settings.webhook_max_age_seconds + 30)
    response = await client.post("/webhooks/tiktok", content=body, headers=tiktok_headers(body, at))
    assert response.status_code == 401
    assert response.json()["error"] == "webhook_signature_stale"
    assert queued_deliveries() == []
