"""Alembic environment: async engine, batch mode on SQLite, URL from settings."""

from __future__ import annotations

import asyncio
from logging.config import fileConfig
from typing import Any

from alembic import context
from sqlalchemy.engine import Connection

from backend.config import get_settings
from backend.db import create_engine
from backend.models import Base

config = context.config
if config.config_file_name is not None and config.attributes.get("configure_logging", True):
    fileConfig(config.config_file_name, disable_existing_loggers=False)

target_metadata = Base.metadata


def _database_url() -> str:
    return str(config.attributes.get("database_url") or get_settings().database_url)


def _configure(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )


def _sqlite_pragma(connection: Connection, sql: str) -> list[Any]:
    # On the driver's connection: through SQLAlchemy it would start a transaction first, and
    # SQLite ignores PRAGMA foreign_keys inside one.
    cursor = connection.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(sql)
        return list(cursor.fetchall())
    finally:
        cursor.close()


def _run_sync(connection: Connection) -> None:
    sqlite = connection.dialect.name == "sqlite"
    if sqlite:
        # Batch mode rebuilds a table on SQLite: copy, DROP, rename. With foreign keys on, the
        # DROP deletes the rows of every table that references it (ON DELETE CASCADE), so they
        # stay off while migrating, and the keys are checked once the tables are back.
        _sqlite_pragma(connection, "PRAGMA foreign_keys=OFF")
    try:
        _configure(connection)
        with context.begin_transaction():
            context.run_migrations()
        if sqlite and (broken := _sqlite_pragma(connection, "PRAGMA foreign_key_check")):
            raise RuntimeError(f"migrating left rows with broken foreign keys: {broken[:5]}")
    finally:
        if sqlite:
            _sqlite_pragma(connection, "PRAGMA foreign_keys=ON")


async def _run_online() -> None:
    engine = create_engine(_database_url(), get_settings())
    try:
        async with engine.connect() as connection:
            await connection.run_sync(_run_sync)
    finally:
        await engine.dispose()


def run_migrations_offline() -> None:
    url = _database_url()
    context.configure(
        url=url,
        target_metadata=target_metadata,
        literal_binds=True,
        render_as_batch=url.startswith("sqlite"),
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    existing = config.attributes.get("connection")
    if existing is not None:
        _run_sync(existing)
    else:
        asyncio.run(_run_online())
