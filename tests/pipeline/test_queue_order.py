"""Renders are queued best clip first; the workers must take them in that order, on the
embedded broker and on Redis (when STAKAZO_TEST_REDIS_URL is set)."""

from __future__ import annotations

import uuid
from pathlib import Path
from types import SimpleNamespace

import pytest
from celery import Celery

from core.broker import BrokerClient, _queue, sending_options
from tests.conftest import TEST_REDIS_URL

BROKERS = ["filesystem", *(["redis"] if TEST_REDIS_URL else [])]


def _settings(kind: str, folder: Path) -> SimpleNamespace:
    return SimpleNamespace(
        broker_url="filesystem://" if kind == "filesystem" else str(TEST_REDIS_URL),
        broker_dir=folder,
        broker_timeout_seconds=5.0,
        uses_filesystem_broker=kind == "filesystem",
    )


@pytest.mark.parametrize("kind", BROKERS)
def test_messages_sent_together_are_taken_in_the_order_sent(kind, tmp_path):
    settings = _settings(kind, tmp_path)
    queue = f"media-order-{uuid.uuid4().hex[:8]}"
    client = BrokerClient(settings)
    client._app.conf.task_routes = ({"media.render_variant": {"queue": queue}},)
    sent = [f"render-{index:02d}" for index in range(40)]  # many within one millisecond
    for task_id in sent:
        client.send("media.render_variant", {"n": 1}, task_id=task_id)
    consumer = Celery("order-check", set_as_current=False)
    consumer.conf.update(sending_options(settings))
    taken = []
    with consumer.connection_for_read() as connection:
        inbox = connection.SimpleQueue(_queue(queue))
        try:
            for _ in sent:
                message = inbox.get(timeout=5)
                taken.append(message.headers["id"])
                message.ack()
        finally:
            inbox.close()
    assert taken == sent
