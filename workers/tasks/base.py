"""Task decorators: synchronous Celery tasks whose async bodies own one transaction each.

``@task("name")`` gives the body a session that commits when it returns and rolls back when it
raises; jobs it enqueues leave after the commit. ``@job_task("name")`` adds the job lifecycle:
claim, a heartbeat while the body runs, progress (each report commits and notices cancellation),
success or failure, retries with jittered exponential backoff for ``RetryableError``.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any, Protocol

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from backend import retry
from backend.config import get_settings
from backend.errors import PermanentError, RetryableError
from backend.jobs import service as jobs
from backend.models import Job
from workers import runtime
from workers.celery_app import celery_app

log = structlog.get_logger(__name__)

MAX_RETRIES = 5
BACKOFF_BASE_SECONDS = 2.0
BACKOFF_CAP_SECONDS = 300.0


def backoff_seconds(attempt: int, retry_after: float | None = None) -> float:
    return retry.backoff_seconds(
        attempt, base=BACKOFF_BASE_SECONDS, cap=BACKOFF_CAP_SECONDS, retry_after=retry_after
    )


class Progress(Protocol):
    async def __call__(self, done: float, total: float) -> None: ...


JobBody = Callable[[AsyncSession, Job, Progress], Awaitable[dict[str, Any]]]


async def _in_transaction(body: Callable[[AsyncSession], Awaitable[Any]]) -> Any:
    async with runtime.current().sessions() as session:
        try:
            result = await body(session)
        except BaseException:
            await session.rollback()
            raise
        await session.commit()
        return result


def task(name: str, **options: Any) -> Callable[[Callable[..., Awaitable[Any]]], Any]:
    def decorator(body: Callable[..., Awaitable[Any]]) -> Any:
        @celery_app.task(name=name, **options)  # type: ignore[untyped-decorator]
        def run(**kwargs: Any) -> Any:
            return runtime.run(_in_transaction(lambda session: body(session, **kwargs)))

        run.__wrapped_body__ = body  # the async body, for callers already inside a loop
        return run

    return decorator


class _Heartbeat:
    """Touches the job's ``heartbeat_at`` every few seconds from its own session, whatever the
    body is doing (ffmpeg runs in a thread, so the loop is free): a job whose heartbeat stops
    lost its worker. ``lost`` turns true once the job is no longer this attempt's."""

    def __init__(self, job_id: uuid.UUID, attempt: int, every_seconds: float) -> None:
        self.job_id, self.attempt, self.every_seconds = job_id, attempt, every_seconds
        self.lost = False

    async def beat(self) -> None:
        async with runtime.current().sessions() as session:
            owned = await jobs.heartbeat(session, self.job_id, self.attempt)
            await session.commit()
        if not owned:
            self.lost = True

    async def loop(self) -> None:
        while not self.lost:
            await asyncio.sleep(self.every_seconds)
            try:
                await self.beat()
            except Exception as error:  # a busy database: the next beat may get through
                log.warning("jobs.heartbeat_failed", error=str(error))


@asynccontextmanager
async def _heartbeat(job_id: uuid.UUID, attempt: int) -> AsyncIterator[_Heartbeat]:
    heartbeat = _Heartbeat(job_id, attempt, jobs.heartbeat_seconds(get_settings()))
    beating = asyncio.ensure_future(heartbeat.loop())
    try:
        yield heartbeat
    finally:
        beating.cancel()
        await asyncio.gather(beating, return_exceptions=True)


class _JobProgress:
    """Writes progress when the percentage moves, and checks the job at least every few seconds
    anyway: that is when a cancellation, or a takeover the heartbeat noticed, stops the body."""

    CHECK_SECONDS = 5.0

    def __init__(
        self, session: AsyncSession, job_id: uuid.UUID, attempt: int, heartbeat: _Heartbeat
    ) -> None:
        self.session, self.job_id, self.attempt = session, job_id, attempt
        self.heartbeat, self.last, self.last_write = heartbeat, -1, 0.0

    async def __call__(self, done: float, total: float) -> None:
        percent = int(100 * done // total) if total else 0
        now = time.monotonic()
        quiet = now - self.last_write < self.CHECK_SECONDS
        if percent == self.last and quiet and not self.heartbeat.lost:
            return
        self.last, self.last_write = percent, now
        await jobs.report_progress(self.session, self.job_id, self.attempt, percent)
        await self.session.commit()


def job_task(name: str) -> Callable[[JobBody], Any]:
    def decorator(body: JobBody) -> Any:
        @celery_app.task(name=name, bind=True, max_retries=MAX_RETRIES)  # type: ignore[untyped-decorator]
        def run(self: Any, job_id: str) -> str:
            return runtime.run(_run_job(self, body, uuid.UUID(job_id)))

        run.__wrapped_body__ = body  # the async body, for callers already inside a loop
        return run

    return decorator


async def _run_job(celery_task: Any, body: JobBody, job_id: uuid.UUID) -> str:
    settings = get_settings()
    try:
        job = await _in_transaction(lambda session: jobs.start(session, settings, job_id))
    except PermanentError as error:
        log.error("jobs.missing", error=str(error))
        return "missing"
    if job is None:
        return "skipped"
    attempt = job.attempts
    try:
        async with (
            _heartbeat(job_id, attempt) as heartbeat,
            runtime.current().sessions() as session,
        ):
            result = await body(session, job, _JobProgress(session, job_id, attempt, heartbeat))
            await jobs.succeed(session, job_id, attempt, result)
            await session.commit()
    except jobs.JobTakenOver:
        log.warning("jobs.taken_over", attempt=attempt)
        return "taken_over"
    except jobs.JobCancelled:
        log.info("jobs.cancelled_while_running")
        return "cancelled"
    except RetryableError as error:
        retrying = celery_task.request.retries < MAX_RETRIES
        reason = str(error)
        await _in_transaction(lambda s: jobs.fail(s, job_id, attempt, reason, will_retry=retrying))
        if retrying:
            delay = backoff_seconds(celery_task.request.retries, error.retry_after_seconds)
            log.warning("jobs.retrying", error=str(error), countdown=round(delay, 1))
            raise celery_task.retry(exc=error, countdown=delay) from error
        return "failed"
    except Exception as error:
        log.exception("jobs.failed")
        message = str(error) or type(error).__name__
        await _in_transaction(lambda s: jobs.fail(s, job_id, attempt, message, will_retry=False))
        return "failed"
    return "succeeded"
