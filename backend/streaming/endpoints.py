"""WS /v1/events: a workspace's events, live, to an authenticated subscriber (docs/events.md)."""

from __future__ import annotations

import asyncio
import json
import uuid
from contextlib import suppress

import structlog
from fastapi import APIRouter, WebSocket

from backend.config import Settings
from backend.events.bus import EventBus
from backend.events.subscriber import BAD_REQUEST, Subscriber
from backend.events.wire import parse_id
from backend.streaming.access import (
    BEARER_SUBPROTOCOL,
    Refused,
    authenticate_connection,
    authorize,
    offered_subprotocols,
)
from backend.streaming.connections import Connection, ConnectionManager

log = structlog.get_logger(__name__)
router = APIRouter(tags=["events"])

CLOSE_TIMEOUT_SECONDS = 2.0
UNAVAILABLE = 1011


def _workspace_id(websocket: WebSocket) -> uuid.UUID:
    header = websocket.headers.get("x-workspace-id")
    query = websocket.query_params.get("workspace_id")
    if header and query and header != query:
        raise Refused(BAD_REQUEST, "workspace_ids_disagree")
    try:
        return uuid.UUID(header or query or "")
    except ValueError as error:
        raise Refused(BAD_REQUEST, "workspace_id_required") from error


async def _close(websocket: WebSocket, code: int, reason: str) -> None:
    # A subscriber that stopped reading may never take the close frame: do not wait for it.
    with suppress(Exception):
        await asyncio.wait_for(websocket.close(code, reason), CLOSE_TIMEOUT_SECONDS)


async def _replay(
    websocket: WebSocket, bus: EventBus, subscriber: Subscriber, last_event_id: str
) -> None:
    missed = await bus.replay.since(last_event_id)
    if missed is None:
        await websocket.send_text('{"type":"resync"}')
        return
    for item in missed:
        if subscriber.wants(item):
            await websocket.send_text(item.text)
    # Live events that arrived during the replay and were part of it are not sent twice.
    subscriber.after = missed[-1].position if missed else (parse_id(last_event_id) or (0, 0))


async def _send_live(websocket: WebSocket, subscriber: Subscriber) -> None:
    while True:
        for item in await subscriber.next_batch():
            await websocket.send_text(item.text)


async def _until_disconnect(websocket: WebSocket) -> None:
    while (await websocket.receive())["type"] != "websocket.disconnect":
        pass  # clients have nothing to say; pings are answered by the server itself


async def _serve(
    websocket: WebSocket, bus: EventBus, subscriber: Subscriber, last_event_id: str | None
) -> None:
    head = bus.hub.head_id
    hello = {"type": "subscribed", "workspace_id": subscriber.workspace, "head": head}
    await websocket.send_text(json.dumps(hello))
    if last_event_id:
        await _replay(websocket, bus, subscriber, last_event_id)
    tasks = {
        asyncio.create_task(_send_live(websocket, subscriber)),
        asyncio.create_task(_until_disconnect(websocket)),
        ended := asyncio.create_task(subscriber.ended.wait()),
    }
    try:
        done, _ = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for task in tasks:
            task.cancel()
    for task in done:
        if not task.cancelled() and task.exception() is not None:
            log.info("events.connection_lost", error=type(task.exception()).__name__)
    if ended.done() and not ended.cancelled():
        await _close(websocket, subscriber.end_code, subscriber.end_reason)


@router.websocket("/events")
async def event_stream(websocket: WebSocket) -> None:
    """The workspace's events as JSON text messages; see docs/events.md for the protocol."""
    app = websocket.app
    settings: Settings = app.state.settings
    bus: EventBus | None = getattr(app.state, "events", None)
    manager: ConnectionManager | None = getattr(app.state, "event_connections", None)
    offered = offered_subprotocols(websocket)
    bearer = bool(offered) and offered[0].lower() == BEARER_SUBPROTOCOL
    # Accept first, so that a refusal reaches the client as a close code it can act on.
    await websocket.accept(subprotocol=BEARER_SUBPROTOCOL if bearer else None)
    if bus is None or manager is None:
        await _close(websocket, UNAVAILABLE, "stream_unavailable")
        return
    try:
        workspace_id = _workspace_id(websocket)
        async with app.state.session_factory() as session:
            principal = await authenticate_connection(websocket, session, settings)
            access = await authorize(session, principal.user.id, principal.session_id, workspace_id)
    except Refused as refused:
        await _close(websocket, refused.code, refused.reason)
        return
    subscriber = Subscriber(str(workspace_id), access.permissions, settings.events_subscriber_queue)
    connection = Connection(access, subscriber)
    manager.add(connection)
    log.info("events.subscribed", workspace_id=str(workspace_id), user_id=str(access.user_id))
    try:
        await _serve(websocket, bus, subscriber, websocket.query_params.get("last_event_id"))
    except Exception as error:  # the client went away mid-send
        log.info("events.connection_lost", error=type(error).__name__)
    finally:
        manager.remove(connection)
