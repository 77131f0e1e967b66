"""The baseline of bench/telemetry.py: the same uvicorn, the same datagram socket the workers
send events to, and a bare WebSocket endpoint that forwards every event's text to every
connection. No authentication, no permission per kind, no replay, no per-subscriber queue:
the floor Stakazo's stream is compared with.

Run as ``python -m bench.telemetry_bare <port> <socket path>``."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress
from pathlib import Path

import uvicorn
from fastapi import FastAPI, WebSocket, WebSocketDisconnect

from backend.cli import WEBSOCKET_OPTIONS
from backend.events.transports.local import DatagramListener
from backend.events.wire import Outgoing

connections: set[WebSocket] = set()
sending: set[asyncio.Task[None]] = set()


def _forward(item: Outgoing) -> None:
    for socket in tuple(connections):
        task = asyncio.ensure_future(_send(socket, item.body))
        sending.add(task)
        task.add_done_callback(sending.discard)


async def _send(socket: WebSocket, text: str) -> None:
    with suppress(Exception):  # a connection closing meanwhile
        await socket.send_text(text)


def make_app(socket_path: Path) -> FastAPI:
    listener = DatagramListener(socket_path, _forward)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        await listener.start()
        yield
        await listener.stop()

    app = FastAPI(lifespan=lifespan)

    @app.websocket("/v1/events")
    async def events(socket: WebSocket) -> None:
        await socket.accept()
        await socket.send_text('{"type":"subscribed"}')
        connections.add(socket)
        try:
            while True:
                await socket.receive_text()
        except WebSocketDisconnect:
            pass
        finally:
            connections.discard(socket)

    @app.get("/debug/health")
    async def health() -> dict[str, str]:
        return {"status": "ok"}

    return app


if __name__ == "__main__":
    uvicorn.run(
        make_app(Path(sys.argv[2])),
        host="127.0.0.1",
        port=int(sys.argv[1]),
        log_level="warning",
        **WEBSOCKET_OPTIONS,
    )
