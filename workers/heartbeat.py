"""Proving that a worker is alive while it works, whatever the work is doing.

A job or a publication in flight is presumed dead when its ``heartbeat_at`` is older than its
stale time; then another worker takes it over. So the heartbeat must not depend on the work
reporting progress: one long ffmpeg run or one slow platform call would pass for a death. It
runs beside the work on the event loop (blocking work runs in threads, so the loop is free).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

import structlog

log = structlog.get_logger(__name__)


def interval_seconds(stale_after_seconds: float) -> float:
    """Several beats per stale window, so one slow beat (a busy database) is not a death."""
    return max(0.2, min(30.0, stale_after_seconds / 6))


class Pulse:
    """``lost`` turns true once a beat finds the work is no longer this worker's."""

    def __init__(self) -> None:
        self.lost = False


@asynccontextmanager
async def beating(
    beat: Callable[[], Awaitable[bool]], stale_after_seconds: float
) -> AsyncIterator[Pulse]:
    """Call ``beat`` every few seconds while the block runs; it answers whether the work is
    still ours, and beating stops once it is not."""
    pulse = Pulse()
    every = interval_seconds(stale_after_seconds)

    async def loop() -> None:
        while not pulse.lost:
            await asyncio.sleep(every)
            try:
                pulse.lost = not await beat()
            except Exception as error:  # a busy database: the next beat may get through
                log.warning("worker.heartbeat_failed", error=str(error))

    beats = asyncio.ensure_future(loop())
    try:
        yield pulse
    finally:
        beats.cancel()
        await asyncio.gather(beats, return_exceptions=True)
