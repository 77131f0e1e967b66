"""How many task messages wait in each queue, read straight from the broker.

Self-contained on purpose (the telemetry collector may share it): a Redis broker keeps each
queue as lists (the queue's name, plus one list per priority step kombu adds), the filesystem
broker as one file per message, ``<ns>_<uuid>.<queue>.msg``, in ``{broker_dir}/queue``.
Messages a worker has taken (prefetched, or held for a countdown) are no longer waiting.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Protocol

from core.broker import QUEUES

# kombu's Redis transport: a message with priority p goes to "<queue>\x06\x16<step>", where
# step is the largest of these at or under p (0 is the bare queue name).
_REDIS_PRIORITY_STEPS = (0, 3, 6, 9)
_REDIS_SEPARATOR = "\x06\x16"
# A scrape or a telemetry round must not hang on a broker that stopped answering.
TIMEOUT_SECONDS = 2.0


class QueueDepthSettings(Protocol):
    @property
    def broker_url(self) -> str: ...
    @property
    def broker_dir(self) -> Path: ...
    @property
    def broker_timeout_seconds(self) -> float: ...
    @property
    def uses_filesystem_broker(self) -> bool: ...


def queue_depths(settings: QueueDepthSettings) -> dict[str, int]:
    """Messages waiting per queue (every queue of ``core.broker.QUEUES``, zero included).
    Raises ``OSError`` or a ``redis`` error when the broker cannot be read."""
    if settings.uses_filesystem_broker:
        return _filesystem_depths(settings.broker_dir / "queue")
    return _redis_depths(settings.broker_url, min(TIMEOUT_SECONDS, settings.broker_timeout_seconds))


def _filesystem_depths(folder: Path) -> dict[str, int]:
    depths = dict.fromkeys(QUEUES, 0)
    if not folder.is_dir():
        return depths  # nothing was ever sent
    suffixes = {f".{queue}.msg": queue for queue in QUEUES}
    with os.scandir(folder) as entries:
        for entry in entries:
            # ".<name>.part" is a message still being written: not sent yet.
            if entry.name.startswith("."):
                continue
            queue = suffixes.get(entry.name[entry.name.find(".") :])
            if queue is not None:
                depths[queue] += 1
    return depths


def _redis_depths(url: str, timeout: float) -> dict[str, int]:
    import redis

    client = redis.Redis.from_url(url, socket_timeout=timeout, socket_connect_timeout=timeout)
    try:
        with client.pipeline(transaction=False) as pipe:
            for queue in QUEUES:
                for step in _REDIS_PRIORITY_STEPS:
                    pipe.llen(f"{queue}{_REDIS_SEPARATOR}{step}" if step else queue)
            lengths = pipe.execute()
    finally:
        client.close()
    steps = len(_REDIS_PRIORITY_STEPS)
    return {
        queue: sum(int(n) for n in lengths[index * steps : (index + 1) * steps])
        for index, queue in enumerate(QUEUES)
    }
