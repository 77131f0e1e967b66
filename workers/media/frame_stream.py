"""Raw frames out of ffmpeg one at a time, for samplers that must not hold a clip in memory.

The run itself goes through ``run_ffmpeg`` on a thread of its own, so a stream gets the same
deadline, cancellation, process-group kill and error messages as any other ffmpeg call; the
frames reach the consumer through a small bounded queue, which is what keeps memory flat.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterator, Sequence
from typing import Final, TypeAlias

from workers.media.runner import POLL_SECONDS, CancelSignal, is_cancelled, run_ffmpeg

__all__ = ["iter_frames"]

# Enough to keep ffmpeg busy while the consumer works on a frame, few enough to stay small.
_BUFFERED_FRAMES: Final = 4

# A frame, then the run's outcome: None when it succeeded, else its exception.
_Item: TypeAlias = bytes | BaseException | None


def iter_frames(
    args: Sequence[str],
    *,
    frame_bytes: int,
    what: str,
    timeout: float,
    cancel: CancelSignal | None = None,
) -> Iterator[bytes]:
    """Stream fixed-size raw frames from ``ffmpeg <args> ... pipe:1``; a trailing partial frame
    is dropped. Stopping the iteration early kills the process."""
    items: queue.Queue[_Item] = queue.Queue(maxsize=_BUFFERED_FRAMES)
    stopped = threading.Event()
    pending = bytearray()

    def put(item: _Item) -> None:
        # Blocking here is what holds ffmpeg back while the consumer is busy; once the consumer
        # has gone nobody will take the item, so give up rather than hang the reader thread.
        while not stopped.is_set():
            try:
                items.put(item, timeout=POLL_SECONDS)
                return
            except queue.Full:
                continue

    def sink(chunk: bytes) -> None:
        pending.extend(chunk)
        while len(pending) >= frame_bytes:
            put(bytes(pending[:frame_bytes]))
            del pending[:frame_bytes]

    def produce() -> None:
        outcome: BaseException | None = None
        try:
            run_ffmpeg(
                args,
                what=what,
                timeout=timeout,
                cancel=lambda: stopped.is_set() or is_cancelled(cancel),
                stdout_sink=sink,
            )
        except BaseException as error:  # handed to the consumer, which re-raises it
            outcome = error
        put(outcome)

    producer = threading.Thread(target=produce, name="ffmpeg-frames", daemon=True)
    producer.start()
    try:
        while (item := items.get()) is not None:
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        stopped.set()
        producer.join()
