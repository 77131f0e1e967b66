"""The embedded transport's own parts: the ring buffer's window and length, replay across the
start of the stream, the datagram socket's file, and workers' sends to it."""

from __future__ import annotations

import json
import socket
import threading
import time
import uuid
from pathlib import Path

from backend.events.bus import LocalBus
from backend.events.replay import RingBuffer
from backend.events.subscriber import Subscriber
from backend.events.transports.local import DatagramPublisher, unpack
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


def _listening(path: Path) -> socket.socket:
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    listener.bind(str(path))
    listener.settimeout(10)
    return listener


def _progress_of(datagram: bytes) -> int:
    item = unpack(datagram)
    assert item is not None
    return int(json.loads(item.body)["data"]["progress"])


def test_a_burst_larger_than_the_socket_queue_arrives_whole_and_in_order(tmp_path):
    # Linux queues about ten datagrams per socket: the worker must wait for room, not drop.
    with _listening(tmp_path / "events.sock") as listener:
        events = [job_progress(uuid.uuid4(), percent) for percent in range(100)]
        publisher = DatagramPublisher(tmp_path / "events.sock")
        sending = threading.Thread(target=publisher, args=(events,))
        sending.start()
        got = [_progress_of(listener.recv(65536)) for _ in events]
        sending.join()
    assert got == list(range(100))


def test_an_api_that_does_not_read_holds_a_worker_back_only_for_the_budget(tmp_path):
    with _listening(tmp_path / "events.sock") as listener:
        publisher = DatagramPublisher(tmp_path / "events.sock", budget_seconds=0.2)
        started = time.monotonic()
        publisher([job_progress(uuid.uuid4(), percent) for percent in range(100)])
        assert time.monotonic() - started < 5
        listener.setblocking(False)
        queued = []
        while True:
            try:
                queued.append(_progress_of(listener.recv(65536)))
            except BlockingIOError:
                break
    assert 0 < len(queued) < 100
    assert queued == list(range(len(queued)))  # the first ones, the rest dropped


def test_a_worker_reaches_an_api_started_again_on_the_same_socket(tmp_path):
    path = tmp_path / "events.sock"
    publisher = DatagramPublisher(path)
    publisher([job_progress(uuid.uuid4(), 1)])  # no API yet: dropped, no error
    with _listening(path) as first:
        publisher([job_progress(uuid.uuid4(), 2)])
        assert _progress_of(first.recv(65536)) == 2
    path.unlink()
    with _listening(path) as second:
        publisher([job_progress(uuid.uuid4(), 3)])
        assert _progress_of(second.recv(65536)) == 3
