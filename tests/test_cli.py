"""The stakazo command: migrate, user create, openapi, as separate processes."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
import sqlalchemy as sa
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from backend.db import create_engine
from backend.models.base import UTCDateTime
from tests.databases import downgrade

# ledger_events as revision 0007 left it.
LEGACY_COLUMNS = {
    "id": sa.Uuid(),
    "seq": sa.BigInteger(),
    "occurred_at": UTCDateTime(),
    "type": sa.String(),
    "payload": sa.JSON(),
    "prev_hash": sa.String(),
    "hash": sa.String(),
}


def _stakazo(args: list[str], env: dict[str, str], stdin: str | None = None):
    return subprocess.run(
        [sys.executable, "-m", "backend.cli", *args],
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


async def test_user_create_makes_an_admin_then_members(scratch_database_url, settings):
    env = {**os.environ, "STAKAZO_DATABASE_URL": scratch_database_url}
    first = _stakazo(
        ["user", "create", "--email", "root@example.com", "--role", "admin", "--password-stdin"],
        env,
        stdin="saffron-meadow-bicycle-3\n",
    )
    assert first.returncode == 0, first.stderr
    assert "admin" in first.stdout
    viewer = _stakazo(
        ["user", "create", "--email", "v@example.com", "--role", "viewer", "--password-stdin"],
        env,
        stdin="teal-harbor-compass-7\n",
    )
    assert viewer.returncode == 0, viewer.stderr
    again = _stakazo(
        ["user", "create", "--email", "v@example.com", "--role", "viewer", "--password-stdin"],
        env,
        stdin="teal-harbor-compass-7\n",
    )
    assert again.returncode != 0
    assert "already has an account" in again.stderr
    engine = create_engine(scratch_database_url, settings)
    try:
        async with engine.connect() as connection:
            rows = (
                await connection.execute(
                    text(
                        "SELECT u.email, r.name FROM memberships m "
                        "JOIN users u ON u.id = m.user_id "
                        "JOIN roles r ON r.id = m.role_id ORDER BY u.email"
                    )
                )
            ).all()
            events = (await connection.execute(text("SELECT count(*) FROM ledger_events"))).scalar()
    finally:
        await engine.dispose()
    assert [tuple(row) for row in rows] == [
        ("root@example.com", "admin"),
        ("v@example.com", "viewer"),
    ]
    assert events
    assert events >= 4


def test_openapi_prints_the_schema():
    result = _stakazo(["openapi"], dict(os.environ))
    assert result.returncode == 0, result.stderr
    schema = json.loads(result.stdout)
    assert "/v1/auth/login" in schema["paths"]
    assert schema["info"]["title"] == "Stakazo API"


def test_a_fresh_install_creates_private_files(tmp_path):
    """`stakazo migrate` from a fresh folder, called with a permissive umask: the database, its
    folder and the generated key are the service's alone."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("STAKAZO_")}
    env["STAKAZO_ENV"] = "development"
    result = subprocess.run(
        [sys.executable, "-m", "backend.cli", "migrate"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        preexec_fn=lambda: os.umask(0o022),
    )
    assert result.returncode == 0, result.stderr
    var = tmp_path / "var"
    assert var.stat().st_mode & 0o777 == 0o700
    created = [p for p in var.iterdir() if p.is_file()]
    assert {"stakazo.db", "secret-key"} <= {p.name for p in created}
    for path in created:
        assert path.stat().st_mode & 0o777 == 0o600, path.name


async def test_migrate_seals_legacy_ledger_events_and_ledger_verify_checks_them(
    scratch_database_url, settings
):
    import uuid

    from backend.db import create_session_factory
    from backend.ledger import service as ledger_service
    from backend.ledger.chain import GENESIS_HASH, event_hash
    from backend.models import LedgerEvent
    from backend.models.base import utcnow

    # A database as an earlier version left it: before per-workspace chains (0010), with events
    # chained globally by ``seq`` and written before ledger keys existed (no MAC).
    await downgrade(scratch_database_url, "0007_outbox")
    legacy = sa.table(
        "ledger_events",
        *(sa.column(name, type_) for name, type_ in LEGACY_COLUMNS.items()),
    )
    engine = create_engine(scratch_database_url, settings)
    try:
        async with engine.begin() as connection:
            previous = GENESIS_HASH
            for seq in (1, 2, 3):
                event = LedgerEvent(
                    id=uuid.uuid4(),
                    seq=seq,
                    chain="legacy",  # hashed as the legacy chain is: with ``seq``
                    occurred_at=utcnow(),
                    type="legacy.event",
                    payload={"n": seq},
                    prev_hash=previous,
                )
                event.hash = previous = event_hash(previous, event)
                await connection.execute(
                    legacy.insert().values({name: getattr(event, name) for name in LEGACY_COLUMNS})
                )
        env = {**os.environ, "STAKAZO_DATABASE_URL": scratch_database_url}
        result = _stakazo(["migrate"], env)
        assert result.returncode == 0, result.stderr
        async with engine.connect() as connection:
            chains = await connection.execute(
                text("SELECT chain, chain_seq, seq FROM ledger_events ORDER BY seq")
            )
            assert [tuple(row) for row in chains] == [("legacy", n, n) for n in (1, 2, 3, 4)]
        # The migration rebuilt the table (SQLite) and lifted its triggers: they are back.
        for statement in ("UPDATE ledger_events SET type = 'x.y'", "DELETE FROM ledger_events"):
            with pytest.raises(DBAPIError, match="append-only"):
                async with engine.begin() as connection:
                    await connection.execute(text(statement))
        assert "sealed 3 ledger events" in result.stdout, result.stdout
        assert "sealed" not in _stakazo(["migrate"], env).stdout  # once is enough
        async with create_session_factory(engine)() as session:
            report = await ledger_service.verify(session, settings)
        assert (report.intact, report.events_checked) == (True, 4), report
        async with create_session_factory(engine)() as session, session.begin():
            new = await ledger_service.record(session, "test.new", workspace_id=uuid.uuid4())
        assert (new.chain_seq, new.seq) == (1, 5)
        verified = _stakazo(["ledger", "verify"], env)
        assert verified.returncode == 0, verified.stderr
        assert "legacy: 4 events, head 4" in verified.stdout
        assert f"{new.chain}: 1 events, head 1 {new.hash}" in verified.stdout
        assert "ledger intact: 5 events in 2 chains" in verified.stdout
        assert "100.0%" in verified.stderr  # the progress bar
        async with create_session_factory(engine)() as session, session.begin():
            # An attacker with full database rights: the append-only triggers are bypassed.
            if engine.dialect.name == "postgresql":
                await session.execute(text("SET LOCAL session_replication_role = replica"))
            else:
                await session.execute(text("DROP TRIGGER ledger_events_no_update"))
            await session.execute(text("UPDATE ledger_events SET payload = '{}' WHERE seq = 2"))
        broken = _stakazo(["ledger", "verify"], env)
        assert broken.returncode == 1
        assert "legacy: BROKEN at 2: its content no longer matches its hash" in broken.stdout
    finally:
        await engine.dispose()


def test_user_create_refuses_a_weak_password(scratch_database_url):
    env = {**os.environ, "STAKAZO_DATABASE_URL": scratch_database_url}
    weak = _stakazo(
        ["user", "create", "--email", "root@example.com", "--role", "admin", "--password-stdin"],
        env,
        stdin="password1234\n",
    )
    assert weak.returncode != 0
    assert "most commonly used" in weak.stderr
