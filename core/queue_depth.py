"""How many messages wait in each queue of the broker, read the way its kombu transport stores
them: files named ``<ns>_<uuid>.<queue>.msg`` in the embedded broker's folder, or Redis lists
named after the queue (one more list per non-zero priority step, ``<queue>\\x06\\x16<step>``).

Messages a worker has taken but not acknowledged are not waiting, so they are not counted.
"""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

from core.broker import QUEUES, BrokerSettings


class QueueDepthUnavailable(Exception):
    """The broker did not answer in time, or is of a kind whose queues we cannot count."""


def _filesystem_depths(queue_dir: Path, queues: tuple[str, ...]) -> dict[str, int]:
    depths = dict.fromkeys(queues, 0)
    if not queue_dir.is_dir():
        return depths  # nothing was ever sent
    with os.scandir(queue_dir) as entries:
        for entry in entries:
            # kombu's own rule: everything after the first dot is "<queue>.msg"; a message being
            # written is hidden (".<name>.part") and so matches no queue.
            queue = entry.name.partition(".")[2].removesuffix(".msg")
            if queue in depths and entry.name.endswith(".msg"):
                depths[queue] += 1
    return depths


def _redis_depths(url: str, timeout: float, queues: tuple[str, ...]) -> dict[str, int]:
    import redis
    from kombu.transport.redis import PRIORITY_STEPS, Channel

    def list_name(queue: str, step: int) -> str:
        return f"{queue}{Channel.sep}{step}" if step else queue

    client = redis.Redis.from_url(url, socket_timeout=timeout, socket_connect_timeout=timeout)
    try:
        with client.pipeline(transaction=False) as pipe:
            for queue in queues:
                for step in PRIORITY_STEPS:
                    pipe.llen(list_name(queue, step))
            lengths = pipe.execute()
    except redis.RedisError as error:
        raise QueueDepthUnavailable(f"redis: {error}") from error
    finally:
        client.close()
    per_queue = len(PRIORITY_STEPS)
    return {
        queue: sum(int(n) for n in lengths[i * per_queue : (i + 1) * per_queue])
        for i, queue in enumerate(queues)
    }


def read_queue_depths(settings: BrokerSettings, queues: tuple[str, ...] = QUEUES) -> dict[str, int]:
    """Blocking; :func:`queue_depths` bounds it in time."""
    if settings.uses_filesystem_broker:
        try:
            return _filesystem_depths(settings.broker_dir / "queue", queues)
        except OSError as error:
            raise QueueDepthUnavailable(f"broker folder: {error}") from error
    if settings.broker_url.startswith(("redis://", "rediss://")):
        return _redis_depths(settings.broker_url, settings.broker_timeout_seconds, queues)
    raise QueueDepthUnavailable(f"cannot count the queues of {settings.broker_url.split(':')[0]}")


async def queue_depths(
    settings: BrokerSettings, limit_seconds: float, queues: tuple[str, ...] = QUEUES
) -> dict[str, int]:
    """Each queue's waiting messages, or QueueDepthUnavailable within ``limit_seconds``: a hung
    broker (or a folder on a stuck disk) must not hold up whoever asked."""
    try:
        return await asyncio.wait_for(
            asyncio.to_thread(read_queue_depths, settings, queues), limit_seconds
        )
    except TimeoutError as error:
        raise QueueDepthUnavailable(
            f"the broker did not answer within {limit_seconds:g} s"
        ) from error
