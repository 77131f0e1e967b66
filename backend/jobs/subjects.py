"""What a job was working on, failed with it when the job fails for good (any error, or its
worker kept dying): an asset left `analyzing` or a variant left `rendering` would otherwise wait
forever.

The domains that own those rows say how, each for its own job types (assets for media jobs,
clips for renders): they import jobs to create their jobs, so jobs must not import them back.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from sqlalchemy.ext.asyncio import AsyncSession

from backend.models import Job

FailSubject = Callable[[AsyncSession, Job, str], Awaitable[None]]
_fail_subject: dict[str, FailSubject] = {}


def fails_with_job(*job_types: str) -> Callable[[FailSubject], FailSubject]:
    """Registers what fails the subject of a job of these types when the job fails for good."""

    def register(handler: FailSubject) -> FailSubject:
        for job_type in job_types:
            _fail_subject[job_type] = handler
        return handler

    return register


def handled_types() -> frozenset[str]:
    return frozenset(_fail_subject)


async def fail_with(session: AsyncSession, job: Job, reason: str) -> None:
    handler = _fail_subject.get(job.type)
    if handler is not None:
        await handler(session, job, reason)
