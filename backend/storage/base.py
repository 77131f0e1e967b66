"""The one storage interface the API and the workers use.

Calls are synchronous (boto3 is); async callers wrap them in ``anyio.to_thread.run_sync``.
Every key goes through :func:`backend.storage.keys.validate_key` before it touches a backend.
"""

from __future__ import annotations

import abc
from collections.abc import Iterator
from contextlib import AbstractContextManager
from pathlib import Path

CHUNK_SIZE = 1024 * 1024


class StorageError(Exception):
    """A storage operation failed."""


class StorageKeyNotFound(StorageError):
    def __init__(self, key: str) -> None:
        super().__init__(f"no stored file at {key!r}")
        self.key = key


class InvalidRange(StorageError, ValueError):
    """A byte range that does not fit the file (start past the end, or end before start)."""


def check_range(start: int, end: int, size: int) -> int:
    """The inclusive end clamped to the file; raises :class:`InvalidRange` when nothing fits."""
    if start < 0 or end < start or start >= size:
        raise InvalidRange(f"bytes {start}-{end} do not fit a file of {size} bytes")
    return min(end, size - 1)


class Storage(abc.ABC):
    """Files addressed by key. Writes are atomic: a reader sees the old file, the new one or
    nothing, never half a file. Readers are lazy iterators: nothing is opened until the first
    chunk is asked for, so an HTTP response can stream them from a worker thread."""

    name: str

    @abc.abstractmethod
    def save_file(self, key: str, src_path: Path) -> None:
        """Copy a local file to ``key``; ``src_path`` is left in place."""

    def move_file(self, key: str, src_path: Path) -> None:
        """Store a local file under ``key`` and remove the local copy (a rename when possible)."""
        self.save_file(key, src_path)
        src_path.unlink(missing_ok=True)

    def copy(self, src_key: str, dst_key: str) -> None:
        """Store a copy of the file at ``src_key`` under ``dst_key`` (atomically, as every
        write); raises :class:`StorageKeyNotFound` when there is nothing at ``src_key``.
        Backends override this with their cheaper native copy."""
        with self.local_copy(src_key) as path:
            self.save_file(dst_key, path)

    @abc.abstractmethod
    def save_bytes(self, key: str, data: bytes) -> None: ...

    @abc.abstractmethod
    def open_read(self, key: str, chunk_size: int = CHUNK_SIZE) -> Iterator[bytes]:
        """The whole file in chunks; raises :class:`StorageKeyNotFound` on the first chunk."""

    @abc.abstractmethod
    def read_range(
        self, key: str, start: int, end: int, chunk_size: int = CHUNK_SIZE
    ) -> Iterator[bytes]:
        """Bytes ``start`` to ``end`` inclusive (HTTP ``Range`` semantics, end clamped)."""

    @abc.abstractmethod
    def size(self, key: str) -> int: ...

    @abc.abstractmethod
    def exists(self, key: str) -> bool: ...

    @abc.abstractmethod
    def delete(self, key: str) -> None:
        """Remove one file; a missing file is not an error."""

    @abc.abstractmethod
    def delete_prefix(self, prefix: str) -> int:
        """Remove every file under ``prefix`` (which ends with ``/``); returns how many."""

    @abc.abstractmethod
    def local_copy(self, key: str) -> AbstractContextManager[Path]:
        """A local path to the file for tools such as ffmpeg, valid inside the ``with`` block.

        Read it, never write it: on the local backend it is the stored file itself.
        """

    def read_bytes(self, key: str) -> bytes:
        return b"".join(self.open_read(key))
