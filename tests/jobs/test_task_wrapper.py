"""The job task wrapper: success, failure in words, retries with bounded jittered backoff."""

from __future__ import annotations

import asyncio
from types import SimpleNamespace

import pytest
from celery.exceptions import Retry

from backend.models import Job
from core import retry
from core.errors import RetryableError
from workers import runtime
from workers.tasks import base


class _CeleryTask:
    """What the wrapper reads from Celery's bound task: the retry count, and retry()."""

    def __init__(self, retries: int = 0) -> None:
        self.request = SimpleNamespace(retries=retries)
        self.countdowns: list[float] = []

    def retry(self, exc: Exception, countdown: float) -> Retry:
        self.countdowns.append(countdown)
        return Retry(exc=exc, when=countdown)


async def _job(session) -> Job:
    from tests.factories import create_workspace

    workspace = await create_workspace(session)
    job = Job(workspace_id=workspace.id, type="ledger.audit")
    session.add(job)
    await session.commit()
    return job


async def _reload(session, job: Job) -> Job:
    fresh = await session.get(Job, job.id, populate_existing=True)
    assert fresh is not None
    return fresh


async def test_success_reports_progress_and_result(session, worker_sessions):
    job = await _job(session)
    seen: list[int] = []

    async def body(task_session, claimed, progress):
        for done in range(1, 5):
            await progress(done, 4)
            seen.append((await _reload(task_session, claimed)).progress)
        return {"answer": 42}

    assert await base._run_job(_CeleryTask(), body, job.id) == "succeeded"
    finished = await _reload(session, job)
    assert (finished.state, finished.progress, finished.result) == (
        "succeeded",
        100,
        {"answer": 42},
    )
    assert seen == [25, 50, 75, 99]


async def test_crash_fails_the_job_with_its_reason(session, worker_sessions):
    job = await _job(session)

    async def body(*_):
        raise ValueError("the source file is not a video")

    assert await base._run_job(_CeleryTask(), body, job.id) == "failed"
    failed = await _reload(session, job)
    assert (failed.state, failed.error) == ("failed", "the source file is not a video")


async def test_retryable_error_is_retried_then_given_up(session, worker_sessions):
    job = await _job(session)

    async def body(*_):
        raise RetryableError("platform busy", retry_after_seconds=7)

    task = _CeleryTask(retries=0)
    with pytest.raises(Retry):
        await base._run_job(task, body, job.id)
    assert task.countdowns[0] >= 7
    assert (await _reload(session, job)).state == "pending"

    last = _CeleryTask(retries=base.MAX_RETRIES)
    assert await base._run_job(last, body, job.id) == "failed"
    assert (await _reload(session, job)).error == "platform busy"


async def test_cancelled_job_stops_at_the_next_progress_report(session, worker_sessions):
    job = await _job(session)

    async def body(task_session, claimed, progress):
        (await _reload(task_session, claimed)).state = "cancelled"  # as POST /jobs/{id}/cancel does
        await task_session.commit()
        await progress(1, 2)
        raise AssertionError("should have stopped")

    assert await base._run_job(_CeleryTask(), body, job.id) == "cancelled"
    assert (await _reload(session, job)).state == "cancelled"


async def test_missing_job_is_reported_not_raised(worker_sessions):
    import uuid

    async def body(*_):
        raise AssertionError("must not run")

    assert await base._run_job(_CeleryTask(), body, uuid.uuid4()) == "missing"


def test_backoff_is_jittered_bounded_and_honours_retry_after():
    delays = [retry.job_backoff_seconds(attempt) for attempt in range(12) for _ in range(20)]
    assert all(0 <= d <= retry.JOB_BACKOFF_CAP_SECONDS for d in delays)
    assert len(set(delays)) > 100
    assert retry.job_backoff_seconds(0, retry_after=30) >= 30


def test_runtime_is_one_loop_and_engine_per_process():
    first = runtime.current()
    assert runtime.current() is first
    assert isinstance(first.loop, asyncio.AbstractEventLoop)
    runtime.shutdown()


async def test_blocking_work_is_cancelled_when_the_job_is():
    import threading

    from backend.jobs.service import JobCancelled
    from workers.tasks.blocking import run_blocking

    stopped = threading.Event()
    reports: list[float] = []

    def work(sink, cancel: threading.Event) -> str:
        sink(0.5)
        if cancel.wait(timeout=30):  # bounded: a broken bridge fails the test, never hangs it
            stopped.set()
            return "stopped"
        return "ran to the end"

    async def progress(done: float, total: float) -> None:
        reports.append(done)
        if len(reports) >= 2:
            raise JobCancelled()

    with pytest.raises(JobCancelled):
        await run_blocking(work, progress, span=(10, 90))
    assert stopped.is_set()
    assert reports[-1] == pytest.approx(50.0)


async def test_blocking_work_result_and_progress_span():
    from workers.tasks.blocking import run_blocking

    reports: list[float] = []

    def work(sink, cancel) -> int:
        sink(1.0)
        return 7

    async def progress(done: float, total: float) -> None:
        reports.append(done)

    assert await run_blocking(work, progress, span=(20, 40)) == 7
    assert all(20 <= r <= 40 for r in reports)
