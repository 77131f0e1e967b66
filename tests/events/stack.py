"""The real app served over HTTP with its lifespan (so the event bus runs), on a scratch database
whose rows the test writes and commits itself."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import uuid
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import ClientConnection, connect

from backend.app import create_app
from backend.cli import WEBSOCKET_OPTIONS
from backend.config import Settings
from backend.db import create_engine
from tests.e2e.processes import free_port, wait_for


@contextmanager
def serving_with_lifespan(settings: Settings) -> Iterator[str]:
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(
            create_app(settings),
            host="127.0.0.1",
            port=port,
            log_level="warning",
            **WEBSOCKET_OPTIONS,
        )
    )
    thread = threading.Thread(target=server.run, name=f"uvicorn-{port}", daemon=True)
    thread.start()
    wait_for(lambda: server.started, 30, "the API to start")
    try:
        yield f"127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=30)


@asynccontextmanager
async def committed(database_url: str, settings: Settings) -> AsyncIterator[AsyncSession]:
    """A session on the scratch database whose work is committed when the block ends."""
    engine = create_engine(database_url, settings)
    try:
        async with async_sessionmaker(engine, expire_on_commit=False)() as session:
            yield session
            await session.commit()
    finally:
        await engine.dispose()


@dataclass
class Member:
    token: str
    workspace_id: uuid.UUID
    user_id: uuid.UUID

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}", "X-Workspace-Id": str(self.workspace_id)}


def sign_in(host: str, email: str, password: str) -> str:
    answer = httpx.post(
        f"http://{host}/v1/auth/login", json={"email": email, "password": password}, timeout=10
    )
    assert answer.status_code == 200, answer.text
    return str(answer.json()["access_token"])


def subscribe(
    host: str, headers: dict[str, str], query: str = "", **options: Any
) -> ClientConnection:
    return connect(f"ws://{host}/v1/events{query}", additional_headers=headers, **options)


def next_message(socket: ClientConnection, within: float = 5.0) -> dict[str, Any]:
    return dict(json.loads(socket.recv(timeout=within)))


def first_of(socket: ClientConnection, type: str, within: float = 5.0) -> dict[str, Any]:
    """The next message of ``type``, skipping others (ledger heads, ...)."""
    while True:
        message = next_message(socket, within)
        if message["type"] == type:
            return message


def _read_until_closed(socket: ClientConnection, within: float) -> None:
    while True:
        socket.recv(timeout=within)


def close_code(socket: ClientConnection, within: float = 5.0) -> tuple[int, str]:
    """Read until the server closes; its close code and reason."""
    with pytest.raises(ConnectionClosed) as closed:
        _read_until_closed(socket, within)
    frame = closed.value.rcvd
    assert frame is not None, "closed without a close frame"
    return frame.code, frame.reason


def data_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir(exist_ok=True)
    return folder


ROOT = Path(__file__).resolve().parents[2]


@contextmanager
def watching(url: str, who: Member, folder: Path, token: str | None = None) -> Iterator[Path]:
    """`stakazo events` running against ``url``; yields the file its stdout goes to."""
    out, err = folder / "events.out", folder / "events.err"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "STAKAZO_ACCESS_TOKEN": token or who.token}
    command = [sys.executable, "-m", "backend.cli", "events", "--url", url]
    command += ["--workspace", str(who.workspace_id)]
    with out.open("wb") as stdout, err.open("wb") as stderr:
        process = subprocess.Popen(command, env=env, stdout=stdout, stderr=stderr)
        try:
            yield out
        finally:
            process.terminate()
            process.wait(timeout=30)


def printed(out: Path) -> list[dict]:
    return [json.loads(line) for line in out.read_text().splitlines() if line.strip()]
