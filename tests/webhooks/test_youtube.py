"""YouTube: the WebSub intent check, X-Hub-Signature (sha1), Atom parsed without DTDs."""

from __future__ import annotations

import uuid

import pytest

from backend.events import DomainEvent, set_publisher
from backend.models import NotificationSubscription, Publication
from tests.factories import (
    auth_headers,
    create_member,
    create_platform_account,
    create_publication,
    create_workspace,
)
from tests.webhooks.helpers import (
    ATOM_DELETED,
    apply_queued,
    ledger_events,
    youtube_body,
    youtube_headers,
)

CHANNEL = "UCx1b2c3d4e5f6g7h8i9j0kl"
FEED = f"https://www.youtube.com/xml/feeds/videos.xml?channel_id={CHANNEL}"


def _intent(**overrides) -> dict[str, str]:
    params = {
        "hub.mode": "subscribe",
        "hub.topic": FEED,
        "hub.challenge": "a9f1c0e2-challenge",
        "hub.lease_seconds": "432000",
    }
    params.update(overrides)
    return {key: value for key, value in params.items() if value is not None}


async def _channel(session, status: str = "connected"):
    workspace = await create_workspace(session)
    account = await create_platform_account(
        session, workspace, "youtube", remote_id=CHANNEL, status=status
    )
    await session.commit()
    return account


async def _reload(session, row):
    return await session.get(type(row), row.id, populate_existing=True)


@pytest.mark.parametrize("mode", ["subscribe", "unsubscribe"])
async def test_intent_check_for_a_connected_channel_echoes_the_challenge(client, session, mode):
    await _channel(session, status="needs_reauth")  # any status: the row is what counts
    response = await client.get("/webhooks/youtube", params=_intent(**{"hub.mode": mode}))
    assert response.status_code == 200, response.text
    assert response.text == "a9f1c0e2-challenge"
    assert response.headers["content-type"].startswith("text/plain")


async def test_the_hubs_check_makes_the_accounts_notifications_live(client, session):
    workspace = await create_workspace(session)
    account = await create_platform_account(session, workspace, "youtube", remote_id=CHANNEL)
    admin = await create_member(session, workspace, "admin")
    session.add(
        NotificationSubscription(
            id=uuid.uuid4(), account_id=account.id, workspace_id=account.workspace_id
        )
    )
    await session.commit()
    headers = await auth_headers(client, admin, workspace)

    async def notifications() -> dict:
        [listed] = (await client.get("/v1/accounts", headers=headers)).json()["items"]
        return listed["notifications"]

    before = await notifications()
    assert (before["state"], before["confirmed_at"]) == ("pending", None)
    published: list[DomainEvent] = []
    set_publisher(published.extend)
    try:
        response = await client.get("/webhooks/youtube", params=_intent())
    finally:
        set_publisher(None)
    assert response.status_code == 200
    assert (await notifications())["confirmed_at"] is not None
    [announced] = [event for event in published if event.type == "account.state"]
    assert (announced.subject_id, announced.data["change"]) == (
        account.id,
        "account.notifications_live",
    )


async def test_unsubscribing_from_a_channel_we_no_longer_hold_is_confirmed(client, session):
    # Its account was removed: confirming the unsubscribe is what stops the deliveries.
    gone = "https://www.youtube.com/xml/feeds/videos.xml?channel_id=UCremovedchannel"
    params = _intent(**{"hub.mode": "unsubscribe", "hub.topic": gone})
    response = await client.get("/webhooks/youtube", params=params)
    assert response.status_code == 200
    assert response.text == "a9f1c0e2-challenge"
    subscribe = await client.get("/webhooks/youtube", params={**params, "hub.mode": "subscribe"})
    assert subscribe.status_code == 404


@pytest.mark.parametrize(
    "topic",
    [
        "https://www.youtube.com/xml/feeds/videos.xml?channel_id=UCsomeoneelse",
        "https://evil.example/xml/feeds/videos.xml?channel_id=" + CHANNEL,
        FEED + "&extra=1",
        "https://www.youtube.com/feeds/videos.xml?channel_id=" + CHANNEL,
        "not a url at all",
    ],
)
async def test_intent_check_for_an_unknown_topic_is_not_found(client, session, topic):
    await _channel(session)
    response = await client.get("/webhooks/youtube", params=_intent(**{"hub.topic": topic}))
    assert response.status_code == 404
    assert response.json()["error"] == "webhook_topic_unknown"


@pytest.mark.parametrize(
    "overrides",
    [
        {"hub.mode": None},
        {"hub.topic": None},
        {"hub.challenge": None},
        {"hub.mode": "denied"},
        {"hub.lease_seconds": "forever"},
    ],
)
async def test_incomplete_intent_check_is_a_bad_request(client, session, overrides):
    await _channel(session)
    response = await client.get("/webhooks/youtube", params=_intent(**overrides))
    assert response.status_code == 400


async def test_an_edit_notice_is_a_new_event_that_publishes_nothing_again(
    client, session, worker_sessions
):
    account = await _channel(session)
    publication: Publication = await create_publication(
        session, account, state="processing", remote_post_id="dQw4w9WgXcQ"
    )
    await session.commit()
    body = youtube_body("dQw4w9WgXcQ", CHANNEL)
    await client.post("/webhooks/youtube", content=body, headers=youtube_headers(body))
    assert await apply_queued() == ["applied"]
    assert (await _reload(session, publication)).state == "published"

    # The title changes: a new <updated>, so a new event, and nothing to do.
    edited = youtube_body("dQw4w9WgXcQ", CHANNEL, updated="2026-05-01T11:00:00+00:00")
    await client.post("/webhooks/youtube", content=edited, headers=youtube_headers(edited))
    assert await apply_queued() == ["applied"]
    assert len(await ledger_events(session, "publication.published")) == 1


async def test_deletion_notice_is_recorded_on_the_publication(client, session, worker_sessions):
    account = await _channel(session)
    publication = await create_publication(
        session, account, state="published", remote_post_id="dQw4w9WgXcQ"
    )
    await session.commit()
    body = ATOM_DELETED.format(video="dQw4w9WgXcQ", channel=CHANNEL).encode()
    response = await client.post("/webhooks/youtube", content=body, headers=youtube_headers(body))
    assert response.json() == {"received": 1, "duplicates": 0}
    assert await apply_queued() == ["applied"]
    [removed] = await ledger_events(session, "publication.removed")
    assert removed.publication_id == publication.id


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>&lol3;</title></entry></feed>"""
XXE = b"""<?xml version="1.0"?>
<!DOCTYPE feed [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>&secret;</title></entry></feed>"""
