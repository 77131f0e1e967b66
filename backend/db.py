"""Engines and sessions. The request (or the task wrapper) owns the transaction, never a service."""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

from backend.config import Settings
from core.db import READS_ONLY
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
        if connection.get_execution_options().get(READS_ONLY):
            # A read (an API GET) opens no transaction: each statement reads a consistent
            # snapshot beside the one writer (WAL), takes no lock and never queues behind
            # another request, and the BEGIN it would send is one trip less to the driver's
            # thread. Its statements are reads only (refuse_writes_in_reads).
            return
        # SQLite has one writer at a time. Taking the write lock when the transaction starts
        # makes a concurrent writer wait (busy_timeout) instead of failing later with
        # SQLITE_BUSY when it tries to upgrade a stale read snapshot; it also keeps the ledger's
        # read-last-hash-then-append step free of forks.
        connection.exec_driver_sql("BEGIN IMMEDIATE")


_WRITES = re.compile(r"\s*(INSERT|UPDATE|DELETE|REPLACE)\b", re.IGNORECASE)


class WriteInRead(RuntimeError):
    """A GET under /v1 tried to write: API reads must not (core.db.reads_only)."""


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
        _refuse_writes_in_reads(engine)
        return engine
    options: dict[str, Any] = {
        "pool_size": settings.database_pool_size,
        "connect_args": {
            "timeout": settings.database_timeout_seconds,
            "command_timeout": 60,
            "server_settings": {"timezone": "UTC"},
        },
    }
    options.update(overrides)
    engine = create_async_engine(url, **options)
    _ping_when_idle(engine)
    _refuse_writes_in_reads(engine)
    return engine


def _refuse_writes_in_reads(engine: AsyncEngine) -> None:
    """An API read runs without a transaction (core.db.reads_only): a write in it would commit
    on its own, whatever the request did next (and on SQLite could meet SQLITE_BUSY)."""

    @event.listens_for(engine.sync_engine, "before_cursor_execute")
    def refuse(connection: Any, _: Any, statement: str, *__: Any) -> None:
        if connection.get_execution_options().get(READS_ONLY) and _WRITES.match(statement):
            raise WriteInRead(" ".join(statement.split(None, 3)[:3]))


# A connection back in the pool within this long was working a moment ago; only one that sat
# idle longer is pinged before use. Pinging on every checkout (pool_pre_ping) cost a round trip
# per request; a busy API hardly ever pings now, and one after a quiet spell (when the database
# may have restarted) still does.
PING_IF_IDLE_SECONDS = 2.0


def _ping_when_idle(engine: AsyncEngine) -> None:
    @event.listens_for(engine.sync_engine, "checkin")
    def on_checkin(_: Any, record: Any) -> None:
        record.info["returned_at"] = time.monotonic()

    @event.listens_for(engine.sync_engine, "checkout")
    def on_checkout(dbapi_connection: Any, record: Any, _: Any) -> None:
        returned_at = record.info.get("returned_at")
        if returned_at is None or time.monotonic() - returned_at < PING_IF_IDLE_SECONDS:
            return
        try:
            engine.dialect.do_ping(dbapi_connection)
        except Exception as error:
            # The pool throws this connection away and checks out another (a new one if the
            # database came back), as pool_pre_ping would.
            raise DisconnectionError() from error


def create_session_factory(engine: AsyncEngine) -> SessionFactory:
    return async_sessionmaker(engine, expire_on_commit=False, autoflush=True)
