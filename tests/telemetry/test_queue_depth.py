"""Queue depths read from the broker itself: messages really sent (through the same sending
options as the API) to the embedded folder broker, and to Redis when the run has one."""

from __future__ import annotations

import uuid

import pytest
from celery import Celery

from core.broker import QUEUES, sending_options
from core.queue_depth import QueueDepthUnavailable, queue_depths, read_queue_depths
from tests.conftest import TEST_REDIS_URL
from tests.e2e.processes import free_port


def _sender(settings) -> Celery:
    app = Celery("depth-probe", set_as_current=False)
    app.conf.update(sending_options(settings))
    return app


def _send(app: Celery, name: str, count: int, **options) -> list[str]:
    ids = [str(uuid.uuid4()) for _ in range(count)]
    for task_id in ids:
        app.send_task(name, kwargs={}, task_id=task_id, **options)
    return ids


async def test_the_folder_broker_counts_each_queues_files(settings, tmp_path):
    folder = settings.model_copy(update={"broker_url": "filesystem://", "broker_dir": tmp_path})
    app = _sender(folder)
    _send(app, "media.process", 3)
    _send(app, "publish.dispatch", 1)
    # A message being written is not waiting yet.
    (tmp_path / "queue" / ".0_x.media.msg.part").write_bytes(b"{}")

    depths = await queue_depths(folder, limit_seconds=5)

    assert depths == {"media": 3, "publish": 1, "ai": 0, "default": 0}
    assert set(depths) == set(QUEUES)


@pytest.mark.skipif(not TEST_REDIS_URL, reason="needs STAKAZO_TEST_REDIS_URL")
async def test_redis_counts_every_priority_list_of_a_queue(settings):
    import redis

    on_redis = settings.model_copy(update={"broker_url": TEST_REDIS_URL})
    client = redis.Redis.from_url(TEST_REDIS_URL)
    before = read_queue_depths(on_redis)
    app = _sender(on_redis)
    try:
        _send(app, "media.process", 2)
        _send(app, "media.process", 1, priority=6)  # its own list: "media\x06\x166"
        _send(app, "ai.health", 1)

        after = await queue_depths(on_redis, limit_seconds=5)

        assert after["media"] - before["media"] == 3
        assert after["ai"] - before["ai"] == 1
        assert after["default"] == before["default"]
    finally:
        for name in ("media", "media\x06\x166", "ai"):
            client.ltrim(name, 1, 0)  # what this test left there
        client.close()


def test_a_broker_that_does_not_answer_is_unavailable_not_empty(settings):
    down = settings.model_copy(
        update={"broker_url": f"redis://127.0.0.1:{free_port()}/0", "broker_timeout_seconds": 1}
    )
    with pytest.raises(QueueDepthUnavailable):
        read_queue_depths(down)
