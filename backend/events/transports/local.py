"""The embedded transport: the API binds a Unix datagram socket, workers send each event to it.

Datagrams keep event boundaries and need no server. Linux queues only a handful of datagrams
per socket (net.unix.max_dgram_qlen, 10 by default) whatever its buffer size, so a worker that
sends a burst while the API is busy waits for room, within a bounded time per batch: a live
subscriber would never learn of a dropped event. An API that is not running drops the event at
once, and a reconnecting subscriber is told to resync.
"""

from __future__ import annotations

import asyncio
import os
import socket
import time
from collections.abc import Callable, Sequence
from contextlib import suppress
from pathlib import Path

import structlog

from backend.events.recorder import DomainEvent
from backend.events.wire import Outgoing, encode

log = structlog.get_logger(__name__)

SEPARATOR = "\x1f"
RECEIVE_BUFFER_BYTES = 4 * 1024 * 1024
# How long one batch may wait for an API that is running but not reading (then it is dropped).
SEND_BUDGET_SECONDS = 2.0


def pack(item: Outgoing) -> bytes:
    return SEPARATOR.join((item.workspace, item.type, item.body)).encode()


def unpack(datagram: bytes) -> Outgoing | None:
    parts = datagram.decode(errors="replace").split(SEPARATOR, 2)
    return Outgoing(*parts) if len(parts) == 3 else None


class DatagramPublisher:
    """A worker's publisher; its socket is made in the process that uses it (after the fork).

    The socket is connected to the API's: only then does waiting for room wait for the API's
    queue (an unconnected datagram socket is always writable, and its sends fail at once)."""

    def __init__(self, path: Path, budget_seconds: float = SEND_BUDGET_SECONDS) -> None:
        self.path, self.budget_seconds = str(path), budget_seconds
        self._socket: socket.socket | None = None
        self._pid = 0

    def _connection(self) -> socket.socket:
        if self._socket is None or self._pid != os.getpid():
            sender = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
            try:
                sender.connect(self.path)
            except OSError:
                sender.close()
                raise
            self._socket, self._pid = sender, os.getpid()
        return self._socket

    def _forget(self) -> None:
        if self._socket is not None and self._pid == os.getpid():
            self._socket.close()
        self._socket = None

    def _send(self, data: bytes, deadline: float) -> None:
        # An API started since our connect has a new socket: connect again once.
        for attempt in range(2):
            sender = self._connection()
            sender.settimeout(max(deadline - time.monotonic(), 0.001))
            try:
                sender.send(data)
                return
            except (FileNotFoundError, ConnectionRefusedError):
                self._forget()
                if attempt:
                    raise

    def __call__(self, events: Sequence[DomainEvent]) -> None:
        deadline = time.monotonic() + self.budget_seconds
        for event in events:
            try:
                self._send(pack(encode(event)), deadline)
            except (FileNotFoundError, ConnectionRefusedError):
                log.debug("events.no_listener", type=event.type)  # the API is not running
            except TimeoutError:
                log.warning("events.dropped", type=event.type, reason="listener_busy")
            except OSError as error:
                self._forget()
                log.warning("events.dropped", type=event.type, reason=str(error))


class _Receiver(asyncio.DatagramProtocol):
    def __init__(self, ingest: Callable[[Outgoing], None]) -> None:
        self.ingest = ingest

    def datagram_received(self, data: bytes, addr: object) -> None:
        item = unpack(data)
        if item is None:
            log.warning("events.malformed_datagram", size=len(data))
            return
        self.ingest(item)


class DatagramListener:
    """The API's end: binds the socket (owner-only) and ingests what arrives."""

    def __init__(self, path: Path, ingest: Callable[[Outgoing], None]) -> None:
        self.path, self.ingest = path, ingest
        self._transport: asyncio.BaseTransport | None = None
        self._inode = 0

    async def start(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # A socket file left by an API that died; there is one API in the embedded mode.
        with suppress(FileNotFoundError):
            self.path.unlink()
        listener = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, RECEIVE_BUFFER_BYTES)
        listener.bind(str(self.path))
        os.chmod(self.path, 0o600)
        self._inode = self.path.stat().st_ino
        listener.setblocking(False)
        loop = asyncio.get_running_loop()
        self._transport, _ = await loop.create_datagram_endpoint(
            lambda: _Receiver(self.ingest), sock=listener
        )
        log.info("events.listening", socket=str(self.path))

    async def stop(self) -> None:
        if self._transport is not None:
            self._transport.close()
            self._transport = None
        # Only our own socket: an API started since may have bound the path anew.
        with suppress(FileNotFoundError):
            if self.path.stat().st_ino == self._inode:
                self.path.unlink()
