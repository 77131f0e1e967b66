"""Test harness: a migrated database (PostgreSQL when STAKAZO_TEST_DATABASE_URL is set, SQLite
otherwise), one rolled-back transaction per test, and an HTTP client on the real app."""

from __future__ import annotations

import os
import tempfile
from collections.abc import AsyncIterator
from pathlib import Path
from types import SimpleNamespace

_SCRATCH = Path(tempfile.mkdtemp(prefix="stakazo-tests-"))
TEST_DATABASE_URL = os.environ.get("STAKAZO_TEST_DATABASE_URL") or (
    f"sqlite+aiosqlite:///{_SCRATCH / 'test.db'}"
)
TEST_REDIS_URL = os.environ.get("STAKAZO_TEST_REDIS_URL")

# Before anything imports the settings: every process-wide object is built from these.
os.environ.update(
    STAKAZO_ENV="test",
    STAKAZO_DATABASE_URL=TEST_DATABASE_URL,
    STAKAZO_BROKER_URL=TEST_REDIS_URL or "filesystem://",
    STAKAZO_BROKER_DIR=str(_SCRATCH / "broker"),
    STAKAZO_RESULT_BACKEND=f"db+sqlite:///{_SCRATCH / 'results.db'}",
    STAKAZO_MEDIA_DIR=str(_SCRATCH / "media"),
    STAKAZO_DATA_DIR=str(_SCRATCH / "data"),
    STAKAZO_BCRYPT_ROUNDS="4",
    STAKAZO_SECRET_KEY="test-secret-key-that-is-long-enough-0123456789",
)

import httpx  # noqa: E402
import pytest  # noqa: E402
from sqlalchemy.ext.asyncio import (  # noqa: E402
    AsyncConnection,
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
)

from backend.app import create_app  # noqa: E402
from backend.config import Settings, get_settings  # noqa: E402
from backend.db import create_engine  # noqa: E402
from tests.databases import migrate, reset_database  # noqa: E402

IS_POSTGRES = TEST_DATABASE_URL.startswith("postgresql")


@pytest.fixture(scope="session")
def settings() -> Settings:
    return get_settings()


@pytest.fixture(scope="session")
def scratch_dir() -> Path:
    return _SCRATCH


@pytest.fixture(scope="session")
async def engine(settings: Settings) -> AsyncIterator[AsyncEngine]:
    await reset_database(TEST_DATABASE_URL)
    await migrate(TEST_DATABASE_URL)
    engine = create_engine(TEST_DATABASE_URL, settings)
    yield engine
    await engine.dispose()


@pytest.fixture
async def connection(engine: AsyncEngine) -> AsyncIterator[AsyncConnection]:
    async with engine.connect() as connection:
        transaction = await connection.begin()
        yield connection
        if transaction.is_active:
            await transaction.rollback()


@pytest.fixture
def session_factory(connection: AsyncConnection) -> async_sessionmaker[AsyncSession]:
    # Every session (each request's, the test's own) works inside the test's transaction; their
    # commits release savepoints, and the rollback at the end erases everything.
    return async_sessionmaker(
        bind=connection, expire_on_commit=False, join_transaction_mode="create_savepoint"
    )


@pytest.fixture
async def session(session_factory: async_sessionmaker[AsyncSession]) -> AsyncIterator[AsyncSession]:
    async with session_factory() as session:
        yield session


@pytest.fixture
async def client(
    settings: Settings, session_factory: async_sessionmaker[AsyncSession]
) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(settings, session_factory=session_factory)
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        yield client


@pytest.fixture
async def scratch_database_url() -> AsyncIterator[str]:
    """A fresh migrated database whose commits are real (multi-process and concurrency tests)."""
    from tests.databases import create_scratch_database, drop_scratch_database

    url = await create_scratch_database(TEST_DATABASE_URL)
    try:
        await migrate(url)
        yield url
    finally:
        await drop_scratch_database(TEST_DATABASE_URL, url)


@pytest.fixture
async def editor(client: httpx.AsyncClient, session: AsyncSession) -> SimpleNamespace:
    """An editor of a fresh workspace, signed in: ``.workspace``, ``.user``, ``.headers``."""
    from tests.factories import auth_headers, create_member, create_workspace

    workspace = await create_workspace(session)
    user = await create_member(session, workspace, "editor")
    await session.commit()
    headers = await auth_headers(client, user, workspace)
    return SimpleNamespace(workspace=workspace, user=user, headers=headers)


@pytest.fixture
def worker_sessions(
    monkeypatch: pytest.MonkeyPatch, session_factory: async_sessionmaker[AsyncSession]
) -> None:
    """Task bodies run in this test's transaction instead of the worker process's engine."""
    from workers import runtime

    fake_runtime = SimpleNamespace(sessions=session_factory)
    monkeypatch.setattr(runtime, "current", lambda: fake_runtime)
