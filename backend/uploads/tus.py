"""The tus 1.0 protocol: headers, metadata, checksums, and the route class that marks replies.

https://tus.io/protocols/resumable-upload — core, creation, termination and checksum.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import inspect
import re
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Header, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute

from backend.errors import AppError, InvalidInput
from backend.uploads.errors import TUS_VERSION, ChecksumAlgorithmUnsupported, TusVersionUnsupported

EXTENSIONS = ("creation", "termination", "checksum")
CHECKSUM_ALGORITHMS = ("sha1", "sha256", "md5")
CHUNK_CONTENT_TYPE = "application/offset+octet-stream"
ASSET_ID_HEADER = "Stakazo-Asset-Id"
_METADATA_KEY = re.compile(r"^[!-+\--~]+$")  # printable ASCII without space or comma
_MAX_METADATA_VALUE = 1000


@dataclass(frozen=True)
class Checksum:
    algorithm: str
    digest: bytes

    def hasher(self) -> Any:
        # usedforsecurity=False: tus checksums detect corruption, they do not authenticate.
        return hashlib.new(self.algorithm, usedforsecurity=False)


class TusRoute(APIRoute):
    """Every reply of a tus route carries ``Tus-Resumable``, error replies included."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def tus_handler(request: Request) -> Response:
            try:
                response = await handler(request)
            except AppError as error:
                # Re-raised, not answered here: the session dependency must still see the error
                # to roll back (or keep its changes).
                error.headers = {**error.headers, "Tus-Resumable": TUS_VERSION}
                raise
            except RequestValidationError as error:
                # Raised before the endpoint ran, so nothing was written: answering here is safe.
                answer = request.app.exception_handlers[RequestValidationError](request, error)
                response = await answer if inspect.isawaitable(answer) else answer
            response.headers["Tus-Resumable"] = TUS_VERSION
            return response

        return tus_handler


TusResumable = Annotated[
    str | None, Header(alias="Tus-Resumable", description=f"Always {TUS_VERSION}.")
]


def check_version(tus_resumable: str | None) -> None:
    """Called first thing in each tus endpoint, not as a dependency: the credentials (401) and
    the request's own fields (422) are judged before the protocol version (412)."""
    if tus_resumable != TUS_VERSION:
        raise TusVersionUnsupported()


def parse_metadata(header: str | None) -> dict[str, str]:
    """``Upload-Metadata: key base64,key2 base64,flag`` as text; control characters dropped."""
    metadata: dict[str, str] = {}
    for pair in (header or "").split(","):
        if not pair.strip():
            continue
        key, _, encoded = pair.strip().partition(" ")
        if not _METADATA_KEY.fullmatch(key) or key in metadata:
            raise InvalidInput("Upload-Metadata keys must be unique ASCII words.")
        try:
            value = base64.b64decode(encoded.strip(), validate=True).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError):
            raise InvalidInput(
                f"Upload-Metadata value of {key!r} is not base64-encoded UTF-8."
            ) from None
        metadata[key] = "".join(ch for ch in value if ch.isprintable())[:_MAX_METADATA_VALUE]
    return metadata


def encode_metadata(metadata: dict[str, str]) -> str:
    """The stored metadata as an ``Upload-Metadata`` header value (HEAD replies carry it)."""
    return ",".join(
        f"{key} {base64.b64encode(value.encode()).decode()}" for key, value in metadata.items()
    )


def parse_checksum(header: str | None) -> Checksum | None:
    """``Upload-Checksum: <algorithm> <base64 digest>`` for the chunk in this request."""
    if header is None:
        return None
    algorithm, _, encoded = header.strip().partition(" ")
    if algorithm.lower() not in CHECKSUM_ALGORITHMS:
        raise ChecksumAlgorithmUnsupported(
            f"Upload-Checksum algorithm {algorithm[:20]!r} is not supported; use one of "
            + ", ".join(CHECKSUM_ALGORITHMS)
            + "."
        )
    try:
        digest = base64.b64decode(encoded.strip(), validate=True)
    except binascii.Error:
        raise InvalidInput("Upload-Checksum digest is not base64.") from None
    checksum = Checksum(algorithm.lower(), digest)
    if len(digest) != checksum.hasher().digest_size:
        raise InvalidInput(f"Upload-Checksum digest has the wrong length for {algorithm}.")
    return checksum
