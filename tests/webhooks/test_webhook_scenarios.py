"""The same webhook scenarios on every platform's ``/webhooks/<name>``: signatures, malformed
bodies, recording once, and what a platform's "it is live" notice does to a publication.

What only one platform does (Meta's batches, TikTok's timestamp freshness and account
revocation, YouTube's deletion notices, the subscription checks) stays in ``test_<platform>.py``.
"""

from __future__ import annotations

import pytest

from backend.models import Publication
from tests.factories import create_platform_account, create_publication, create_workspace
from tests.platforms.scenarios import CASES, PlatformCase, forged_signatures
from tests.webhooks.helpers import apply, apply_queued, ledger_events, queued_deliveries

COMPLETING = [case for case in CASES if case.completion is not None]
MALFORMED = [
    pytest.param(case, body, id=f"{case}-{index}")
    for case in CASES
    for index, body in enumerate(case.malformed)
]


async def _post(client, case: PlatformCase, body: bytes, headers: dict[str, str] | None = None):
    return await client.post(
        f"/webhooks/{case.name}",
        content=body,
        headers=case.sign(body) if headers is None else headers,
    )


@pytest.mark.parametrize("case", CASES, ids=str)
async def test_a_signed_event_is_recorded_and_applied_once(client, session, worker_sessions, case):
    body = case.delivery("remote-1")
    first = await _post(client, case, body)
    again = await _post(client, case, body)  # signed afresh, as a redelivery is
    assert first.status_code == 200, first.text
    assert first.json() == {"received": 1, "duplicates": 0}
    assert again.json() == {"received": 0, "duplicates": 1}
    [delivery_id] = queued_deliveries()
    assert await apply(delivery_id) == "applied"
    assert await apply(delivery_id) == "skipped"  # the task itself delivered twice
    [received] = await ledger_events(session, "webhook.received")
    assert received.payload["platform"] == case.name
    [applied] = await ledger_events(session, "webhook.applied")
    assert applied.payload["changed"] == 0


@pytest.mark.parametrize("case", CASES, ids=str)
async def test_a_wrong_or_missing_signature_is_refused(client, session, case):
    body = case.delivery("remote-1")
    for headers in forged_signatures(case, body):
        response = await _post(client, case, body, headers)
        assert response.status_code == 401, headers
        assert response.json()["error"] == "webhook_signature_invalid"
    assert queued_deliveries() == []
    assert await ledger_events(session, "webhook.received") == []


@pytest.mark.parametrize(("case", "body"), MALFORMED)
async def test_a_malformed_body_is_refused(client, case, body):
    response = await _post(client, case, body)
    assert response.status_code == 400, response.text
    assert response.json()["error"] == "webhook_malformed"
    assert queued_deliveries() == []


@pytest.mark.parametrize("case", CASES, ids=str)
async def test_only_platforms_that_check_subscriptions_are_answered_on_get(client, case):
    response = await client.get(f"/webhooks/{case.name}")
    if case.checks_subscription:  # an incomplete check
        assert response.status_code == 400
        assert response.json()["error"] == "webhook_verification_invalid"
    else:
        assert response.status_code == 405


async def _in_flight(session, case: PlatformCase, **overrides) -> Publication:
    workspace = await create_workspace(session)
    account = await create_platform_account(session, workspace, case.name, remote_id="remote-1")
    publication = await create_publication(
        session, account, state="processing", remote_upload_id="upload-1", **overrides
    )
    await session.commit()
    return publication


async def _reload(session, row):
    return await session.get(type(row), row.id, populate_existing=True)


@pytest.mark.parametrize("case", COMPLETING, ids=str)
async def test_a_live_notice_publishes_the_publication(client, session, worker_sessions, case):
    publication = await _in_flight(session, case, remote_post_id="post-1")
    assert case.completion is not None
    body = case.completion("remote-1", "upload-1", "post-1")
    response = await _post(client, case, body)
    assert response.json() == {"received": 1, "duplicates": 0}
    assert await apply_queued() == ["applied"]
    published = await _reload(session, publication)
    assert (published.state, published.remote_post_id) == ("published", "post-1")
    [event] = await ledger_events(session, "publication.published")
    assert event.publication_id == publication.id
    assert event.payload["source"] == "webhook"
    assert (await _post(client, case, body)).json() == {"received": 0, "duplicates": 1}


@pytest.mark.parametrize("case", COMPLETING, ids=str)
async def test_a_publication_a_worker_holds_is_left_to_the_worker(
    client, session, worker_sessions, case
):
    publication = await _in_flight(session, case, remote_post_id="post-1", lease_id="lease")
    assert case.completion is not None
    body = case.completion("remote-1", "upload-1", "post-1")
    assert (await _post(client, case, body)).status_code == 200
    assert await apply_queued() == ["applied"]
    assert (await _reload(session, publication)).state == "processing"
    assert len(await ledger_events(session, "publication.remote_completed")) == 1
    assert await ledger_events(session, "publication.published") == []
