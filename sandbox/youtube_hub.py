"""The WebSub (PubSubHubbub) hub YouTube publishes upload notices through, emulated.

``POST /youtube/hub/subscribe`` (form: hub.mode, hub.callback, hub.topic, hub.secret,
hub.lease_seconds, hub.verify) answers 202, then verifies intent with
``GET callback?hub.mode&hub.topic&hub.challenge&hub.lease_seconds`` and activates the
subscription only when the challenge comes back in a 2xx body (``hub.verify=sync``: verified
before answering, 204 or 409). Each new public video on a subscribed channel is then POSTed to the
callback as an Atom entry, signed ``X-Hub-Signature: sha1=...`` when a secret was given.
"""

from __future__ import annotations

import asyncio
import secrets
from datetime import UTC, datetime
from urllib.parse import parse_qs, urlsplit
from xml.sax.saxutils import escape

import httpx
import structlog
from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from backend.platforms.signatures import websub_sign
from sandbox.context import read_form, with_retry_after
from sandbox.faults import lost
from sandbox.youtube_world import PLATFORM, Subscription, Video, World

log = structlog.get_logger(__name__)

HUB_URL = "https://pubsubhubbub.appspot.com"
TOPIC_PREFIX = "https://www.youtube.com/xml/feeds/videos.xml?channel_id="
MAX_SECRET_BYTES = 200


def injected_hub_error(status: int, message: str, retry_after: int | None) -> Response:
    return PlainTextResponse(message, status_code=status, headers=with_retry_after({}, retry_after))


def channel_of(topic: str) -> str | None:
    parts = urlsplit(topic)
    if f"{parts.scheme}://{parts.netloc}{parts.path}" not in (
        TOPIC_PREFIX.split("?")[0],
        TOPIC_PREFIX.split("?")[0].replace("https://", "http://"),
    ):
        return None
    channel = parse_qs(parts.query).get("channel_id", [""])[0]
    return channel or None


class Hub:
    def __init__(self, world: World) -> None:
        self.world = world
        self._tasks: set[asyncio.Task[bool]] = set()
        self.router = APIRouter()
        self.router.add_api_route(
            "/hub/subscribe", self.subscribe, methods=["POST"], include_in_schema=False
        )

    async def subscribe(self, request: Request) -> Response:
        rule, injected = await self.world.context.inject(
            PLATFORM, "hub_subscribe", injected_hub_error
        )
        if injected is not None:
            return injected
        form = await read_form(request)
        mode = form.get("hub.mode", "")
        callback = form.get("hub.callback", "")
        topic = form.get("hub.topic", "")
        secret = form.get("hub.secret") or None
        if mode not in ("subscribe", "unsubscribe"):
            return PlainTextResponse("Invalid value for hub.mode", status_code=400)
        if urlsplit(callback).scheme not in ("http", "https") or not urlsplit(callback).netloc:
            return PlainTextResponse("Invalid value for hub.callback", status_code=400)
        channel_id = channel_of(topic)
        if channel_id is None:
            return PlainTextResponse("Invalid value for hub.topic", status_code=400)
        if secret is not None and len(secret.encode()) >= MAX_SECRET_BYTES:
            return PlainTextResponse("Invalid value for hub.secret", status_code=400)
        config = self.world.config
        try:
            lease = int(form.get("hub.lease_seconds") or config.websub_default_lease_seconds)
        except ValueError:
            return PlainTextResponse("Invalid value for hub.lease_seconds", status_code=400)
        lease = max(1, min(lease, config.websub_max_lease_seconds))
        wanted = Subscription(
            callback=callback,
            topic=topic,
            channel_id=channel_id,
            secret=secret,
            expires_at=self.world.now() + lease,
        )
        verification = self._verify(mode, wanted, lease)
        if form.get("hub.verify") == "sync":
            verified = await verification
            response: Response = Response(status_code=204 if verified else 409)
        else:
            task = asyncio.get_running_loop().create_task(verification)
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)
            response = Response(status_code=202)
        lost(rule)
        return response

    async def _verify(self, mode: str, wanted: Subscription, lease: int) -> bool:
        challenge = secrets.token_urlsafe(24)
        params = {
            "hub.mode": mode,
            "hub.topic": wanted.topic,
            "hub.challenge": challenge,
            "hub.lease_seconds": str(lease),
        }
        try:
            async with httpx.AsyncClient(timeout=httpx.Timeout(10.0, connect=5.0)) as client:
                answer = await client.get(wanted.callback, params=params)
        except httpx.HTTPError as error:
            log.info("sandbox.youtube.websub_unverified", error=type(error).__name__)
            return False
        if not answer.is_success or answer.text.strip() != challenge:
            log.info("sandbox.youtube.websub_refused", status=answer.status_code)
            return False
        key = (wanted.callback, wanted.topic)
        if mode == "subscribe":
            self.world.subscriptions[key] = wanted
        else:
            self.world.subscriptions.pop(key, None)
        log.info("sandbox.youtube.websub_verified", mode=mode, channel_id=wanted.channel_id)
        return True

    def notify(self, video: Video) -> None:
        """Deliver the Atom entry for a new video to every live subscription on its channel."""
        for subscription in list(self.world.subscriptions.values()):
            if subscription.channel_id != video.channel_id:
                continue
            if self.world.now() >= subscription.expires_at:
                continue
            body = atom_entry(video, subscription.topic)
            headers = {
                "Content-Type": "application/atom+xml",
                "Link": f"<{HUB_URL}>; rel=hub, <{subscription.topic}>; rel=self",
            }
            if subscription.secret:
                headers["X-Hub-Signature"] = websub_sign(body, subscription.secret)
            self.world.context.send_webhook(subscription.callback, body, headers)
            self.world.notifications_sent += 1

    def stats(self) -> list[dict[str, object]]:
        return [
            {
                "callback": s.callback,
                "topic": s.topic,
                "channel_id": s.channel_id,
                "active": self.world.now() < s.expires_at,
            }
            for s in self.world.subscriptions.values()
        ]


def atom_entry(video: Video, topic: str) -> bytes:
    # Timestamps in signed deliveries are real time, not the sandbox clock.
    now = datetime.now(UTC).isoformat()
    video_id, channel_id = escape(video.video_id), escape(video.channel_id)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<feed xmlns:yt="http://www.youtube.com/xml/schemas/2015" '
        'xmlns="http://www.w3.org/2005/Atom">\n'
        f'  <link rel="hub" href="{HUB_URL}"/>\n'
        f'  <link rel="self" href="{escape(topic)}"/>\n'
        "  <title>YouTube video feed</title>\n"
        f"  <updated>{now}</updated>\n"
        "  <entry>\n"
        f"    <id>yt:video:{video_id}</id>\n"
        f"    <yt:videoId>{video_id}</yt:videoId>\n"
        f"    <yt:channelId>{channel_id}</yt:channelId>\n"
        f"    <title>{escape(video.title)}</title>\n"
        f'    <link rel="alternate" href="https://www.youtube.com/watch?v={video_id}"/>\n'
        f"    <author><name>{channel_id}</name>"
        f"<uri>https://www.youtube.com/channel/{channel_id}</uri></author>\n"
        f"    <published>{now}</published>\n"
        f"    <updated>{now}</updated>\n"
        "  </entry>\n"
        "</feed>\n"
    ).encode()
