"""The session dependency works for WebSockets as for routes: it is typed on HTTPConnection."""

from __future__ import annotations

import asyncio
import sqlite3
import time
import warnings
from pathlib import Path

import pytest
from fastapi import FastAPI, WebSocket
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine

from core.db import SessionDep

with warnings.catch_warnings():
    # The one client here that speaks WebSocket; its notice about httpx is not ours to act on.
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient


def _app(database: Path, *, fail: bool) -> tuple[FastAPI, AsyncEngine]:
    engine = create_async_engine(f"sqlite+aiosqlite:///{database}")
    app = FastAPI()
    app.state.session_factory = async_sessionmaker(engine, expire_on_commit=False)

    @app.websocket("/ws")
    async def socket(websocket: WebSocket, session: SessionDep) -> None:
        await websocket.accept()
        await session.execute(text("INSERT INTO seen VALUES (1)"))
        await websocket.send_text("written")
        await websocket.close()
        if fail:
            raise RuntimeError("after the insert")

    return app, engine


def _rows(database: Path) -> int:
    with sqlite3.connect(database) as connection:
        return int(connection.execute("SELECT count(*) FROM seen").fetchone()[0])


def _run(tmp_path: Path, *, fail: bool) -> Path:
    """Connects once; the endpoint's error, if any, surfaces when the connection closes."""
    database = tmp_path / "ws.db"
    with sqlite3.connect(database) as connection:
        connection.execute("CREATE TABLE seen (n INTEGER)")
    app, engine = _app(database, fail=fail)
    try:
        with TestClient(app) as client, client.websocket_connect("/ws") as websocket:
            assert websocket.receive_text() == "written"
    finally:
        asyncio.run(engine.dispose())
    return database


def test_a_websocket_endpoint_gets_a_session_that_commits_when_it_returns(tmp_path):
    database = _run(tmp_path, fail=False)
    deadline = time.monotonic() + 5
    while _rows(database) == 0 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _rows(database) == 1


def test_a_websocket_endpoint_that_fails_leaves_nothing_behind(tmp_path):
    with pytest.raises(RuntimeError, match="after the insert"):
        _run(tmp_path, fail=True)
    assert _rows(tmp_path / "ws.db") == 0
