"""The bus on each transport (embedded, and Redis when STAKAZO_TEST_REDIS_URL is set): events
from another process reach every subscriber as one serialised string, a slow subscriber is
dropped without holding up the others, and replay gives what was missed or says resync."""

from __future__ import annotations

import json
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass

import pytest
import redis

from backend.events import wire
from backend.events.bus import EventBus, LocalBus, RedisBus, worker_publisher
from backend.events.recorder import Publisher
from backend.events.subscriber import TOO_SLOW, Subscriber
from tests.conftest import TEST_REDIS_URL
from tests.events.support import ALL_READ, job_progress, received

TRANSPORTS = ["local", *(["redis"] if TEST_REDIS_URL else [])]


@dataclass
class Running:
    bus: EventBus
    worker: Publisher  # what a worker process would publish with


@pytest.fixture(params=TRANSPORTS)
async def running(request, settings, tmp_path) -> AsyncIterator[Running]:
    key = f"stakazo:test-events:{uuid.uuid4().hex}"
    if request.param == "redis":
        configured = settings.model_copy(
            update={"events_url": TEST_REDIS_URL, "events_stream_key": key}
        )
        bus: EventBus = RedisBus(configured, str(TEST_REDIS_URL))
    else:
        configured = settings.model_copy(update={"events_url": "local", "data_dir": tmp_path})
        bus = LocalBus(configured)
    await bus.start()
    try:
        yield Running(bus, worker_publisher(configured))
    finally:
        await bus.stop()
        if request.param == "redis":
            redis.Redis.from_url(str(TEST_REDIS_URL)).delete(key)


def _subscribe(bus: EventBus, workspace: uuid.UUID, limit: int = 100) -> Subscriber:
    subscriber = Subscriber(str(workspace), ALL_READ, limit)
    bus.hub.subscribe(subscriber)
    return subscriber


def _progress(items: list[wire.Envelope]) -> list[int]:
    return [json.loads(item.text)["data"]["progress"] for item in items]


async def test_each_event_is_serialised_once_whatever_the_number_of_subscribers(
    running, monkeypatch
):
    calls = []
    real_dumps = json.dumps
    monkeypatch.setattr(wire.json, "dumps", lambda *a, **k: calls.append(1) or real_dumps(*a, **k))
    workspace = uuid.uuid4()
    subscribers = [_subscribe(running.bus, workspace) for _ in range(25)]

    running.worker([job_progress(workspace, 10), job_progress(workspace, 20)])

    batches = [await received(s, 2) for s in subscribers]
    assert len(calls) == 2
    # Every subscriber holds the very same strings: nothing was rebuilt per subscriber.
    assert all(b[i].text is batches[0][i].text for b in batches for i in range(2))
    assert _progress(batches[0]) == [10, 20]
    assert batches[0][0].position < batches[0][1].position


async def test_a_slow_subscriber_is_dropped_and_the_others_keep_receiving(running):
    workspace = uuid.uuid4()
    slow = _subscribe(running.bus, workspace, limit=10)
    fast = _subscribe(running.bus, workspace, limit=10)
    seen = []
    for percent in range(30):
        running.worker([job_progress(workspace, percent)])
        seen.extend(await received(fast, 1))

    assert slow.ended.is_set()
    assert (slow.end_code, slow.end_reason) == (TOO_SLOW, "subscriber_too_slow")
    assert _progress(seen) == list(range(30))
    assert not fast.ended.is_set()


async def test_other_workspaces_and_unreadable_kinds_are_not_delivered(running):
    mine, theirs = uuid.uuid4(), uuid.uuid4()
    subscriber = Subscriber(str(mine), frozenset({"workspace:read", "clips:read"}), 100)
    running.bus.hub.subscribe(subscriber)
    clip = type(job_progress(mine, 0))(workspace_id=mine, type="clip.created")
    running.worker([job_progress(theirs, 1), job_progress(mine, 2), clip])

    [only] = await received(subscriber, 1)
    assert json.loads(only.text)["type"] == "clip.created"


async def test_replay_gives_what_came_after_the_last_id_or_says_resync(running):
    workspace = uuid.uuid4()
    watcher = _subscribe(running.bus, workspace)
    running.worker([job_progress(workspace, p) for p in (1, 2, 3, 4)])
    ids = [item.id for item in await received(watcher, 4)]

    assert _progress(await running.bus.replay.since(ids[1]) or []) == [3, 4]
    assert await running.bus.replay.since(ids[3]) == []
    assert await running.bus.replay.since("not-an-id") is None
    assert await running.bus.replay.since("99999999999999-0") is None  # never issued
