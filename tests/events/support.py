"""Building events and reading subscribers with deadlines, for the event-stream tests."""

from __future__ import annotations

import asyncio
import uuid

from backend.events import DomainEvent
from backend.events.subscriber import Subscriber
from backend.events.wire import Envelope

ALL_READ = frozenset({"workspace:read", "jobs:read", "clips:read"})


def job_progress(workspace_id: uuid.UUID, percent: int) -> DomainEvent:
    return DomainEvent(
        workspace_id=workspace_id,
        type="job.progress",
        subject_id=uuid.uuid4(),
        data={"progress": percent},
    )


async def received(subscriber: Subscriber, count: int, within: float = 5.0) -> list[Envelope]:
    """The next ``count`` events the subscriber gets, or fail after ``within`` seconds."""
    got: list[Envelope] = []
    async with asyncio.timeout(within):
        while len(got) < count:
            got.extend(await subscriber.next_batch())
    return got
