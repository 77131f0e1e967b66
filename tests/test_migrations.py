"""Migrations go up, down and up again, and match the models exactly (no drift)."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text

from backend.db import create_engine
from backend.models import Base
from tests.databases import downgrade, migrate


def _diff(connection) -> list:
    context = MigrationContext.configure(
        connection,
        opts={"compare_type": True, "render_as_batch": connection.dialect.name == "sqlite"},
    )
    return compare_metadata(context, Base.metadata)


def _tables(connection) -> set[str]:
    return set(inspect(connection).get_table_names())


async def test_upgrade_downgrade_upgrade_and_no_drift(scratch_database_url, settings):
    engine = create_engine(scratch_database_url, settings)
    try:
        async with engine.connect() as connection:
            assert await connection.run_sync(_diff) == []
            roles = (await connection.execute(text("SELECT count(*) FROM roles"))).scalar()
            assert roles == 3
        await downgrade(scratch_database_url, "base")
        async with engine.connect() as connection:
            assert await connection.run_sync(_tables) <= {"alembic_version"}
        await migrate(scratch_database_url)
        async with engine.connect() as connection:
            assert await connection.run_sync(_diff) == []
            assert {"users", "ledger_events", "memberships"} <= await connection.run_sync(_tables)
    finally:
        await engine.dispose()
