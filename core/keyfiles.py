"""Keys the embedded default generates for itself, kept in files only their owner can read.

Outside production, a key nobody configured is generated on first use and kept under
``STAKAZO_DATA_DIR`` (file 0600, folder 0700), so later starts, and every process of
``stakazo run``, read the same one. Two processes starting together agree: the file is written
under a temporary name and hard-linked into place, which fails for whoever comes second, and that
process reads the winner's key instead.
"""

from __future__ import annotations

import base64
import contextlib
import os
import secrets
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path

SECRET_KEY_FILE = "secret-key"  # noqa: S105 - a file name
TOKEN_ENCRYPTION_KEY_FILE = "token-encryption-key"  # noqa: S105 - a file name
LEDGER_KEY_FILE = "ledger-key"

PRIVATE_FILE_MODE = 0o600
PRIVATE_DIR_MODE = 0o700


class KeyFileError(RuntimeError):
    """A key file exists but cannot be used (empty, unreadable)."""


def random_secret() -> str:
    return secrets.token_urlsafe(48)


def random_fernet_key() -> str:
    """A Fernet key (32 random bytes, urlsafe base64), the format cryptography expects."""
    return base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()


def private_dir(path: Path, *, tighten: bool = False) -> Path:
    """Create ``path`` and any missing parents readable by their owner only (0700).

    ``tighten`` also takes group and world access away from an existing folder we own: for our
    own folders (keys, media, broker), never for a folder a user merely pointed a file into.
    """
    missing: list[Path] = []
    folder = path
    while not folder.exists():
        missing.append(folder)
        folder = folder.parent
    for folder in reversed(missing):
        with contextlib.suppress(FileExistsError):
            folder.mkdir(mode=PRIVATE_DIR_MODE)
    status = path.stat()
    if tighten and status.st_mode & 0o077 and status.st_uid == os.getuid():
        path.chmod(PRIVATE_DIR_MODE)
    return path


def private_file(path: Path) -> Path:
    """Create ``path`` empty and 0600 when it does not exist; tighten it when it does."""
    private_dir(path.parent)
    os.close(os.open(path, os.O_CREAT | os.O_WRONLY, PRIVATE_FILE_MODE))
    if path.stat().st_mode & 0o077:
        path.chmod(PRIVATE_FILE_MODE)
    return path


def _read(path: Path) -> str:
    if path.stat().st_mode & 0o077:
        # An older copy, or one made by hand: nobody but the owner may read a key.
        path.chmod(PRIVATE_FILE_MODE)
    value = path.read_text(encoding="utf-8").strip()
    if not value:
        raise KeyFileError(f"{path} is empty; delete it to have a new key generated")
    return value


def load_or_create(path: Path, generate: Callable[[], str] = random_secret) -> str:
    """The key stored at ``path``, generating and storing one first if there is none."""
    try:
        return _read(path)
    except FileNotFoundError:
        pass
    folder = private_dir(path.parent, tighten=True)
    descriptor, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.")
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(generate() + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, stat.S_IRUSR | stat.S_IWUSR)
        with contextlib.suppress(FileExistsError):  # another process stored its key first
            os.link(temporary, path)
    finally:
        os.unlink(temporary)
    return _read(path)
