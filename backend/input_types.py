"""Request field types that accept what the OpenAPI schema promises and nothing more.

Pydantic's lax mode turns numbers into datetimes (as Unix timestamps) and a date alone into
midnight; the schema says RFC 3339 date-time, so those are refused like any other bad value.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Annotated

from pydantic import BeforeValidator

_DATE_TIME = re.compile(
    r"\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([Zz]|[+-]\d{2}:?\d{2})?"
)


def _date_time_text(value: object) -> object:
    if isinstance(value, datetime):
        return value
    if not isinstance(value, str) or not _DATE_TIME.fullmatch(value.strip()):
        raise ValueError("must be an ISO 8601 date and time, e.g. 2026-12-01T18:00:00Z")
    return value


DateTimeInput = Annotated[datetime, BeforeValidator(_date_time_text)]
