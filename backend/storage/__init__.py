"""Where media files live: the local disk or an S3 bucket, behind one interface."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from backend.config import Settings
from backend.storage.base import InvalidRange, Storage, StorageError, StorageKeyNotFound
from backend.storage.keys import InvalidStorageKey, validate_key, validate_prefix

__all__ = [
    "InvalidRange",
    "InvalidStorageKey",
    "Storage",
    "StorageError",
    "StorageKeyNotFound",
    "get_storage",
    "validate_key",
    "validate_prefix",
]


_S3_CACHE: dict[tuple[object, ...], Storage] = {}


@lru_cache(maxsize=8)
def _local(root: str) -> Storage:
    from backend.storage.local import LocalStorage

    return LocalStorage(Path(root))


def get_storage(settings: Settings) -> Storage:
    """The configured backend. Instances are shared: a boto3 client is safe across threads."""
    if settings.storage_backend == "s3":
        return _s3(settings)
    return _local(str(settings.media_dir))


def _s3(settings: Settings) -> Storage:
    from backend.storage.s3 import S3Storage, make_client

    secret = settings.s3_secret_access_key
    cache_key = (
        settings.s3_bucket,
        settings.s3_endpoint_url,
        settings.s3_region,
        settings.s3_access_key_id,
        secret.get_secret_value() if secret else None,
        settings.s3_timeout_seconds,
    )
    storage = _S3_CACHE.get(cache_key)
    if storage is None:
        storage = _S3_CACHE[cache_key] = S3Storage(make_client(settings), settings.s3_bucket)
    return storage
