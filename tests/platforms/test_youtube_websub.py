"""The sandbox's WebSub hub and the client's subscribe(): intent verification, signed Atom
notices for new videos."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from dataclasses import dataclass, field

import httpx
import pytest
from fastapi import FastAPI
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from backend.platforms.base import PermanentError
from backend.platforms.signatures import websub_verify
from backend.platforms.youtube import YouTubePublisher, subscribe
from tests.platforms.conftest import Sandbox
from tests.platforms.youtube_helpers import (
    credentials_for,
    media_file,
    wait_for_phase,
    youtube_post,
)
from tests.servers import serving


@dataclass
class Receiver:
    url: str
    echo: bool = True
    verifications: list[dict[str, str]] = field(default_factory=list)
    deliveries: list[tuple[dict[str, str], bytes]] = field(default_factory=list)


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    app = FastAPI()
    state = Receiver(url="")

    @app.get("/webhooks/youtube")
    async def verify(request: Request) -> Response:
        state.verifications.append(dict(request.query_params))
        challenge = request.query_params.get("hub.challenge", "") if state.echo else "nope"
        return PlainTextResponse(challenge)

    @app.post("/webhooks/youtube")
    async def deliver(request: Request) -> Response:
        state.deliveries.append((dict(request.headers), await request.body()))
        return Response(status_code=204)

    with serving(app) as url:
        state.url = f"{url}/webhooks/youtube"
        yield state


async def until(condition: object, within_seconds: float = 10.0) -> None:
    deadline = time.monotonic() + within_seconds
    while not condition():  # type: ignore[operator]
        assert time.monotonic() < deadline, "condition not met in time"
        await asyncio.sleep(0.05)


def subscriptions(sandbox: Sandbox) -> list[dict[str, object]]:
    return sandbox.stats()["youtube"]["websub"]["subscriptions"]  # type: ignore[index,no-any-return]


async def test_subscribe_verify_and_receive_signed_notices(
    sandbox: Sandbox, receiver: Receiver
) -> None:
    credentials = await credentials_for(sandbox, "alice")
    channel_id = credentials.remote_account_id
    await subscribe(sandbox.settings, channel_id, receiver.url)
    await until(lambda: bool(subscriptions(sandbox)))
    check = receiver.verifications[0]
    assert check["hub.mode"] == "subscribe"
    assert check["hub.topic"].endswith(f"videos.xml?channel_id={channel_id}")
    assert int(check["hub.lease_seconds"]) > 0

    publisher = YouTubePublisher(sandbox.settings)
    media = media_file()
    ticket = await publisher.begin(credentials, media, youtube_post(caption="new!"))
    await publisher.upload(credentials, ticket, media, offset=0)
    state = await wait_for_phase(publisher, credentials, ticket, {"published"})

    await until(lambda: bool(receiver.deliveries))
    headers, body = receiver.deliveries[0]
    websub_verify(headers, body, sandbox.settings.youtube_websub_secret.get_secret_value())
    assert headers["content-type"].startswith("application/atom+xml")
    assert f"<yt:videoId>{state.remote_post_id}</yt:videoId>".encode() in body
    assert f"<yt:channelId>{channel_id}</yt:channelId>".encode() in body


async def test_private_videos_and_other_channels_send_nothing(
    sandbox: Sandbox, receiver: Receiver
) -> None:
    alice = await credentials_for(sandbox, "alice")
    bob = await credentials_for(sandbox, "bob")
    await subscribe(sandbox.settings, alice.remote_account_id, receiver.url)
    await until(lambda: bool(subscriptions(sandbox)))
    publisher = YouTubePublisher(sandbox.settings)
    media = media_file()
    for credentials, post in (
        (alice, youtube_post("x", privacy="private")),
        (bob, youtube_post("y")),
    ):
        ticket = await publisher.begin(credentials, media, post)
        await publisher.upload(credentials, ticket, media, offset=0)
    assert sandbox.stats()["youtube"]["websub"]["notifications_sent"] == 0  # type: ignore[index]


@pytest.mark.parametrize(("echo", "status", "active"), [(False, 409, 0), (True, 204, 1)])
async def test_only_confirmed_intent_subscribes(
    sandbox: Sandbox, receiver: Receiver, echo: bool, status: int, active: int
) -> None:
    receiver.echo = echo
    form = {
        "hub.mode": "subscribe",
        "hub.callback": receiver.url,
        "hub.topic": "https://www.youtube.com/xml/feeds/videos.xml?channel_id=UCabc",
        "hub.verify": "sync",  # answer only after verifying, so the outcome is in the status
    }
    async with httpx.AsyncClient(timeout=10) as client:
        answer = await client.post(f"{sandbox.url}/youtube/hub/subscribe", data=form)
    assert answer.status_code == status
    assert len(receiver.verifications) == 1
    assert len(subscriptions(sandbox)) == active


async def test_a_malformed_topic_is_refused(sandbox: Sandbox) -> None:
    with pytest.raises(PermanentError):
        await subscribe(sandbox.settings, "", "not a url")
