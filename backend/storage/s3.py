"""An S3 bucket (AWS, MinIO, Ceph, moto) through boto3, with explicit timeouts and retries."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import boto3  # type: ignore[import-untyped]
import structlog
from boto3.s3.transfer import TransferConfig  # type: ignore[import-untyped]
from botocore.config import Config  # type: ignore[import-untyped]
from botocore.exceptions import BotoCoreError, ClientError  # type: ignore[import-untyped]

from backend.config import Settings
from backend.storage.base import CHUNK_SIZE, InvalidRange, Storage, StorageError, StorageKeyNotFound
from backend.storage.keys import validate_key, validate_prefix

log = structlog.get_logger(__name__)

_MISSING = {"404", "NoSuchKey", "NotFound"}
_TRANSFER = TransferConfig(
    multipart_threshold=64 * 1024 * 1024, multipart_chunksize=64 * 1024 * 1024, max_concurrency=4
)


class StorageUnavailable(StorageError):
    """The bucket did not answer in time or failed after botocore's retries; try again later."""


def make_client(settings: Settings) -> Any:
    secret = settings.s3_secret_access_key
    config = Config(
        connect_timeout=min(10.0, settings.s3_timeout_seconds),
        read_timeout=settings.s3_timeout_seconds,
        retries={"total_max_attempts": 4, "mode": "standard"},  # 1 try + 3 retries
        # Self-hosted endpoints (MinIO, moto) rarely have wildcard DNS for bucket subdomains.
        s3={"addressing_style": "path"} if settings.s3_endpoint_url else {},
    )
    return boto3.client(
        "s3",
        endpoint_url=settings.s3_endpoint_url,
        region_name=settings.s3_region,
        aws_access_key_id=settings.s3_access_key_id,
        aws_secret_access_key=secret.get_secret_value() if secret else None,
        config=config,
    )


def _code(error: ClientError) -> str:
    return str(error.response.get("Error", {}).get("Code", ""))


class S3Storage(Storage):
    name = "s3"

    def __init__(self, client: Any, bucket: str) -> None:
        self.client = client
        self.bucket = bucket

    def _call(self, key: str, operation: str, **params: Any) -> Any:
        try:
            return getattr(self.client, operation)(Bucket=self.bucket, **params)
        except ClientError as error:
            code = _code(error)
            if code in _MISSING:
                raise StorageKeyNotFound(key) from None
            if code == "InvalidRange":
                raise InvalidRange(f"{params.get('Range')} does not fit {key!r}") from None
            raise StorageError(f"s3 {operation} {key!r} failed: {code}") from error
        except BotoCoreError as error:
            raise StorageUnavailable(f"s3 {operation} {key!r}: {type(error).__name__}") from error

    def save_file(self, key: str, src_path: Path) -> None:
        validate_key(key)
        try:
            self.client.upload_file(str(src_path), self.bucket, key, Config=_TRANSFER)
        except (BotoCoreError, ClientError) as error:
            raise StorageUnavailable(f"s3 upload {key!r}: {type(error).__name__}") from error
        log.info("storage.saved", backend=self.name, key=key, bytes=src_path.stat().st_size)

    def copy(self, src_key: str, dst_key: str) -> None:
        """A server-side copy: the bytes never leave the bucket (multipart above the
        transfer threshold, so objects past S3's 5 GB single-copy limit work too)."""
        validate_key(src_key)
        validate_key(dst_key)
        source = {"Bucket": self.bucket, "Key": src_key}
        try:
            self.client.copy(source, self.bucket, dst_key, Config=_TRANSFER)
        except ClientError as error:
            if _code(error) in _MISSING:
                raise StorageKeyNotFound(src_key) from None
            raise StorageError(f"s3 copy {src_key!r} failed: {_code(error)}") from error
        except BotoCoreError as error:
            raise StorageUnavailable(f"s3 copy {src_key!r}: {type(error).__name__}") from error
        log.info("storage.copied", backend=self.name, src=src_key, dst=dst_key)

    def save_bytes(self, key: str, data: bytes) -> None:
        self._call(validate_key(key), "put_object", Key=key, Body=data)

    def _stream(self, body: Any, chunk_size: int) -> Iterator[bytes]:
        try:
            yield from body.iter_chunks(chunk_size)
        finally:
            body.close()

    def open_read(self, key: str, chunk_size: int = CHUNK_SIZE) -> Iterator[bytes]:
        response = self._call(validate_key(key), "get_object", Key=key)
        yield from self._stream(response["Body"], chunk_size)

    def read_range(
        self, key: str, start: int, end: int, chunk_size: int = CHUNK_SIZE
    ) -> Iterator[bytes]:
        validate_key(key)
        if start < 0 or end < start:
            raise InvalidRange(f"bytes {start}-{end} is not a range")
        response = self._call(key, "get_object", Key=key, Range=f"bytes={start}-{end}")
        yield from self._stream(response["Body"], chunk_size)

    def size(self, key: str) -> int:
        return int(self._call(validate_key(key), "head_object", Key=key)["ContentLength"])

    def exists(self, key: str) -> bool:
        try:
            self.size(key)
        except StorageKeyNotFound:
            return False
        return True

    def delete(self, key: str) -> None:
        self._call(validate_key(key), "delete_object", Key=key)

    def delete_prefix(self, prefix: str) -> int:
        validate_prefix(prefix)
        deleted = 0
        try:
            pages = self.client.get_paginator("list_objects_v2").paginate(
                Bucket=self.bucket, Prefix=prefix
            )
            for page in pages:
                objects = [{"Key": item["Key"]} for item in page.get("Contents", [])]
                if not objects:
                    continue
                response = self.client.delete_objects(
                    Bucket=self.bucket, Delete={"Objects": objects, "Quiet": True}
                )
                if response.get("Errors"):
                    raise StorageError(f"s3 could not delete {len(response['Errors'])} objects")
                deleted += len(objects)
        except (BotoCoreError, ClientError) as error:
            raise StorageUnavailable(f"s3 delete {prefix!r}: {type(error).__name__}") from error
        log.info("storage.prefix_deleted", backend=self.name, prefix=prefix, files=deleted)
        return deleted

    @contextmanager
    def local_copy(self, key: str) -> Iterator[Path]:
        validate_key(key)
        with tempfile.TemporaryDirectory(prefix="stakazo-s3-") as folder:
            path = Path(folder) / key.rsplit("/", 1)[-1]
            try:
                self.client.download_file(self.bucket, key, str(path))
            except ClientError as error:
                if _code(error) in _MISSING:
                    raise StorageKeyNotFound(key) from None
                raise StorageError(f"s3 download {key!r} failed: {_code(error)}") from error
            except BotoCoreError as error:
                raise StorageUnavailable(f"s3 download {key!r}: {type(error).__name__}") from error
            yield path
