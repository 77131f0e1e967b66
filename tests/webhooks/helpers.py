"""Signed deliveries as each platform sends them, and running what they queued."""

from __future__ import annotations

import json
import time
import uuid
from typing import Any

from sqlalchemy import select

from backend.config import get_settings
from backend.models import LedgerEvent, WebhookDelivery
from backend.platforms.signatures import meta_sign, tiktok_sign, websub_sign
from tests.broker import drain
from workers.tasks import base
from workers.tasks import webhooks as webhook_tasks

ATOM_FEED = """<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns:yt="http://www.youtube.com/xml/schemas/2015" xmlns="http://www.w3.org/2005/Atom">
  <link rel="hub" href="https://pubsubhubbub.appspot.com"/>
  <link rel="self" href="https://www.youtube.com/xml/feeds/videos.xml?channel_id={channel}"/>
  <title>YouTube video feed</title>
  <updated>2026-05-01T10:00:00.123456789+00:00</updated>
  <entry>
    <id>yt:video:{video}</id>
    <yt:videoId>{video}</yt:videoId>
    <yt:channelId>{channel}</yt:channelId>
    <title>A clip worth watching</title>
    <link rel="alternate" href="https://www.youtube.com/watch?v={video}"/>
    <author><name>Brand</name><uri>https://www.youtube.com/channel/{channel}</uri></author>
    <published>2026-05-01T09:59:00+00:00</published>
    <updated>{updated}</updated>
  </entry>
</feed>"""

ATOM_DELETED = """<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns:at="http://purl.org/atompub/tombstones/1.0" xmlns="http://www.w3.org/2005/Atom">
  <at:deleted-entry ref="yt:video:{video}" when="2026-05-02T08:00:00+00:00">
    <link href="https://www.youtube.com/watch?v={video}"/>
    <at:by>
      <name>Brand</name>
      <uri>https://www.youtube.com/channel/{channel}</uri>
    </at:by>
  </at:deleted-entry>
</feed>"""


def instagram_body(account_id: str = "17841400000000000", **value: Any) -> bytes:
    change = {"field": "comments", "value": {"id": "1790", "text": "love it", **value}}
    entry = {"id": account_id, "time": 1777777777, "changes": [change]}
    return json.dumps({"object": "instagram", "entry": [entry]}).encode()


def instagram_headers(body: bytes) -> dict[str, str]:
    secret = get_settings().instagram_app_secret.get_secret_value()
    return {"Content-Type": "application/json", "X-Hub-Signature-256": meta_sign(body, secret)}


def tiktok_body(
    event: str, data: dict[str, Any], *, openid: str = "openid-1", **envelope: Any
) -> bytes:
    """The envelope TikTok posts; ``data`` becomes its ``content`` JSON string."""
    fields = {
        "client_key": get_settings().tiktok_client_key,
        "event": event,
        "create_time": 1777777777,
        "user_openid": openid,
        "content": json.dumps(data),
        **envelope,
    }
    return json.dumps(fields).encode()


def tiktok_headers(body: bytes, at: float | None = None) -> dict[str, str]:
    secret = get_settings().tiktok_client_secret.get_secret_value()
    timestamp = int(time.time() if at is None else at)
    return {
        "Content-Type": "application/json",
        "Tiktok-Signature": tiktok_sign(body, secret, timestamp),
    }


def youtube_body(video: str, channel: str, updated: str = "2026-05-01T10:00:00+00:00") -> bytes:
    return ATOM_FEED.format(video=video, channel=channel, updated=updated).encode()


def youtube_headers(body: bytes) -> dict[str, str]:
    secret = get_settings().youtube_websub_secret.get_secret_value()
    return {"Content-Type": "application/atom+xml", "X-Hub-Signature": websub_sign(body, secret)}


def queued_deliveries() -> list[str]:
    """Ids of the deliveries whose apply task reached the broker (the task id is the delivery's)."""
    return [h["id"] for h in drain() if h.get("task") == "webhooks.apply"]


async def apply(delivery_id: str) -> str:
    """The apply task's body in the wrapper's own transaction (needs ``worker_sessions``)."""
    return await base._in_transaction(
        lambda session: webhook_tasks.apply.__wrapped_body__(session, delivery_id=delivery_id)
    )


async def apply_queued() -> list[str]:
    return [await apply(delivery_id) for delivery_id in queued_deliveries()]


async def ledger_events(session, type_: str) -> list[LedgerEvent]:
    result = await session.scalars(
        select(LedgerEvent)
        .where(LedgerEvent.type == type_)
        .execution_options(populate_existing=True)
    )
    return list(result)


async def delivery(session, delivery_id: str) -> WebhookDelivery:
    found = await session.get(WebhookDelivery, uuid.UUID(delivery_id), populate_existing=True)
    assert found is not None
    return found
