"""Migrations keep the data they do not mean to change.

On SQLite, batch mode rebuilds a table (copy, DROP, rename); with foreign keys on, that DROP
used to delete every row referencing the table through ON DELETE CASCADE.
"""

from __future__ import annotations

import uuid

import sqlalchemy as sa
from sqlalchemy import text

from backend.db import create_engine
from tests.databases import downgrade, migrate

ROWS = {
    "workspaces": "INSERT INTO workspaces (id, name, created_at) VALUES (:w, 'w', :now)",
    "assets": (
        "INSERT INTO assets (id, workspace_id, display_name, storage_key, size_bytes, sha256,"
        " state, transcript_status, created_at, updated_at)"
        " VALUES (:a, :w, 'a.mp4', 'assets/a/source.mp4', 1, 'f00d', 'ready', 'none', :now, :now)"
    ),
    "asset_timelines": (
        "INSERT INTO asset_timelines (id, asset_id, data, created_at) VALUES (:t, :a, '{}', :now)"
    ),
    "clips": (
        "INSERT INTO clips (id, workspace_id, asset_id, start_seconds, end_seconds, rank, score,"
        " scores, features, status, weights_version, created_at, updated_at)"
        " VALUES (:c, :w, :a, 0, 20, 1, 0.5, '{}', '{}', 'candidate', 1, :now, :now)"
    ),
    "variants": (
        "INSERT INTO variants (id, workspace_id, clip_id, platform, captions, state, checks,"
        " created_at, updated_at)"
        " VALUES (:v, :w, :c, 'tiktok', false, 'ready', '{}', :now, :now)"
    ),
}


async def _counts(engine) -> dict[str, int]:
    async with engine.connect() as connection:
        return {
            table: (
                await connection.execute(sa.select(sa.func.count()).select_from(sa.table(table)))
            ).scalar()
            for table in ROWS
        }


async def test_rows_survive_upgrade_and_downgrade(scratch_database_url, settings):
    from backend.models.base import utcnow

    await downgrade(scratch_database_url, "0005_ledger_anchor")
    engine = create_engine(scratch_database_url, settings)
    ids = {key: uuid.uuid4() for key in "wactv"}
    try:
        async with engine.begin() as connection:
            for sql in ROWS.values():
                statement = text(sql).bindparams(
                    *(sa.bindparam(key, type_=sa.Uuid()) for key in ids if f":{key}" in sql),
                    sa.bindparam("now", type_=sa.DateTime(timezone=True)),
                )
                await connection.execute(statement, {**ids, "now": utcnow()})
        expected = dict.fromkeys(ROWS, 1)
        await migrate(scratch_database_url)
        assert await _counts(engine) == expected
        await downgrade(scratch_database_url, "0006_invitations")
        assert await _counts(engine) == expected
        # Downgraded past 0008_lifecycles, the state columns are unchecked again.
        async with engine.begin() as connection:
            await connection.execute(text("UPDATE assets SET state = 'archived'"))
            await connection.execute(text("UPDATE variants SET state = 'archived'"))
    finally:
        await engine.dispose()
