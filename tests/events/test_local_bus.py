"""The embedded transport's own parts: the ring buffer's window and length, replay across the
start of the stream, and the datagram socket's file."""

from __future__ import annotations

import time
import uuid

from backend.events.bus import LocalBus
from backend.events.replay import RingBuffer
from backend.events.subscriber import Subscriber
from backend.events.wire import Envelope, Outgoing, envelope, format_id
from tests.events.support import ALL_READ, job_progress, received


def _at(millis: int, sequence: int = 0) -> Envelope:
    return envelope((millis, sequence), Outgoing(str(uuid.uuid4()), "job.progress", '{"a":1}'))


async def test_the_ring_forgets_past_its_window_and_its_length():
    now = int(time.time() * 1000)
    aged = RingBuffer(seconds=60, max_length=100, started=(now - 120_000, 0))
    old, recent = _at(now - 61_000), _at(now - 1_000)
    aged.append(old)
    aged.append(recent)
    assert await aged.since(format_id((now - 90_000, 0))) is None  # `old` was forgotten
    assert [item.id for item in await aged.since(old.id) or []] == [recent.id]

    short = RingBuffer(seconds=60, max_length=3, started=(now - 10, 0))
    items = [_at(now, sequence) for sequence in range(5)]
    for item in items:
        short.append(item)
    assert await short.since(items[0].id) is None
    assert [i.id for i in await short.since(items[1].id) or []] == [i.id for i in items[2:]]


async def test_the_socket_is_owner_only_and_goes_with_the_api(settings, tmp_path):
    bus = LocalBus(settings.model_copy(update={"events_url": "local", "data_dir": tmp_path}))
    await bus.start()
    socket_file = tmp_path / "events.sock"
    assert socket_file.stat().st_mode & 0o777 == 0o600
    assert await bus.replay.since("1-0") is None  # from before this API started
    await bus.stop()
    assert not socket_file.exists()


def test_the_broker_redis_carries_events_unless_told_otherwise(settings):
    on_redis = settings.model_copy(update={"broker_url": "redis://example:6379/0"})
    assert on_redis.effective_events_url == "redis://example:6379/0"
    assert (
        settings.model_copy(update={"broker_url": "filesystem://"}).effective_events_url == "local"
    )
    explicit = on_redis.model_copy(update={"events_url": "local"})
    assert explicit.effective_events_url == "local"


async def test_an_api_whose_socket_cannot_be_bound_still_streams_its_own_events(settings, tmp_path):
    too_long = tmp_path / ("d" * 120)
    bus = LocalBus(settings.model_copy(update={"events_url": "local", "data_dir": too_long}))
    await bus.start()
    try:
        workspace = uuid.uuid4()
        subscriber = Subscriber(str(workspace), ALL_READ, 10)
        bus.hub.subscribe(subscriber)
        bus.publish([job_progress(workspace, 7)])
        assert len(await received(subscriber, 1)) == 1
    finally:
        await bus.stop()
