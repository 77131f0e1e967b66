"""Queue depths read from a real broker: the filesystem one's folder, and Redis when
STAKAZO_TEST_REDIS_URL is set."""

from __future__ import annotations

import uuid

import httpx
import pytest
import redis

from backend.app import create_app
from backend.config import Settings
from core.broker import QUEUES, BrokerClient
from core.queue_depth import QueueDepthUnavailable
from core.queue_depth import read_queue_depths as queue_depths
from tests.conftest import TEST_REDIS_URL
from tests.metrics.scrape import scrape, value


def _send(settings: Settings, *names: str) -> list[str]:
    client, ids = BrokerClient(settings), []
    for name in names:
        ids.append(str(uuid.uuid4()))
        client.send(name, {"job_id": ids[-1]}, task_id=ids[-1])
    return ids


def test_filesystem_broker_counts_each_queues_messages(tmp_path):
    settings = Settings(_env_file=None, broker_url="filesystem://", broker_dir=tmp_path / "b")
    assert queue_depths(settings) == dict.fromkeys(QUEUES, 0)
    _send(settings, "media.process", "media.render_variant", "publish.run", "auth.prune")
    # A message still being written is not waiting yet.
    (tmp_path / "b" / "queue" / f".{uuid.uuid4()}.media.msg.part").write_bytes(b"{}")
    assert queue_depths(settings) == {"media": 2, "publish": 1, "ai": 0, "default": 1}


def test_a_missing_folder_means_nothing_was_sent(tmp_path):
    settings = Settings(_env_file=None, broker_url="filesystem://", broker_dir=tmp_path / "none")
    assert queue_depths(settings) == dict.fromkeys(QUEUES, 0)


@pytest.mark.skipif(not TEST_REDIS_URL, reason="needs STAKAZO_TEST_REDIS_URL")
def test_redis_broker_counts_each_queues_messages():
    settings = Settings(_env_file=None, broker_url=TEST_REDIS_URL)
    before = queue_depths(settings)
    ids = _send(settings, "media.process", "publish.run", "publish.run")
    try:
        after = queue_depths(settings)
        assert after == {**before, "media": before["media"] + 1, "publish": before["publish"] + 2}
    finally:
        client = redis.Redis.from_url(TEST_REDIS_URL)
        for queue in ("media", "publish"):
            for raw in client.lrange(queue, 0, -1):
                if any(task_id.encode() in raw for task_id in ids):
                    client.lrem(queue, 1, raw)
        client.close()


def test_an_unreachable_broker_raises_within_its_timeout(settings):
    unreachable = settings.model_copy(
        update={"broker_url": "redis://127.0.0.1:9/0", "broker_timeout_seconds": 0.5}
    )
    with pytest.raises(QueueDepthUnavailable):
        queue_depths(unreachable)


async def test_the_scrape_shows_the_brokers_queues(settings, session_factory, tmp_path):
    own = settings.model_copy(update={"broker_url": "filesystem://", "broker_dir": tmp_path / "b"})
    _send(own, "media.process", "media.process")
    app = create_app(own, session_factory=session_factory)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        samples = await scrape(client)
    assert value(samples, "stakazo_broker_up", "stakazo_broker_up") == 1
    assert value(samples, "stakazo_queue_depth", "stakazo_queue_depth", queue="media") == 2


async def test_an_unreachable_broker_still_scrapes(settings, session_factory):
    away = settings.model_copy(
        update={"broker_url": "redis://127.0.0.1:9/0", "broker_timeout_seconds": 0.5}
    )
    transport = httpx.ASGITransport(app=create_app(away, session_factory=session_factory))
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        samples = await scrape(client)
    assert value(samples, "stakazo_broker_up", "stakazo_broker_up") == 0
    assert "stakazo_http_requests" in samples
