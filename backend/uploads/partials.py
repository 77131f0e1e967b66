"""Partially received files on local disk, under ``media_dir/incoming/``, named by upload id.

The database holds the committed offset; the file may hold more (a request that failed after
writing), so every write first cuts the file back to the offset it starts from.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

import anyio

from backend.config import Settings
from core.keyfiles import private_file

WRITE_BUFFER = 1024 * 1024


class BodyInterrupted(Exception):
    """The client went away before the whole request body arrived."""


class ChunkTooLong(Exception):
    """The body carried more bytes than the upload has room for."""


@dataclass(frozen=True)
class Received:
    written: int
    complete: bool  # False when the client went away part way
    digest: bytes | None  # of the bytes written, when a checksum algorithm was asked for


def incoming_dir(settings: Settings) -> Path:
    return settings.media_dir / "incoming"


def path_for(settings: Settings, upload_id: uuid.UUID) -> Path:
    return incoming_dir(settings) / f"{upload_id}.part"


def create(path: Path) -> None:
    private_file(path)


def size_on_disk(path: Path) -> int | None:
    try:
        return path.stat().st_size
    except FileNotFoundError:
        return None


def truncate(path: Path, offset: int) -> None:
    with path.open("r+b") as file:
        file.truncate(offset)


def remove(path: Path) -> None:
    path.unlink(missing_ok=True)


def _open_at(path: Path, offset: int) -> BinaryIO:
    if not path.exists():
        create(path)
    file = path.open("r+b")
    file.truncate(offset)
    file.seek(offset)
    return file


def _sync_and_close(file: BinaryIO) -> None:
    try:
        file.flush()
        os.fsync(file.fileno())  # an offset we report must survive a crash
    finally:
        file.close()


async def receive(
    path: Path, offset: int, body: AsyncIterator[bytes], room: int, hasher: Any | None
) -> Received:
    """Append ``body`` at ``offset`` without holding more than about 1 MiB in memory.

    Raises :class:`ChunkTooLong` (with the file cut back to ``offset``) when the body is longer
    than ``room``.
    """
    file = await anyio.to_thread.run_sync(_open_at, path, offset)
    written, complete, pending = 0, True, bytearray()
    try:
        try:
            async for chunk in body:
                written += len(chunk)
                if written > room:
                    raise ChunkTooLong()
                if hasher is not None:
                    hasher.update(chunk)
                pending += chunk
                if len(pending) >= WRITE_BUFFER:
                    await anyio.to_thread.run_sync(file.write, bytes(pending))
                    pending.clear()
        except BodyInterrupted:
            complete = False
        if pending:
            await anyio.to_thread.run_sync(file.write, bytes(pending))
    except ChunkTooLong:
        await anyio.to_thread.run_sync(file.truncate, offset)
        raise
    finally:
        await anyio.to_thread.run_sync(_sync_and_close, file)
    digest = hasher.digest() if hasher is not None else None
    return Received(written=written, complete=complete, digest=digest)
