"""Creating, migrating and dropping real databases for tests that need committed data."""

from __future__ import annotations

import tempfile
import uuid
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import text
from sqlalchemy.engine import make_url

from backend.config import get_settings
from backend.db import create_engine

ROOT = Path(__file__).resolve().parent.parent


def alembic_config(url: str) -> Config:
    config = Config(str(ROOT / "alembic.ini"))
    config.attributes["database_url"] = url
    config.attributes["configure_logging"] = False
    return config


async def _run_in_thread(function, *args) -> None:
    import anyio

    await anyio.to_thread.run_sync(function, *args)


async def migrate(url: str, revision: str = "head") -> None:
    # Alembic's env.py runs its own event loop; keep it off ours.
    await _run_in_thread(command.upgrade, alembic_config(url), revision)


async def downgrade(url: str, revision: str = "base") -> None:
    await _run_in_thread(command.downgrade, alembic_config(url), revision)


async def reset_database(url: str) -> None:
    """Start from an empty schema (the test database may hold a previous run's tables)."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database:
            Path(parsed.database).unlink(missing_ok=True)
        return
    engine = create_engine(url, get_settings())
    async with engine.begin() as connection:
        await connection.execute(text("DROP SCHEMA public CASCADE"))
        await connection.execute(text("CREATE SCHEMA public"))
    await engine.dispose()


async def create_scratch_database(base_url: str) -> str:
    """A brand-new empty database next to the test one; its URL."""
    parsed = make_url(base_url)
    if parsed.get_backend_name() == "sqlite":
        folder = Path(tempfile.mkdtemp(prefix="stakazo-db-"))
        return f"sqlite+aiosqlite:///{folder / 'stakazo.db'}"
    name = f"stakazo_scratch_{uuid.uuid4().hex[:12]}"
    engine = create_engine(base_url, get_settings(), isolation_level="AUTOCOMMIT")
    async with engine.connect() as connection:
        await connection.execute(text(f'CREATE DATABASE "{name}"'))
    await engine.dispose()
    return parsed.set(database=name).render_as_string(hide_password=False)


async def drop_scratch_database(base_url: str, url: str) -> None:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database:
            for suffix in ("", "-wal", "-shm"):
                Path(parsed.database + suffix).unlink(missing_ok=True)
        return
    engine = create_engine(base_url, get_settings(), isolation_level="AUTOCOMMIT")
    async with engine.connect() as connection:
        await connection.execute(text(f'DROP DATABASE IF EXISTS "{parsed.database}" WITH (FORCE)'))
    await engine.dispose()
