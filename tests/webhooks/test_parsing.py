"""What each platform's parse() makes of a verified body: kinds, ids and stable dedupe keys."""

from __future__ import annotations

import json

import pytest

from backend.platforms.base import MalformedWebhook, WebhookEvent
from backend.platforms.instagram import webhooks as instagram
from backend.platforms.tiktok import webhooks as tiktok
from backend.platforms.youtube import webhooks as youtube
from backend.webhooks.schemas import event_from_json, event_to_json
from tests.webhooks.helpers import ATOM_DELETED, tiktok_body, youtube_body


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("post.publish.complete", {"publish_id": "p"}, ("publish.completed", "p", None, None)),
        (
            "post.publish.inbox_delivered",
            {"publish_id": "p", "publish_type": "INBOX_SHARE"},
            ("publish.completed", "p", None, None),
        ),
        (
            "post.publish.publicly_available",
            {"publish_id": "p", "post_id": "73"},
            ("publish.available", "p", "73", None),
        ),
        (
            "post.publish.failed",
            {"publish_id": "p", "reason": "spam_risk_too_many_posts"},
            ("publish.failed", "p", None, "spam_risk_too_many_posts"),
        ),
        (
            "post.publish.no_longer_publicaly_available",
            {"publish_id": "p", "post_id": 73},
            ("publish.removed", "p", "73", None),
        ),
        ("authorization.removed", {"reason": 1}, ("account.revoked", None, None, "1")),
        ("video.upload.failed", {"anything": True}, ("other", None, None, None)),
    ],
)
def test_tiktok_events(name, data, expected):
    [event] = tiktok.parse(tiktok_body(name, data, openid="open-7"))
    assert (event.kind, event.remote_upload_id, event.remote_post_id, event.reason) == expected
    assert (event.platform, event.remote_account_id) == ("tiktok", "open-7")


def test_tiktok_key_is_stable_and_tells_events_apart():
    body = tiktok_body("post.publish.complete", {"publish_id": "p"})
    [first], [again] = tiktok.parse(body), tiktok.parse(body)
    assert first.key == again.key
    assert len(first.key) == 64
    [later] = tiktok.parse(tiktok_body("post.publish.complete", {"publish_id": "p"}, create_time=2))
    [other_user] = tiktok.parse(
        tiktok_body("post.publish.complete", {"publish_id": "p"}, openid="x")
    )
    assert len({first.key, later.key, other_user.key}) == 3


def test_tiktok_client_key_is_checked_only_when_given():
    body = tiktok_body("post.publish.complete", {"publish_id": "p"}, client_key="someone-else")
    assert tiktok.parse(body)
    with pytest.raises(MalformedWebhook, match="client_key"):
        tiktok.parse(body, client_key="ours")


def test_instagram_one_event_per_change_keyed_by_entry_time_field_and_content():
    document = {
        "object": "instagram",
        "entry": [
            {
                "id": "1784",
                "time": 1700000000,
                "changes": [
                    {"field": "comments", "value": {"id": "1", "text": "a"}},
                    {"field": "comments", "value": {"id": "2", "text": "b"}},
                ],
            },
            {"id": "1785", "time": 1700000001, "field": "mentions", "value": {"media_id": "9"}},
        ],
    }
    events = instagram.parse(json.dumps(document).encode())
    assert [(e.kind, e.remote_account_id) for e in events] == [
        ("other", "1784"),
        ("other", "1784"),
        ("other", "1785"),
    ]
    assert events[0].key.startswith("1784:1700000000:comments:")
    assert events[2].key.startswith("1785:1700000001:mentions:")
    assert len({e.key for e in events}) == 3
    # The same change, its JSON written in another order, is the same event.
    document["entry"][0]["changes"][0] = {"value": {"text": "a", "id": "1"}, "field": "comments"}
    assert instagram.parse(json.dumps([document]).encode())[0].key == events[0].key


def test_youtube_upload_and_deletion():
    [upload] = youtube.parse(youtube_body("vid123", "UCabc", updated="2026-05-01T10:00:00Z"))
    assert upload == WebhookEvent(
        platform="youtube",
        kind="publish.completed",
        key="vid123:2026-05-01T10:00:00Z",
        remote_account_id="UCabc",
        remote_post_id="vid123",
    )
    [deleted] = youtube.parse(ATOM_DELETED.format(video="vid123", channel="UCabc").encode())
    assert (deleted.kind, deleted.remote_post_id, deleted.remote_account_id) == (
        "publish.removed",
        "vid123",
        "UCabc",
    )
    assert deleted.key != upload.key


@pytest.mark.parametrize(
    ("topic", "channel"),
    [
        ("https://www.youtube.com/xml/feeds/videos.xml?channel_id=UC_x-1", "UC_x-1"),
        ("http://youtube.com/xml/feeds/videos.xml?channel_id=UCa", "UCa"),
        ("https://www.youtube.com/xml/feeds/videos.xml?playlist_id=PL1", None),
        ("https://www.youtube.com/xml/feeds/videos.xml?channel_id=UCa%0A", None),
        ("https://www.youtube.com.evil/xml/feeds/videos.xml?channel_id=UCa", None),
        ("ftp://www.youtube.com/xml/feeds/videos.xml?channel_id=UCa", None),
        ("", None),
    ],
)
def test_youtube_topic(topic, channel):
    assert youtube.channel_of_topic(topic) == channel


def test_stored_event_round_trips():
    [event] = tiktok.parse(tiktok_body("post.publish.failed", {"publish_id": "p", "reason": "x"}))
    assert event_from_json(json.loads(json.dumps(event_to_json(event)))) == event
