"""Parsing a single HTTP byte range (RFC 9110 §14), the form browsers send for video."""

from __future__ import annotations

import re

from backend.errors import AppError

_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


class RangeNotSatisfiable(AppError):
    status_code = 416
    code = "range_not_satisfiable"
    default_message = "The requested byte range is outside the file."

    def __init__(self, size: int) -> None:
        super().__init__(headers={"Content-Range": f"bytes */{size}"})


def parse_range(header: str | None, size: int) -> tuple[int, int] | None:
    """(first, last) inclusive, or None for the whole file (no header, or one we ignore)."""
    if not header:
        return None
    match = _RANGE.match(header.strip())
    if match is None:  # several ranges or another unit: serving the whole file is allowed
        return None
    first_text, last_text = match.groups()
    if not first_text:  # suffix form: the last N bytes
        if not last_text or int(last_text) == 0:
            raise RangeNotSatisfiable(size)
        return max(0, size - int(last_text)), size - 1
    first = int(first_text)
    last = min(int(last_text), size - 1) if last_text else size - 1
    if first >= size or last < first:
        raise RangeNotSatisfiable(size)
    return first, last
