"""A run stuck in one slow platform call longer than the stale time is still alive: its lease
keeps beating, so no second run takes the publication over and uploads beside it."""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from backend.app import create_app
from backend.db import create_engine, create_session_factory
from backend.models import Publication
from tests.factories import auth_headers, create_member, create_workspace
from tests.platforms.conftest import Sandbox
from tests.publishing.conftest import World
from tests.publishing.support import clip_with_variants
from workers.publishing import lease

STALE_SECONDS = 1
SLOW_CALL_SECONDS = 3.0


@pytest.fixture
async def committed_world(
    sandbox: Sandbox, scratch_database_url: str, compliant_video: Path
) -> AsyncIterator[World]:
    """The publishing world on a database whose commits are real: the run, its heartbeat and a
    rival claim each use their own connection, as separate workers would."""
    engine = create_engine(scratch_database_url, sandbox.settings)
    sessions = create_session_factory(engine)
    app = create_app(sandbox.settings, session_factory=sessions)
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    try:
        async with (
            httpx.AsyncClient(transport=transport, base_url="http://test") as api,
            sessions() as session,
        ):
            workspace = await create_workspace(session)
            admin = await create_member(session, workspace, "admin")
            clip, _ = await clip_with_variants(
                session, sandbox.settings, workspace, compliant_video
            )
            await session.commit()
            headers = await auth_headers(api, admin, workspace)
            yield World(api, headers, sandbox, session, sessions, str(clip.id))
    finally:
        await engine.dispose()


async def test_a_slow_upload_keeps_its_lease(committed_world):
    world = committed_world
    account = await world.connect("youtube", "slowpoke")
    publication_id = await world.approve(account, "slow but alive")
    world.sandbox.faults(
        {"platform": "youtube", "operation": "upload_chunk", "fault": "timeout",
         "delay_seconds": SLOW_CALL_SECONDS, "times": 1}
    )  # fmt: skip

    async def uploading_since() -> float | None:
        async with world.sessions() as session:
            row = await session.get(Publication, uuid.UUID(publication_id))
            return time.monotonic() if row is not None and row.state == "uploading" else None

    async def rival() -> str | None:
        """A second worker, sent by the dispatcher, once the upload call has outlasted the stale
        time with no checkpoint (the held chunk answers only after SLOW_CALL_SECONDS)."""
        deadline = time.monotonic() + 30
        started = None
        while started is None:
            assert time.monotonic() < deadline, "the run never started uploading"
            started = await uploading_since()
            await asyncio.sleep(0.05)
        # Let the held call outlast the stale time: that time passing is what is under test.
        await asyncio.sleep(started + STALE_SECONDS + 1 - time.monotonic())
        async with world.sessions() as session:
            row = await session.get(Publication, uuid.UUID(publication_id))
            # Still in the slow call, and readable meanwhile: the run holds no transaction
            # across the upload (on SQLite that would be the write lock, blocking everyone).
            assert row is not None
            assert row.state == "uploading"
            assert time.monotonic() < started + SLOW_CALL_SECONDS
            return await lease.claim(session, uuid.UUID(publication_id), STALE_SECONDS)

    outcome, stolen = await asyncio.gather(
        world.run(publication_id, publish_stale_after_seconds=STALE_SECONDS), rival()
    )
    assert stolen is None
    assert outcome == "published"
    assert len(world.posts("youtube", "slow but alive")) == 1
