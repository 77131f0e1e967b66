"""Open subscriptions, closed as soon as their access ends.

Sign-out, deactivation, removal and role changes are recorded as events; when one names a
subscriber's user, its access is checked again at once. A periodic re-check catches whatever
no event announces (a session that simply expired).
"""

from __future__ import annotations

import asyncio
import json
from contextlib import suppress
from dataclasses import dataclass

import structlog

from backend.db import SessionFactory
from backend.events.hub import Hub
from backend.events.subscriber import Subscriber
from backend.events.wire import Envelope
from backend.metrics import series as metrics
from backend.streaming.access import Access, Refused, recheck

log = structlog.get_logger(__name__)

# Events that may end someone's access; each carries the user's id in data.user_id.
ACCESS_EVENTS = frozenset(
    {
        "auth.session_revoked",
        "auth.sessions_revoked",
        "user.deactivated",
        "member.removed",
        "member.role_changed",
    }
)


@dataclass(eq=False)
class Connection:
    access: Access
    subscriber: Subscriber


class ConnectionManager:
    def __init__(self, hub: Hub, sessions: SessionFactory, interval_seconds: float) -> None:
        self.hub, self.sessions, self.interval = hub, sessions, interval_seconds
        self._connections: set[Connection] = set()
        self._tasks: set[asyncio.Task[None]] = set()
        self._periodic: asyncio.Task[None] | None = None
        hub.listen(self._on_event)

    def add(self, connection: Connection) -> None:
        self._connections.add(connection)
        self.hub.subscribe(connection.subscriber)
        metrics.set_ws_subscribers(len(self._connections))

    def remove(self, connection: Connection) -> None:
        self._connections.discard(connection)
        self.hub.unsubscribe(connection.subscriber)
        metrics.set_ws_subscribers(len(self._connections))

    def _on_event(self, item: Envelope) -> None:
        if item.type not in ACCESS_EVENTS:
            return
        user_id = (json.loads(item.text).get("data") or {}).get("user_id")
        affected = [c for c in self._connections if str(c.access.user_id) == user_id]
        if affected:
            task = asyncio.create_task(self.recheck(affected))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    async def recheck(self, connections: list[Connection]) -> None:
        try:
            async with self.sessions() as session:
                for connection in connections:
                    if connection.subscriber.ended.is_set():
                        continue
                    try:
                        connection.access = await recheck(session, connection.access)
                    except Refused as refused:
                        log.info(
                            "events.subscription_ended",
                            user_id=str(connection.access.user_id),
                            reason=refused.reason,
                        )
                        connection.subscriber.end(refused.code, refused.reason)
                    else:
                        connection.subscriber.permissions = connection.access.permissions
        except Exception as error:  # the database is away: the next round tries again
            log.error("events.recheck_failed", error=str(error))

    async def _every_interval(self) -> None:
        while True:
            await asyncio.sleep(self.interval)
            await self.recheck(list(self._connections))

    def start(self) -> None:
        self._periodic = asyncio.create_task(self._every_interval())

    async def stop(self) -> None:
        for connection in list(self._connections):
            connection.subscriber.end(1001, "server_stopping")
        for task in [*self._tasks, *([self._periodic] if self._periodic else [])]:
            task.cancel()
            with suppress(asyncio.CancelledError):
                await task
