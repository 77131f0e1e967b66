"""Running blocking media work (ffmpeg, numpy) from an async task without losing control.

The work runs in a thread; this coroutine relays its progress to the job every second or so,
and when the job is cancelled it sets the work's cancel event, which kills its ffmpeg process.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from typing import TypeVar

import anyio

from backend.jobs.service import JobCancelled
from workers.tasks.base import Progress

T = TypeVar("T")
ProgressSink = Callable[[float], None]  # fraction of this step done, 0..1
POLL_SECONDS = 1.0


async def run_blocking(
    work: Callable[[ProgressSink, threading.Event], T],
    progress: Progress,
    span: tuple[float, float] = (0.0, 100.0),
) -> T:
    """Run ``work(sink, cancel)`` in a thread; map its fraction onto ``span`` of the job's %."""
    cancel = threading.Event()
    fraction = [0.0]

    def sink(value: float) -> None:
        fraction[0] = max(fraction[0], min(1.0, value))

    low, high = span
    running = asyncio.ensure_future(
        anyio.to_thread.run_sync(lambda: work(sink, cancel), abandon_on_cancel=False)
    )
    try:
        while not running.done():
            await asyncio.wait({running}, timeout=POLL_SECONDS)
            await progress(low + (high - low) * fraction[0], 100)
        return running.result()
    except (JobCancelled, asyncio.CancelledError):
        cancel.set()
        await asyncio.gather(running, return_exceptions=True)
        raise
