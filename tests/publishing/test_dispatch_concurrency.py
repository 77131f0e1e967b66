"""Several beat/worker replicas dispatching at once never send a publication twice
(``FOR UPDATE SKIP LOCKED`` on PostgreSQL; SQLite lets one writer in at a time)."""

from __future__ import annotations

import asyncio
import uuid
from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest

from backend import enqueue
from backend.db import create_engine, create_session_factory
from backend.models import Publication
from backend.publishing import service
from tests.factories import create_clip, create_platform_account, create_workspace

DUE = 60


@pytest.fixture
def sent(monkeypatch: pytest.MonkeyPatch) -> list[enqueue.PendingTask]:
    captured: list[enqueue.PendingTask] = []
    monkeypatch.setattr(enqueue, "sender", captured.append)
    return captured


async def test_concurrent_dispatchers_send_each_due_publication_once(
    scratch_database_url, settings, sent
):
    engine = create_engine(scratch_database_url, settings)
    sessions = create_session_factory(engine)
    try:
        async with sessions() as session:
            workspace = await create_workspace(session)
            account = await create_platform_account(session, workspace)
            clip = await create_clip(session, workspace)
            past = datetime.now(UTC) - timedelta(minutes=1)
            for _ in range(DUE):
                session.add(
                    Publication(
                        id=uuid.uuid4(), workspace_id=workspace.id, clip_id=clip.id,
                        account_id=account.id, platform="tiktok",
                        idempotency_key=uuid.uuid4().hex, state="scheduled", next_attempt_at=past,
                    )
                )  # fmt: skip
            await session.commit()

        async def replica() -> int:
            total = 0
            while True:
                async with sessions() as session:
                    count = await service.dispatch_due(session, limit=7)
                    await session.commit()
                if count == 0:
                    return total
                total += count

        counts = await asyncio.gather(*(replica() for _ in range(4)))
    finally:
        await engine.dispose()
    assert sum(counts) == DUE
    per_publication = Counter(str(task.kwargs["publication_id"]) for task in sent)
    assert len(per_publication) == DUE
    assert set(per_publication.values()) == {1}
