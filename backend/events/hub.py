"""The process's fan-out: each ordered event goes, as the same string, to every subscriber of
its workspace; events about access go to the listeners that police connections."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable

import structlog

from backend.events.subscriber import Subscriber
from backend.events.wire import Envelope, format_id

log = structlog.get_logger(__name__)

ControlListener = Callable[[Envelope], None]


class Hub:
    def __init__(self, head: tuple[int, int]) -> None:
        self._subscribers: dict[str, set[Subscriber]] = {}
        self._listeners: list[ControlListener] = []
        self.head = head
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: int | None = None

    def bind(self, loop: asyncio.AbstractEventLoop) -> None:
        """Events may arrive from other threads; they are handed over to this loop's thread."""
        self._loop, self._thread = loop, threading.get_ident()

    def on_its_loop(self) -> bool:
        return self._loop is None or threading.get_ident() == self._thread

    def call_soon(self, callback: Callable[..., None], *args: object) -> None:
        assert self._loop is not None
        self._loop.call_soon_threadsafe(callback, *args)

    @property
    def head_id(self) -> str:
        return format_id(self.head)

    def listen(self, listener: ControlListener) -> None:
        self._listeners.append(listener)

    def subscribe(self, subscriber: Subscriber) -> None:
        self._subscribers.setdefault(subscriber.workspace, set()).add(subscriber)

    def unsubscribe(self, subscriber: Subscriber) -> None:
        group = self._subscribers.get(subscriber.workspace)
        if group is not None:
            group.discard(subscriber)
            if not group:
                del self._subscribers[subscriber.workspace]

    @property
    def subscriber_count(self) -> int:
        return sum(len(group) for group in self._subscribers.values())

    def deliver(self, item: Envelope) -> None:
        if not self.on_its_loop():
            self.call_soon(self.deliver, item)
            return
        if item.position <= self.head:
            return  # a transport's redelivery after a reconnect
        self.head = item.position
        if not item.is_control:
            for subscriber in tuple(self._subscribers.get(item.workspace, ())):
                subscriber.offer(item)
        # Access changes are workspace-less (auth.session_revoked) or workspace events
        # (member.removed) that its members see too; the listeners pick what concerns them.
        for listener in self._listeners:
            listener(item)
