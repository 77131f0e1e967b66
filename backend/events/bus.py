"""Each process's end of the stream: the API's bus (hub, replay, transport) and the workers'
publisher, chosen by STAKAZO_EVENTS_URL (ADR 0003)."""

from __future__ import annotations

import asyncio
from abc import ABC, abstractmethod
from collections.abc import Sequence
from contextlib import suppress

import structlog

from backend.config import Settings
from backend.events.hub import Hub
from backend.events.recorder import DomainEvent, Publisher, set_publisher
from backend.events.replay import Replay, RingBuffer
from backend.events.transports.local import DatagramListener, DatagramPublisher
from backend.events.transports.redis import RedisStream, RedisWriter
from backend.events.wire import IdClock, Outgoing, encode, envelope

log = structlog.get_logger(__name__)


class EventBus(ABC):
    """What the API needs: the hub to subscribe to, the replay, and start/stop. One subclass per
    transport (``LocalBus``, ``RedisBus``); the base is never used on its own."""

    hub: Hub
    replay: Replay

    @abstractmethod
    async def start(self) -> None: ...

    @abstractmethod
    async def stop(self) -> None: ...


class LocalBus(EventBus):
    """The embedded default: this process orders every event (its own, and the workers' that
    arrive on the datagram socket) and keeps the ring buffer for replay."""

    def __init__(self, settings: Settings) -> None:
        self.clock = IdClock()
        self.ring = RingBuffer(
            settings.events_replay_seconds, settings.events_replay_max, self.clock.last
        )
        self.replay = self.ring
        self.hub = Hub(self.clock.last)
        self.listener = DatagramListener(settings.events_socket, self.ingest)

    def ingest(self, item: Outgoing) -> None:
        if not self.hub.on_its_loop():
            self.hub.call_soon(self.ingest, item)
            return
        ordered = envelope(self.clock.next(), item)
        self.ring.append(ordered)
        self.hub.deliver(ordered)

    def publish(self, events: Sequence[DomainEvent]) -> None:
        for event in events:
            self.ingest(encode(event))

    async def start(self) -> None:
        self.hub.bind(asyncio.get_running_loop())
        try:
            await self.listener.start()
        except OSError as error:
            # The API's own events still stream; the workers' cannot reach it (a socket path
            # longer than the ~100 bytes Unix allows: choose a shorter STAKAZO_DATA_DIR).
            log.error("events.listener_failed", socket=str(self.listener.path), error=str(error))
        set_publisher(self.publish)

    async def stop(self) -> None:
        set_publisher(None)
        await self.listener.stop()


class RedisBus(EventBus):
    def __init__(self, settings: Settings, url: str) -> None:
        key, limit = settings.events_stream_key, settings.events_replay_max
        self.writer = RedisWriter(url, key, settings.events_replay_seconds, limit)
        self.stream = RedisStream(url, key, limit)
        self.replay = self.stream
        self.hub = Hub((0, 0))
        self._reader: asyncio.Task[None] | None = None

    async def start(self) -> None:
        self.hub.bind(asyncio.get_running_loop())
        self.hub.head = await self.stream.head()
        self._reader = asyncio.create_task(self.stream.run(self.hub.head, self.hub.deliver))
        set_publisher(self.writer)

    async def stop(self) -> None:
        set_publisher(None)
        await asyncio.to_thread(self.writer.flush, 2.0)
        if self._reader is not None:
            self._reader.cancel()
            with suppress(asyncio.CancelledError):
                await self._reader
        await self.stream.close()


def _redis_url(settings: Settings) -> str | None:
    url = settings.effective_events_url
    return url if url.startswith(("redis://", "rediss://", "unix://")) else None


def api_bus(settings: Settings) -> EventBus:
    url = _redis_url(settings)
    return RedisBus(settings, url) if url else LocalBus(settings)


def worker_publisher(settings: Settings) -> Publisher:
    """What a worker (or any process other than the API) publishes with."""
    url = _redis_url(settings)
    if url:
        return RedisWriter(
            url,
            settings.events_stream_key,
            settings.events_replay_seconds,
            settings.events_replay_max,
        )
    return DatagramPublisher(settings.events_socket)
