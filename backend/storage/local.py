"""Files under ``settings.media_dir``; every resolved path must stay inside that root.

Folders are created 0700 and files 0600 (``mkstemp``'s mode, kept by the rename), so media is
readable by the service's user only.
"""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import structlog

from backend.storage.base import CHUNK_SIZE, Storage, StorageKeyNotFound, check_range
from backend.storage.keys import InvalidStorageKey, validate_key, validate_prefix
from core.keyfiles import PRIVATE_FILE_MODE, private_dir

log = structlog.get_logger(__name__)


class LocalStorage(Storage):
    name = "local"

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()

    def path_for(self, key: str) -> Path:
        path = (self.root / validate_key(key)).resolve()
        if not path.is_relative_to(self.root) or path == self.root:
            raise InvalidStorageKey(key, "resolves outside the storage root")
        return path

    def _prefix_dir(self, prefix: str) -> Path:
        path = (self.root / validate_prefix(prefix)).resolve()
        if not path.is_relative_to(self.root) or path == self.root:
            raise InvalidStorageKey(prefix, "resolves outside the storage root")
        return path

    @contextmanager
    def _atomic_target(self, key: str) -> Iterator[Path]:
        """A temporary file beside the target, renamed over it only when the block succeeds."""
        target = self.path_for(key)
        private_dir(target.parent)
        fd, name = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
        os.close(fd)
        temporary = Path(name)
        try:
            yield temporary
            os.replace(temporary, target)
        finally:
            temporary.unlink(missing_ok=True)

    def save_file(self, key: str, src_path: Path) -> None:
        with (
            self._atomic_target(key) as temporary,
            src_path.open("rb") as source,
            temporary.open("wb") as sink,
        ):
            shutil.copyfileobj(source, sink, CHUNK_SIZE)
            sink.flush()
            os.fsync(sink.fileno())

    def move_file(self, key: str, src_path: Path) -> None:
        target = self.path_for(key)
        private_dir(target.parent)
        try:
            src_path.chmod(PRIVATE_FILE_MODE)
            os.replace(src_path, target)  # atomic on one filesystem
        except OSError as error:
            if error.errno != errno.EXDEV:
                raise
            super().move_file(key, src_path)

    def copy(self, src_key: str, dst_key: str) -> None:
        """A hard link when the filesystem allows it: stored files are never written in
        place (every write is a new file renamed over the key), so two keys can share one
        file and a later write to either leaves the other as it was."""
        source, _ = self._open(src_key)
        with self._atomic_target(dst_key) as temporary:
            temporary.unlink()
            try:
                os.link(source, temporary)
            except OSError:  # no hard links here (another filesystem, FAT, some mounts)
                shutil.copyfile(source, temporary)
                temporary.chmod(PRIVATE_FILE_MODE)
        log.info("storage.copied", backend=self.name, src=src_key, dst=dst_key)

    def save_bytes(self, key: str, data: bytes) -> None:
        with self._atomic_target(key) as temporary, temporary.open("wb") as sink:
            sink.write(data)
            sink.flush()
            os.fsync(sink.fileno())

    def _open(self, key: str) -> tuple[Path, int]:
        path = self.path_for(key)
        if not path.is_file():
            raise StorageKeyNotFound(key)
        return path, path.stat().st_size

    def open_read(self, key: str, chunk_size: int = CHUNK_SIZE) -> Iterator[bytes]:
        path, _ = self._open(key)
        with path.open("rb") as source:
            while chunk := source.read(chunk_size):
                yield chunk

    def read_range(
        self, key: str, start: int, end: int, chunk_size: int = CHUNK_SIZE
    ) -> Iterator[bytes]:
        path, size = self._open(key)
        remaining = check_range(start, end, size) - start + 1
        with path.open("rb") as source:
            source.seek(start)
            while remaining > 0 and (chunk := source.read(min(chunk_size, remaining))):
                remaining -= len(chunk)
                yield chunk

    def size(self, key: str) -> int:
        return self._open(key)[1]

    def exists(self, key: str) -> bool:
        return self.path_for(key).is_file()

    def delete(self, key: str) -> None:
        self.path_for(key).unlink(missing_ok=True)

    def delete_prefix(self, prefix: str) -> int:
        folder = self._prefix_dir(prefix)
        if not folder.is_dir():
            return 0
        count = sum(1 for path in folder.rglob("*") if path.is_file())
        shutil.rmtree(folder, ignore_errors=True)
        log.info("storage.prefix_deleted", backend=self.name, prefix=prefix, files=count)
        return count

    @contextmanager
    def local_copy(self, key: str) -> Iterator[Path]:
        path, _ = self._open(key)
        yield path
