"""Storage keys: relative, plain ASCII names built from ids, never from what a user typed.

This module is the one place that builds them; everything else asks it for a key.

A key is ``segment/segment/...``; each segment is ``[A-Za-z0-9._-]`` and does not start with a
dot, so ``..``, hidden files and our own temporary files can never be named. A prefix is a key
that ends with ``/``.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass

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
    """Everything stored for one asset: its source and its variants' files."""
    return validate_prefix(f"assets/{asset_id}/")


def asset_source_key(asset_id: uuid.UUID, extension: str) -> str:
    """Where an uploaded video lives: ``assets/{id}/source.{ext}``."""
    return validate_key(f"{asset_prefix(asset_id)}source.{validate_extension(extension)}")


@dataclass(frozen=True)
class VariantKeys:
    """Where a rendered variant's three files live, under its asset's prefix (so deleting the
    asset's prefix deletes them too)."""

    video: str
    cover: str
    preview: str


def variant_keys(asset_id: uuid.UUID, variant_id: uuid.UUID) -> VariantKeys:
    """``assets/{asset}/variants/{variant}/video.mp4``, ``cover.jpg`` and ``preview.mp4``."""
    prefix = f"{asset_prefix(asset_id)}variants/{variant_id}/"
    return VariantKeys(
        video=validate_key(f"{prefix}video.mp4"),
        cover=validate_key(f"{prefix}cover.jpg"),
        preview=validate_key(f"{prefix}preview.mp4"),
    )
