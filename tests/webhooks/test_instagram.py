"""Instagram: Meta's subscription check, X-Hub-Signature-256, batches recorded once."""

from __future__ import annotations

import json

import pytest

from tests.webhooks.helpers import (
    apply,
    delivery,
    instagram_body,
    instagram_headers,
    ledger_events,
    queued_deliveries,
)


def _check(settings, **overrides) -> dict[str, str]:
    params = {
        "hub.mode": "subscribe",
        "hub.verify_token": settings.instagram_webhook_verify_token.get_secret_value(),
        "hub.challenge": "1158201444",
    }
    params.update(overrides)
    return {key: value for key, value in params.items() if value is not None}


async def test_subscription_check_echoes_the_challenge(client, settings):
    response = await client.get("/webhooks/instagram", params=_check(settings))
    assert response.status_code == 200
    assert response.text == "1158201444"
    assert response.headers["content-type"].startswith("text/plain")


async def test_subscription_check_with_the_wrong_token_is_forbidden(client, settings):
    for token in ("not-ours", "", "é-not-ascii"):
        response = await client.get(
            "/webhooks/instagram", params=_check(settings, **{"hub.verify_token": token})
        )
        assert response.status_code == 403, token
        assert response.json()["error"] == "webhook_verify_token_mismatch"
        assert "1158201444" not in response.text


@pytest.mark.parametrize(
    "overrides",
    [
        {"hub.mode": None},
        {"hub.challenge": None},
        {"hub.verify_token": None},
        {"hub.mode": "unsubscribe"},
        {"hub.challenge": "x" * 10_000},
        {"hub.challenge": "line\nbreak"},
    ],
)
async def test_incomplete_subscription_check_is_a_bad_request(client, settings, overrides):
    response = await client.get("/webhooks/instagram", params=_check(settings, **overrides))
    assert response.status_code == 400
    assert response.json()["error"] == "webhook_verification_invalid"


async def test_signed_change_is_recorded_and_applied_without_effect(
    client, session, worker_sessions
):
    body = instagram_body(text="call me on 555-0100")
    response = await client.post(
        "/webhooks/instagram", content=body, headers=instagram_headers(body)
    )
    assert response.status_code == 200, response.text
    assert response.json() == {"received": 1, "duplicates": 0}
    [delivery_id] = queued_deliveries()
    stored = await delivery(session, delivery_id)
    assert (stored.platform, stored.kind) == ("instagram", "other")
    assert stored.event["remote_account_id"] == "17841400000000000"
    assert stored.event_key.startswith("17841400000000000:1777777777:comments:")
    assert "555-0100" not in json.dumps(stored.event)

    assert await apply(delivery_id) == "applied"
    assert (await delivery(session, delivery_id)).state == "applied"
    [received] = await ledger_events(session, "webhook.received")
    assert received.payload == {
        "platform": "instagram",
        "kind": "other",
        "event_key": stored.event_key,
        "delivery_id": delivery_id,
    }
    [applied] = await ledger_events(session, "webhook.applied")
    assert applied.payload["changed"] == 0


async def test_batch_and_its_redelivery(client, session):
    changes = [
        {"field": "comments", "value": {"id": "1", "text": "first"}},
        {"field": "comments", "value": {"id": "2", "text": "second"}},
        {"field": "mentions", "value": {"media_id": "3"}},
    ]
    document = {"object": "instagram", "entry": [{"id": "1784", "time": 1, "changes": changes}]}
    body = json.dumps(document).encode()
    first = await client.post("/webhooks/instagram", content=body, headers=instagram_headers(body))
    assert first.json() == {"received": 3, "duplicates": 0}
    # Meta's retry may re-batch: one old change next to a new one.
    document["entry"][0]["changes"] = [changes[1], {"field": "comments", "value": {"id": "4"}}]
    body = json.dumps(document).encode()
    again = await client.post("/webhooks/instagram", content=body, headers=instagram_headers(body))
    assert again.json() == {"received": 1, "duplicates": 1}
    assert len(queued_deliveries()) == 4
