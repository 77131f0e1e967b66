"""A streaming ``multipart/form-data`` reader that writes one file field straight to disk.

Only the file field's bytes are kept (on disk); other fields are skipped, so memory stays
bounded whatever the client sends.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

import anyio

MAX_HEADER_BYTES = 16 * 1024
MAX_SKIPPED_BYTES = 1024 * 1024
_BOUNDARY = re.compile(r'boundary=(?:"([^"]{1,70})"|([^\s;"]{1,70}))', re.IGNORECASE)
_PARAM = re.compile(r';\s*([A-Za-z0-9_.*-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]*))')


class MultipartError(ValueError):
    """The body is not well-formed multipart/form-data."""


class PartTooLarge(Exception):
    """The file field is longer than allowed."""


@dataclass(frozen=True)
class ReceivedFile:
    filename: str
    size: int


def boundary_of(content_type: str | None) -> bytes | None:
    if not content_type or not content_type.lower().startswith("multipart/form-data"):
        return None
    match = _BOUNDARY.search(content_type)
    if match is None:
        return None
    return (match.group(1) or match.group(2)).encode("latin-1")


def _disposition(headers: bytes) -> tuple[str | None, str | None]:
    """(field name, file name) from the part's Content-Disposition header."""
    for line in headers.split(b"\r\n"):
        name, _, value = line.partition(b":")
        if name.strip().lower() != b"content-disposition":
            continue
        try:
            text = value.decode("utf-8")
        except UnicodeDecodeError:
            text = value.decode("latin-1")
        params: dict[str, str] = {}
        for key, quoted, plain in _PARAM.findall(text):
            params[key.lower()] = re.sub(r"\\(.)", r"\1", quoted) if quoted else plain.strip()
        filename = params.get("filename")
        extended = params.get("filename*")
        if extended and "''" in extended:  # RFC 5987: charset'language'percent-encoded
            charset, _, encoded = extended.partition("'")
            encoded = encoded.partition("'")[2]
            try:
                filename = unquote(encoded, encoding=charset or "utf-8", errors="strict")
            except (LookupError, UnicodeDecodeError):
                raise MultipartError("bad filename* parameter") from None
        return params.get("name"), filename
    return None, None


class _Reader:
    def __init__(self, stream: AsyncIterator[bytes]) -> None:
        self.stream = stream
        self.buffer = bytearray()

    async def fill(self) -> None:
        try:
            self.buffer += await anext(self.stream)
        except StopAsyncIteration:
            raise MultipartError("the body ended in the middle of the form") from None

    async def take(self, count: int) -> bytes:
        while len(self.buffer) < count:
            await self.fill()
        taken = bytes(self.buffer[:count])
        del self.buffer[:count]
        return taken

    async def headers(self) -> bytes:
        while True:
            if self.buffer.startswith(b"\r\n"):
                del self.buffer[:2]
                return b""
            end = self.buffer.find(b"\r\n\r\n")
            if end >= 0:
                headers = bytes(self.buffer[:end])
                del self.buffer[: end + 4]
                return headers
            if len(self.buffer) > MAX_HEADER_BYTES:
                raise MultipartError("part headers are too long")
            await self.fill()

    async def copy_until(
        self, marker: bytes, sink: anyio.AsyncFile[bytes] | None, limit: int
    ) -> int:
        """Pass bytes to ``sink`` up to ``marker`` (consumed, not passed); returns the count."""
        copied = 0
        while True:
            end = self.buffer.find(marker)
            ready = end if end >= 0 else len(self.buffer) - len(marker) + 1
            if ready > 0:
                copied += ready
                if copied > limit:
                    raise PartTooLarge()
                if sink is not None:
                    await sink.write(bytes(self.buffer[:ready]))
                del self.buffer[:ready]
            if end >= 0:
                del self.buffer[: len(marker)]
                return copied
            await self.fill()


async def receive_file(
    stream: AsyncIterator[bytes],
    boundary: bytes,
    *,
    field: str,
    destination: Path,
    limit: int,
    accept: Callable[[str], None],
) -> ReceivedFile:
    """Write the first part named ``field`` that has a file name to ``destination``.

    ``accept(filename)`` runs before the file's bytes are read and may raise to refuse it.
    """
    reader = _Reader(stream)
    delimiter = b"--" + boundary
    await reader.copy_until(delimiter, None, MAX_SKIPPED_BYTES)  # the preamble
    received: ReceivedFile | None = None
    skipped = 0
    while (ending := await reader.take(2)) != b"--":
        if ending != b"\r\n":
            raise MultipartError("a boundary is not followed by a line break")
        name, filename = _disposition(await reader.headers())
        if received is None and name == field and filename is not None:
            accept(filename)
            async with await anyio.open_file(destination, "wb") as sink:
                size = await reader.copy_until(b"\r\n" + delimiter, sink, limit)
            received = ReceivedFile(filename=filename, size=size)
        else:
            skipped += await reader.copy_until(
                b"\r\n" + delimiter, None, MAX_SKIPPED_BYTES - skipped
            )
    if received is None:
        raise MultipartError(f"the form has no file in a field named {field!r}")
    return received
