"""Engines and sessions. The request (or the task wrapper) owns the transaction, never a service."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

from backend.config import Settings
from core.db import get_session as get_session  # the session dependency lives in core
from core.keyfiles import private_file

SessionFactory = async_sessionmaker[AsyncSession]


def _prepare_sqlite(engine: AsyncEngine, busy_timeout_ms: int) -> None:
    @event.listens_for(engine.sync_engine, "connect")
    def on_connect(dbapi_connection: Any, _: Any) -> None:
        # Take over transaction control from the driver so SAVEPOINTs work and so we can
        # choose how transactions begin (see on_begin).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={busy_timeout_ms}")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def on_begin(connection: Any) -> None:
        # SQLite has one writer at a time. Taking the write lock when the transaction starts
        # makes a concurrent writer wait (busy_timeout) instead of failing later with
        # SQLITE_BUSY when it tries to upgrade a stale read snapshot; it also keeps the ledger's
        # read-last-hash-then-append step free of forks.
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def create_engine(url: str, settings: Settings, **overrides: Any) -> AsyncEngine:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database or ""
        if database and database != ":memory:" and not database.startswith("file:"):
            # Created 0600 before SQLite opens it: SQLite gives -wal and -shm the same mode.
            private_file(Path(database))
        timeout = settings.database_timeout_seconds
        engine = create_async_engine(url, connect_args={"timeout": timeout}, **overrides)
        _prepare_sqlite(engine, busy_timeout_ms=int(timeout * 1000))
        return engine
    options: dict[str, Any] = {
        "pool_pre_ping": True,
        "pool_size": settings.database_pool_size,
        "connect_args": {
            "timeout": settings.database_timeout_seconds,
            "command_timeout": 60,
            "server_settings": {"timezone": "UTC"},
        },
    }
    options.update(overrides)
    return create_async_engine(url, **options)


def create_session_factory(engine: AsyncEngine) -> SessionFactory:
    return async_sessionmaker(engine, expire_on_commit=False, autoflush=True)
