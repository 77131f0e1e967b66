"""In-place retries for queries: bounded, jittered, and only for what can be asked again."""

from __future__ import annotations

import pytest

from core import retry
from core.errors import PermanentError, RetryableError


class Flaky:
    def __init__(self, failures: list[Exception]) -> None:
        self.failures = failures
        self.calls = 0

    async def __call__(self) -> str:
        self.calls += 1
        if self.failures:
            raise self.failures.pop(0)
        return "answer"


@pytest.fixture
def waits(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    slept: list[float] = []

    async def record(seconds: float) -> None:
        slept.append(seconds)

    monkeypatch.setattr(retry.asyncio, "sleep", record)
    return slept


async def test_a_passing_hiccup_is_retried_in_place(waits: list[float]) -> None:
    call = Flaky([RetryableError("503"), RetryableError("dropped")])
    assert await retry.retry_query(call) == "answer"
    assert call.calls == 3
    assert len(waits) == 2
    assert all(0 <= wait <= retry.QUERY_MAX_WAIT_SECONDS for wait in waits)


async def test_gives_up_after_the_last_try(waits: list[float]) -> None:
    call = Flaky([RetryableError(str(n)) for n in range(5)])
    with pytest.raises(RetryableError, match="2"):
        await retry.retry_query(call, tries=3)
    assert call.calls == 3
    assert len(waits) == 2


async def test_permanent_errors_are_not_retried(waits: list[float]) -> None:
    call = Flaky([PermanentError("refused")])
    with pytest.raises(PermanentError):
        await retry.retry_query(call)
    assert call.calls == 1
    assert waits == []


async def test_short_retry_after_is_honoured(waits: list[float]) -> None:
    call = Flaky([RetryableError("429", retry_after_seconds=2.0)])
    assert await retry.retry_query(call) == "answer"
    assert waits[0] >= 2.0


async def test_a_long_retry_after_goes_back_to_the_caller(waits: list[float]) -> None:
    call = Flaky([RetryableError("429", retry_after_seconds=60.0)])
    with pytest.raises(RetryableError) as raised:
        await retry.retry_query(call)
    assert raised.value.retry_after_seconds == 60.0
    assert call.calls == 1
    assert waits == []


def test_backoff_is_jittered_capped_and_respects_retry_after() -> None:
    delays = [retry.backoff_seconds(10, base=2.0, cap=30.0) for _ in range(200)]
    assert all(0 <= delay <= 30.0 for delay in delays)
    assert len(set(delays)) > 100
    assert retry.backoff_seconds(0, base=2.0, cap=30.0, retry_after=45.0) == 45.0
