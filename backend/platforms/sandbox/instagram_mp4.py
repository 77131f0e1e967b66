"""What the Instagram emulator reads from an uploaded file: that it is an MP4/MOV (an ``ftyp`` box
first) and how long it plays (``moov/mvhd``). Box headers only, no decoding: cheap enough to run
on every upload."""

from __future__ import annotations

import struct
from collections.abc import Iterator
from dataclasses import dataclass


@dataclass(frozen=True)
class Mp4Info:
    brand: str
    duration_seconds: float | None  # None: no readable moov/mvhd


class NotMp4(ValueError):
    pass


def _boxes(data: bytes | bytearray, start: int, end: int) -> Iterator[tuple[bytes, int, int]]:
    """(type, payload start, box end) for each box between ``start`` and ``end``."""
    position = start
    while position + 8 <= end:
        size, kind = struct.unpack_from(">I4s", data, position)
        header = 8
        if size == 1:  # 64-bit size follows the type
            if position + 16 > end:
                return
            (size,) = struct.unpack_from(">Q", data, position + 8)
            header = 16
        elif size == 0:  # runs to the end of the file
            size = end - position
        if size < header or position + size > end:
            return
        yield kind, position + header, position + size
        position += size


def inspect_mp4(data: bytes | bytearray) -> Mp4Info:
    """Raises ``NotMp4`` unless the file starts with an ``ftyp`` box (MP4, MOV, M4V...)."""
    first = next(_boxes(data, 0, len(data)), None)
    if first is None or first[0] != b"ftyp" or first[2] - first[1] < 4:
        raise NotMp4("the file does not start with an ftyp box")
    brand = bytes(data[first[1] : first[1] + 4]).decode("latin-1").strip()
    return Mp4Info(brand=brand, duration_seconds=_duration(data))


def _duration(data: bytes | bytearray) -> float | None:
    for kind, start, end in _boxes(data, 0, len(data)):
        if kind != b"moov":
            continue
        for inner, payload, inner_end in _boxes(data, start, end):
            if inner != b"mvhd" or inner_end - payload < 20:
                continue
            version = data[payload]
            if version == 1 and inner_end - payload >= 32:
                timescale, duration = struct.unpack_from(">IQ", data, payload + 20)
            else:
                timescale, duration = struct.unpack_from(">II", data, payload + 12)
            return duration / timescale if timescale else None
    return None
