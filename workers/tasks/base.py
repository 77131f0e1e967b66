"""Task decorators: synchronous Celery tasks whose async bodies own one transaction each.

``@task("name")`` gives the body a session that commits when it returns and rolls back when it
raises; jobs it enqueues leave after the commit. ``@job_task("name")`` adds the job lifecycle:
claim, a heartbeat while the body runs, progress (each report commits and notices cancellation),
success or failure, retries with jittered exponential backoff for ``RetryableError``.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Awaitable, Callable, Coroutine
from functools import partial
from typing import Any, Protocol

import structlog
from celery.exceptions import Retry
from sqlalchemy.ext.asyncio import AsyncSession

from backend.config import get_settings
from backend.jobs import service as jobs
from backend.metrics import series as metrics
from backend.models import Job
from core.errors import PermanentError, RetryableError
from core.retry import job_backoff_seconds
from workers import runtime
from workers.celery_app import celery_app
from workers.heartbeat import Pulse, beating

log = structlog.get_logger(__name__)

MAX_RETRIES = 5


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


def batch_task(
    name: str, **options: Any
) -> Callable[[Callable[..., Coroutine[Any, Any, Any]]], Any]:
    """For bodies that call platforms: they get the session factory, not a session, and open a
    short transaction per item, so none is held (with the ledger's lock) across a network call."""

    def decorator(body: Callable[..., Coroutine[Any, Any, Any]]) -> Any:
        @celery_app.task(name=name, **options)  # type: ignore[untyped-decorator]
        def run(**kwargs: Any) -> Any:
            return runtime.run(body(runtime.current().sessions, get_settings(), **kwargs))

        run.__wrapped_body__ = body  # the async body, for callers already inside a loop
        return run

    return decorator


async def _job_beat(job_id: uuid.UUID, attempt: int) -> bool:
    async with runtime.current().sessions() as session:
        owned = await jobs.heartbeat(session, job_id, attempt)
        await session.commit()
    return owned


class _JobProgress:
    """Writes progress when the percentage moves, and checks the job at least every few seconds
    anyway: that is when a cancellation, or a takeover the heartbeat noticed, stops the body."""

    CHECK_SECONDS = 5.0

    def __init__(
        self, session: AsyncSession, job_id: uuid.UUID, attempt: int, heartbeat: Pulse
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
            return runtime.run(_counted(name, _run_job(self, body, uuid.UUID(job_id))))

        run.__wrapped_body__ = body  # the async body, for callers already inside a loop
        return run

    return decorator


# Outcomes where no body ran: no duration to observe.
_BODILESS = frozenset({"missing", "skipped"})


async def _counted(job_type: str, lifecycle: Coroutine[Any, Any, str]) -> str:
    """How each run of a job ended, and how long it took, for /metrics (docs/metrics.md)."""
    started = time.monotonic()
    outcome = "failed"  # unless the lifecycle says otherwise: a crash of its own is a failure
    try:
        outcome = await lifecycle
        return outcome
    except Retry:
        outcome = "retrying"
        raise
    finally:
        ran = outcome not in _BODILESS
        metrics.job_finished(job_type, outcome, time.monotonic() - started if ran else None)


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
            beating(partial(_job_beat, job_id, attempt), settings.job_stale_after_seconds) as pulse,
            runtime.current().sessions() as session,
        ):
            result = await body(session, job, _JobProgress(session, job_id, attempt, pulse))
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
            delay = job_backoff_seconds(celery_task.request.retries, error.retry_after_seconds)
            log.warning("jobs.retrying", error=str(error), countdown=round(delay, 1))
            raise celery_task.retry(exc=error, countdown=delay) from error
        return "failed"
    except Exception as error:
        log.exception("jobs.failed")
        message = str(error) or type(error).__name__
        await _in_transaction(lambda s: jobs.fail(s, job_id, attempt, message, will_retry=False))
        return "failed"
    return "succeeded"
