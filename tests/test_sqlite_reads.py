"""API reads run without a transaction. On the embedded default (SQLite) a GET under /v1 reads
beside a writer instead of queueing behind it, and a read that tries to write is refused."""

from __future__ import annotations

import sqlite3
from collections.abc import AsyncIterator

import httpx
import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import async_sessionmaker

from backend.app import create_app
from backend.db import WriteInRead, create_engine
from core.db import READS_ONLY
from tests.databases import migrate
from tests.factories import auth_headers, create_clip, create_member, create_workspace


@pytest.fixture
async def embedded(settings, tmp_path) -> AsyncIterator[dict]:
    path = tmp_path / "stakazo.db"
    url = f"sqlite+aiosqlite:///{path}"
    await migrate(url)
    # A short busy timeout: a request that waited for the write lock would fail fast.
    local = settings.model_copy(update={"database_url": url, "database_timeout_seconds": 1.0})
    engine = create_engine(url, local)
    async with async_sessionmaker(engine, expire_on_commit=False)() as session:
        workspace = await create_workspace(session)
        editor = await create_member(session, workspace, "editor")
        await create_clip(session, workspace)
        await session.commit()
    app = create_app(local)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            headers = await auth_headers(client, editor, workspace)
            yield {"client": client, "headers": headers, "path": path, "engine": engine}
    await engine.dispose()


async def test_reads_answer_while_another_process_holds_the_write_lock(embedded):
    client, headers = embedded["client"], embedded["headers"]
    writer = sqlite3.connect(embedded["path"], isolation_level=None)
    try:
        writer.execute("BEGIN IMMEDIATE")  # as a worker in the middle of a write
        for path in ("/v1/assets", "/v1/clips", "/v1/auth/me", "/v1/jobs"):
            answer = await client.get(path, headers=headers)
            assert answer.status_code == 200, (path, answer.text)
        assert len((await client.get("/v1/clips", headers=headers)).json()["items"]) == 1
        # A write still takes the lock, so it waits for the writer (and gives up after the
        # busy timeout): reads never went through that path.
        clip_id = (await client.get("/v1/clips", headers=headers)).json()["items"][0]["id"]
        blocked = await client.patch(
            f"/v1/clips/{clip_id}", json={"caption": "later"}, headers=headers
        )
        assert blocked.status_code >= 500
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    changed = await client.patch(f"/v1/clips/{clip_id}", json={"caption": "now"}, headers=headers)
    assert changed.status_code == 200, changed.text


async def test_a_read_that_writes_is_refused(embedded):
    async with embedded["engine"].connect() as connection:
        reading = await connection.execution_options(**{READS_ONLY: True})
        assert (await reading.execute(text("SELECT count(*) FROM clips"))).scalar() == 1
        with pytest.raises(WriteInRead):
            await reading.execute(text("UPDATE clips SET caption = 'x'"))


async def test_a_read_that_writes_is_refused_on_the_test_database_too(engine):
    """The same guard on the suite's database (PostgreSQL in CI's second pass), where a read
    runs in autocommit: a write there would commit on its own."""
    async with engine.connect() as connection:
        reading = await connection.execution_options(
            **{READS_ONLY: True, "isolation_level": "AUTOCOMMIT"}
        )
        assert (await reading.execute(text("SELECT 1"))).scalar() == 1
        with pytest.raises(WriteInRead):
            await reading.execute(text("DELETE FROM clips WHERE 1 = 0"))
