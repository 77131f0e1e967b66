"""Jittered exponential backoff, and in-place retries for calls that change nothing.

A query (an upload's status, an allowance, metrics) can be asked again at no risk, so a brief
hiccup is retried where it happens, in a second or two, instead of ending the whole run and
waiting out the engine's much longer backoff. Calls that change something on the other side are
never retried here: their retry goes through the engine, which first asks what became of them.
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import Awaitable, Callable
from typing import TypeVar

from core.errors import RetryableError

T = TypeVar("T")

# How long a failed job or publication waits before its next try: the task wrapper and the
# publishing engine share it, so both back off alike.
JOB_BACKOFF_BASE_SECONDS = 2.0
JOB_BACKOFF_CAP_SECONDS = 300.0

QUERY_TRIES = 3
QUERY_BACKOFF_BASE_SECONDS = 0.5
# A longer wait asked for (Retry-After) is the caller's to schedule, not a reason to hold a worker.
QUERY_MAX_WAIT_SECONDS = 5.0


def backoff_seconds(
    attempt: int, *, base: float, cap: float, retry_after: float | None = None
) -> float:
    """Full jitter: uniform up to ``base * 2**attempt`` (at most ``cap``), never sooner than
    the other side asked for."""
    ceiling = min(cap, base * 2**attempt)
    delay = random.uniform(0, ceiling)  # noqa: S311 - jitter, not security
    return max(delay, retry_after or 0.0)


def job_backoff_seconds(attempt: int, retry_after: float | None = None) -> float:
    return backoff_seconds(
        attempt, base=JOB_BACKOFF_BASE_SECONDS, cap=JOB_BACKOFF_CAP_SECONDS, retry_after=retry_after
    )


async def retry_query(
    call: Callable[[], Awaitable[T]],
    *,
    tries: int = QUERY_TRIES,
    max_wait: float = QUERY_MAX_WAIT_SECONDS,
) -> T:
    """``call()``, asked again on ``RetryableError`` up to ``tries`` times in all."""
    for attempt in range(tries):
        try:
            return await call()
        except RetryableError as error:
            wait = backoff_seconds(
                attempt,
                base=QUERY_BACKOFF_BASE_SECONDS,
                cap=max_wait,
                retry_after=error.retry_after_seconds,
            )
            if attempt == tries - 1 or wait > max_wait:
                raise
            await asyncio.sleep(wait)
    raise AssertionError("unreachable")
