"""One subscriber: a bounded queue the hub fills without ever waiting, and the reason it ended."""

from __future__ import annotations

import asyncio
from collections import deque

from backend.events.wire import Envelope

# What each kind of event needs; a kind not listed needs only to see the workspace.
READ_PERMISSION = {
    "job": "jobs:read",
    "asset": "assets:read",
    "clip": "clips:read",
    "variant": "clips:read",
    "publication": "campaigns:read",
    "account": "accounts:read",
    "ledger": "ledger:read",
    "member": "members:read",
    "telemetry": "telemetry:read",
    "alert": "telemetry:read",
    "ai": "telemetry:read",
}
STREAM_PERMISSION = "workspace:read"

# Close codes (docs/events.md lists them for clients).
TOO_SLOW = 1013
BAD_REQUEST = 4400
UNAUTHENTICATED = 4401
FORBIDDEN = 4403


def read_permission(event_type: str) -> str:
    return READ_PERMISSION.get(event_type.partition(".")[0], STREAM_PERMISSION)


class Subscriber:
    def __init__(self, workspace: str, permissions: frozenset[str], limit: int) -> None:
        self.workspace, self.permissions, self.limit = workspace, permissions, limit
        self._queue: deque[Envelope] = deque()
        self._ready = asyncio.Event()
        self.ended = asyncio.Event()
        self.end_code, self.end_reason = 1000, ""
        # Events at or before this position were already sent (as replay): skip them live.
        self.after: tuple[int, int] = (0, 0)

    def wants(self, item: Envelope) -> bool:
        return (
            item.workspace == self.workspace
            and item.position > self.after
            and read_permission(item.type) in self.permissions
        )

    def offer(self, item: Envelope) -> None:
        """Called by the hub for every event of the workspace; never waits."""
        if self.ended.is_set() or not self.wants(item):
            return
        if len(self._queue) >= self.limit:
            self.end(TOO_SLOW, "subscriber_too_slow")
            return
        self._queue.append(item)
        self._ready.set()

    def end(self, code: int, reason: str) -> None:
        if not self.ended.is_set():
            self.end_code, self.end_reason = code, reason
            self.ended.set()
            self._queue.clear()

    async def next_batch(self) -> list[Envelope]:
        await self._ready.wait()
        self._ready.clear()
        batch = [item for item in self._queue if item.position > self.after]
        self._queue.clear()
        return batch
