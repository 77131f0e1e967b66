"""The API's part of the stream for as long as the app runs: the bus, and the connections."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from backend.config import Settings
from backend.events.bus import api_bus
from backend.streaming.connections import ConnectionManager


@asynccontextmanager
async def serving_events(app: FastAPI, settings: Settings) -> AsyncIterator[None]:
    bus = api_bus(settings)
    await bus.start()
    manager = ConnectionManager(bus.hub, app.state.session_factory, settings.events_recheck_seconds)
    manager.start()
    app.state.events, app.state.event_connections = bus, manager
    try:
        yield
    finally:
        await manager.stop()
        await bus.stop()
