"""The stakazo command: migrate, user create, openapi, as separate processes."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from sqlalchemy import text

from backend.db import create_engine


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
    assert "/auth/login" in schema["paths"]
    assert schema["info"]["title"] == "Stakazo API"


def test_user_create_refuses_a_weak_password(scratch_database_url):
    env = {**os.environ, "STAKAZO_DATABASE_URL": scratch_database_url}
    weak = _stakazo(
        ["user", "create", "--email", "root@example.com", "--role", "admin", "--password-stdin"],
        env,
        stdin="password1234\n",
    )
    assert weak.returncode != 0
    assert "most commonly used" in weak.stderr
