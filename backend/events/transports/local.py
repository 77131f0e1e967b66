"""The embedded transport: the API binds a Unix datagram socket, workers send each event to it.

Datagrams keep event boundaries and need no server; sending never blocks (a full socket buffer
or an API that is not running drops the event, and a reconnecting subscriber is told to resync).
"""

from __future__ import annotations

import asyncio
import os
import socket
from collections.abc import Callable, Sequence
from contextlib import suppress
from pathlib import Path

import structlog

from backend.events.recorder import DomainEvent
from backend.events.wire import Outgoing, encode

log = structlog.get_logger(__name__)

SEPARATOR = "\x1f"
RECEIVE_BUFFER_BYTES = 4 * 1024 * 1024


def pack(item: Outgoing) -> bytes:
    return SEPARATOR.join((item.workspace, item.type, item.body)).encode()


def unpack(datagram: bytes) -> Outgoing | None:
    parts = datagram.decode(errors="replace").split(SEPARATOR, 2)
    return Outgoing(*parts) if len(parts) == 3 else None


class DatagramPublisher:
    """A worker's publisher; its socket is made in the process that uses it (after the fork)."""

    def __init__(self, path: Path) -> None:
        self.path = str(path)
        self._socket: socket.socket | None = None
        self._pid = 0

    def _connection(self) -> socket.socket:
        if self._socket is None or self._pid != os.getpid():
            self._socket = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
            self._socket.setblocking(False)
            self._pid = os.getpid()
        return self._socket

    def __call__(self, events: Sequence[DomainEvent]) -> None:
        sender = self._connection()
        for event in events:
            try:
                sender.sendto(pack(encode(event)), self.path)
            except (FileNotFoundError, ConnectionRefusedError):
                log.debug("events.no_listener", type=event.type)  # the API is not running
            except BlockingIOError:
                log.warning("events.dropped", type=event.type, reason="listener_busy")
            except OSError as error:
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
