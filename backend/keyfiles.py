"""Moved to ``core.keyfiles`` (the broker client needs private folders too)."""

from core.keyfiles import (
    LEDGER_KEY_FILE,
    PRIVATE_DIR_MODE,
    PRIVATE_FILE_MODE,
    SECRET_KEY_FILE,
    TOKEN_ENCRYPTION_KEY_FILE,
    KeyFileError,
    load_or_create,
    private_dir,
    private_file,
    random_fernet_key,
    random_secret,
)

__all__ = [
    "LEDGER_KEY_FILE",
    "PRIVATE_DIR_MODE",
    "PRIVATE_FILE_MODE",
    "SECRET_KEY_FILE",
    "TOKEN_ENCRYPTION_KEY_FILE",
    "KeyFileError",
    "load_or_create",
    "private_dir",
    "private_file",
    "random_fernet_key",
    "random_secret",
]
