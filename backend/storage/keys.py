"""Storage keys: relative, plain ASCII names built from ids, never from what a user typed.

A key is ``segment/segment/...``; each segment is ``[A-Za-z0-9._-]`` and does not start with a
dot, so ``..``, hidden files and our own temporary files can never be named. A prefix is a key
that ends with ``/``.
"""

from __future__ import annotations

import re
import uuid

MAX_KEY_LENGTH = 500  # the width of the storage_key columns
_SEGMENT = re.compile(r"^[A-Za-z0-9_-][A-Za-z0-9._-]*$")
_EXTENSION = re.compile(r"^[a-z0-9]{1,10}$")


class InvalidStorageKey(ValueError):
    """A key that could escape the storage root or name something it should not."""

    def __init__(self, key: str, reason: str) -> None:
        super().__init__(f"invalid storage key {key[:80]!r}: {reason}")
        self.key = key
        self.reason = reason


def _check_segments(key: str, segments: list[str]) -> None:
    for segment in segments:
        if segment in ("", ".", ".."):
            raise InvalidStorageKey(key, "empty, '.' or '..' segment")
        if not _SEGMENT.fullmatch(segment):
            raise InvalidStorageKey(
                key, "segments use only A-Z a-z 0-9 . _ - and start with no dot"
            )


def validate_key(key: str) -> str:
    """Return ``key`` unchanged when it is safe, else raise :class:`InvalidStorageKey`."""
    if not isinstance(key, str) or not key:
        raise InvalidStorageKey(str(key), "empty")
    if len(key) > MAX_KEY_LENGTH:
        raise InvalidStorageKey(key, f"longer than {MAX_KEY_LENGTH} characters")
    if "\x00" in key or "\\" in key:
        raise InvalidStorageKey(key, "NUL or backslash")
    if key.startswith("/"):
        raise InvalidStorageKey(key, "absolute")
    if key.endswith("/"):
        raise InvalidStorageKey(key, "ends with '/' (that is a prefix)")
    _check_segments(key, key.split("/"))
    return key


def validate_prefix(prefix: str) -> str:
    """A prefix names a folder: a valid key followed by ``/``. The empty prefix is refused."""
    if not isinstance(prefix, str) or not prefix.endswith("/") or prefix == "/":
        raise InvalidStorageKey(str(prefix), "a prefix is a non-empty key ending with '/'")
    validate_key(prefix[:-1])
    return prefix


def validate_extension(extension: str) -> str:
    if not _EXTENSION.fullmatch(extension):
        raise InvalidStorageKey(extension, "extensions are 1-10 lowercase letters or digits")
    return extension


def asset_prefix(asset_id: uuid.UUID) -> str:
    return f"assets/{asset_id}/"


def asset_source_key(asset_id: uuid.UUID, extension: str) -> str:
    """Where an uploaded video lives: ``assets/{id}/source.{ext}``."""
    return validate_key(f"{asset_prefix(asset_id)}source.{validate_extension(extension)}")
