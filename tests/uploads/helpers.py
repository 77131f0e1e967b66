"""Test helpers: a minimal tus client."""

from __future__ import annotations

import base64
import hashlib
import uuid
from pathlib import Path

import httpx
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from backend.app import create_app
from backend.config import Settings
from backend.models import LedgerEvent

TUS = {"Tus-Resumable": "1.0.0"}
CHUNK = {**TUS, "Content-Type": "application/offset+octet-stream"}


def build_client(
    settings: Settings, session_factory: async_sessionmaker[AsyncSession]
) -> httpx.AsyncClient:
    """The app with other settings (limits), on the test's transaction."""
    app = create_app(settings, session_factory=session_factory)
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    return httpx.AsyncClient(transport=transport, base_url="http://test")


def metadata(**values: str) -> str:
    return ",".join(
        f"{key} {base64.b64encode(value.encode()).decode()}" for key, value in values.items()
    )


def checksum(algorithm: str, data: bytes) -> str:
    return f"{algorithm} {base64.b64encode(hashlib.new(algorithm, data).digest()).decode()}"


def video_bytes(size: int = 300_000, seed: int = 0) -> bytes:
    """Deterministic bytes that differ per seed (uploads are judged by name, not content)."""
    block = hashlib.sha256(f"video-{seed}".encode()).digest()
    return (block * (size // len(block) + 1))[:size]


async def create_upload(
    client: httpx.AsyncClient, headers: dict[str, str], length: int, filename: str = "talk.mp4"
) -> httpx.Response:
    tus = {"Upload-Length": str(length), "Upload-Metadata": metadata(filename=filename)}
    return await client.post("/v1/uploads/tus", headers={**headers, **TUS, **tus})


async def patch(
    client: httpx.AsyncClient,
    headers: dict[str, str],
    location: str,
    offset: int,
    data: bytes,
    **extra: str,
) -> httpx.Response:
    return await client.patch(
        location, content=data, headers={**headers, **CHUNK, "Upload-Offset": str(offset), **extra}
    )


async def tus_upload(
    client: httpx.AsyncClient,
    headers: dict[str, str],
    data: bytes,
    filename: str = "talk.mp4",
    chunks: int = 3,
) -> uuid.UUID:
    """Upload ``data`` in ``chunks`` PATCHes; returns the asset id from the last reply."""
    created = await create_upload(client, headers, len(data), filename)
    assert created.status_code == 201, created.text
    location = created.headers["Location"]
    size = -(-len(data) // chunks)
    response = None
    for offset in range(0, len(data), size):
        response = await patch(client, headers, location, offset, data[offset : offset + size])
        assert response.status_code == 204, response.text
    assert response is not None
    return uuid.UUID(response.headers["Stakazo-Asset-Id"])


async def ledger_events(session: AsyncSession, type: str) -> list[LedgerEvent]:
    result = await session.execute(
        select(LedgerEvent).where(LedgerEvent.type == type).order_by(LedgerEvent.seq)
    )
    return list(result.scalars().all())


def partial_path(settings: Settings, location: str) -> Path:
    """Where the server keeps the bytes of the upload at ``location``."""
    return settings.media_dir / "incoming" / f"{location.rsplit('/', 1)[-1]}.part"
