"""Several ffmpeg runs at once, one per core, as one step: one deadline, one cancel, progress
summed and reported on the calling thread (callers hold thread-bound things, like database
sessions), and the first failure stops the others."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from concurrent.futures import FIRST_EXCEPTION, Future, ThreadPoolExecutor, wait
from typing import TypeVar

from workers.media.errors import Cancelled, FfmpegTimeout
from workers.media.runner import POLL_SECONDS, CancelSignal, ProgressCallback, is_cancelled

T = TypeVar("T")

# (progress in seconds of media, cancel, seconds left) -> result
Job = Callable[[ProgressCallback, CancelSignal, float], T]


def cores() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1)


def run_all(
    jobs: list[Job[T]],
    *,
    timeout: float,
    progress: ProgressCallback | None,
    cancel: CancelSignal | None,
    base_seconds: float = 0.0,
) -> list[T]:
    """Results in the order of ``jobs``. ``progress`` gets ``base_seconds`` plus the media
    seconds all jobs have done, increasing."""
    if not jobs:
        return []
    deadline = time.monotonic() + timeout
    stop = threading.Event()
    done_seconds = [0.0] * len(jobs)

    def stopped() -> bool:
        return stop.is_set() or is_cancelled(cancel)

    def start(index: int) -> T:
        def report(seconds: float) -> None:
            done_seconds[index] = max(done_seconds[index], seconds)

        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise FfmpegTimeout(timeout, "", what="shot detection")
        return jobs[index](report, stopped, remaining)

    reported = base_seconds
    workers = min(cores(), len(jobs))
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="shots") as pool:
        futures: list[Future[T]] = [pool.submit(start, index) for index in range(len(jobs))]
        try:
            pending = set(futures)
            while pending:
                finished, pending = wait(pending, timeout=POLL_SECONDS, return_when=FIRST_EXCEPTION)
                if any(future.exception() is not None for future in finished):
                    break
                now = base_seconds + sum(done_seconds)
                if progress is not None and now > reported:
                    reported = now
                    progress(now)
        finally:
            stop.set()
        errors = [error for future in futures if (error := future.exception()) is not None]
        # The others were stopped because of the first real failure: that is the one to report.
        errors.sort(key=lambda error: isinstance(error, Cancelled))
        if errors:
            raise errors[0]
    return [future.result() for future in futures]
