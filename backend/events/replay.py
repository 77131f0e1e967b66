"""What a reconnecting subscriber missed: the embedded ring buffer (Redis keeps its own stream).

``since(last_id)`` answers every event after ``last_id``, or None when that cannot be known
complete (events after it were trimmed, the id is older than this stream, or was never issued):
the subscriber is then told to resync.
"""

from __future__ import annotations

import time
from collections import deque
from typing import Protocol

from backend.events.wire import Envelope, parse_id


class Replay(Protocol):
    async def since(self, last_id: str) -> list[Envelope] | None: ...


class RingBuffer:
    """The last ``seconds`` (at most ``max_length``) events of this process's stream."""

    def __init__(self, seconds: float, max_length: int, started: tuple[int, int]) -> None:
        self.window_ms, self.max_length = int(seconds * 1000), max_length
        self._items: deque[Envelope] = deque()
        # Every event after this position is still held (nothing before the start is known).
        self._complete_after = started

    def append(self, item: Envelope) -> None:
        self._items.append(item)
        self._trim()

    def _trim(self) -> None:
        oldest_kept = int(time.time() * 1000) - self.window_ms
        items = self._items
        while items and (len(items) > self.max_length or items[0].position[0] < oldest_kept):
            self._complete_after = items.popleft().position

    @property
    def head(self) -> tuple[int, int]:
        return self._items[-1].position if self._items else self._complete_after

    def since_now(self, last_id: str) -> list[Envelope] | None:
        position = parse_id(last_id)
        self._trim()
        if position is None or position < self._complete_after or position > self.head:
            return None
        return [item for item in self._items if item.position > position]

    async def since(self, last_id: str) -> list[Envelope] | None:
        return self.since_now(last_id)
