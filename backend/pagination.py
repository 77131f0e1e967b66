"""The one page shape of every list, and the keyset cursors behind it.

A cursor is the sort key of the last row of a page, in JSON, with an HMAC that binds it to the
list it came from (path and sort order). It is opaque to callers: they pass it back unchanged.
Keyset paging never skips or repeats a row when rows are added between pages, and its cost does
not grow with depth, unlike an offset.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Annotated, Any, Generic, TypeVar

from fastapi import Depends, Query, Request
from pydantic import BaseModel, Field
from sqlalchemy import ColumnElement, Select, and_, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from backend.errors import AppError

T = TypeVar("T")
Row = TypeVar("Row")
MAX_LIMIT = 200
DEFAULT_LIMIT = 50
_MAX_CURSOR_CHARS = 1000


class InvalidCursor(AppError):
    status_code = 400
    code = "invalid_cursor"
    default_message = (
        "This cursor was not issued for this list (or was altered). Pass next_cursor back "
        "exactly as received, with the same sort, or start again without a cursor."
    )


class Page(BaseModel, Generic[T]):
    items: list[T]
    total: int | None = Field(
        description=(
            "How many items the whole list has: counted only when asked (`include_total=true`) "
            "and where that is cheap to count; else null."
        )
    )
    next_cursor: str | None = Field(
        description="Pass as `cursor` for the next page; null on the last page. Opaque."
    )


@dataclass(frozen=True)
class Key:
    """One sort column; the last key of a list must be unique (usually the id)."""

    column: ColumnElement[Any] | InstrumentedAttribute[Any]
    descending: bool = True


@dataclass(frozen=True)
class Window:
    """Which rows one page holds: those after ``after`` (a decoded cursor), at most ``limit``;
    ``count``: the caller asked for the whole list's size too."""

    limit: int
    after: tuple[Any, ...] | None = None
    count: bool = False


@dataclass(frozen=True)
class Slice(Generic[Row]):
    rows: list[Row]
    last: tuple[Any, ...] | None  # the sort key of the last row, when more rows follow
    total: int | None = None


def _after(keys: Sequence[Key], position: tuple[Any, ...]) -> ColumnElement[bool]:
    """Rows strictly after ``position`` in the order ``keys`` define (directions may mix)."""
    branches = []
    for index, key in enumerate(keys):
        ties = [k.column == v for k, v in zip(keys[:index], position[:index], strict=True)]
        past = key.column < position[index] if key.descending else key.column > position[index]
        branches.append(and_(*ties, past))
    return or_(*branches)


async def keyset(
    session: AsyncSession,
    statement: Select[Row],
    keys: Sequence[Key],
    window: Window,
    *,
    count: bool = False,
) -> Slice[Row]:
    """One page of ``statement``, which holds its WHERE clauses and selects one entity (the
    page's rows are the entities) or an entity and more columns (the rows are tuples).

    ``count``: the list is cheap to count, so it is counted when the caller asks (a second
    query on every page otherwise, which most callers never read).
    """
    total = None
    if count and window.count:
        counted = select(func.count()).select_from(statement.order_by(None).subquery())
        total = int(await session.scalar(counted) or 0)
    if window.after is not None:
        if len(window.after) != len(keys):
            raise InvalidCursor()
        statement = statement.where(_after(keys, window.after))
    labelled = [key.column.label(f"page_key_{i}") for i, key in enumerate(keys)]
    ordered = statement.add_columns(*labelled).order_by(
        *(key.column.desc() if key.descending else key.column.asc() for key in keys)
    )
    width = len(statement.column_descriptions)
    result = (await session.execute(ordered.limit(window.limit + 1))).all()
    rows: list[Any] = [
        row[0] if width == 1 else tuple(row[:width]) for row in result[: window.limit]
    ]
    more = len(result) > window.limit
    last = tuple(result[window.limit - 1][width:]) if more else None
    return Slice(rows=rows, last=last, total=total)


def in_memory(
    rows: Sequence[Row], key: Callable[[Row], tuple[Any, ...]], window: Window
) -> Slice[Row]:
    """One page of a short list already in memory (a clip's versions, the caption presets), so
    it answers like every other list. ``key`` orders the rows ascending and is unique per row;
    its values are ints and strings, as a cursor holds them."""
    ordered = sorted(rows, key=key)
    if window.after is not None:
        after = tuple(window.after)
        try:
            ordered = [row for row in ordered if key(row) > after]
        except TypeError as error:  # a cursor of another list's shape
            raise InvalidCursor() from error
    shown = ordered[: window.limit]
    more = len(ordered) > window.limit
    return Slice(
        rows=list(shown),
        last=key(shown[-1]) if more and shown else None,
        total=len(rows) if window.count else None,
    )


def _tag(value: Any) -> list[Any]:
    if isinstance(value, datetime):
        return ["d", value.isoformat()]
    if isinstance(value, uuid.UUID):
        return ["u", str(value)]
    if not isinstance(value, bool | int | float | str):
        raise TypeError(f"cannot page on a {type(value).__name__}")
    return ["v", value]


def _untag(tagged: Any) -> Any:
    kind, value = tagged
    if kind == "d":
        return datetime.fromisoformat(value)
    if kind == "u":
        return uuid.UUID(value)
    if kind == "v" and isinstance(value, bool | int | float | str):
        return value
    raise ValueError(kind)


@dataclass(frozen=True)
class PageRequest:
    """``?limit=&cursor=`` of a list request, and the key that signs its cursors."""

    limit: int
    cursor: str | None
    path: str
    key: bytes
    include_total: bool = False

    def window(self, sort: str = "") -> Window:
        if self.cursor is None:
            return Window(limit=self.limit, count=self.include_total)
        return Window(limit=self.limit, after=self._decode(sort), count=self.include_total)

    def page(self, items: list[T], found: Slice[Any], sort: str = "") -> Page[T]:
        cursor = self._encode(found.last, sort) if found.last is not None else None
        return Page[T](items=items, total=found.total, next_cursor=cursor)

    def _mac(self, sort: str, body: bytes) -> bytes:
        scope = f"{self.path}\0{sort}\0".encode()
        return hmac.new(self.key, scope + body, hashlib.sha256).digest()[:16]

    def _encode(self, position: tuple[Any, ...], sort: str) -> str:
        body = json.dumps([_tag(v) for v in position], separators=(",", ":")).encode()
        raw = self._mac(sort, body) + body
        return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()

    def _decode(self, sort: str) -> tuple[Any, ...]:
        text = self.cursor or ""
        try:
            raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
        except (binascii.Error, ValueError) as error:
            raise InvalidCursor() from error
        mac, body = raw[:16], raw[16:]
        if not hmac.compare_digest(mac, self._mac(sort, body)):
            raise InvalidCursor()
        try:
            return tuple(_untag(item) for item in json.loads(body))
        except (ValueError, TypeError) as error:
            raise InvalidCursor() from error


async def page_request(
    request: Request,
    limit: Annotated[
        int, Query(ge=1, le=MAX_LIMIT, description="Items per page (1 to 200).")
    ] = DEFAULT_LIMIT,
    cursor: Annotated[
        str | None,
        Query(
            max_length=_MAX_CURSOR_CHARS,
            description="`next_cursor` of the previous page; leave out for the first page.",
        ),
    ] = None,
    include_total: Annotated[
        bool,
        Query(description="Also count the whole list (`total`); costs a query, so off by default."),
    ] = False,
) -> PageRequest:
    secret = request.app.state.settings.secret_key.get_secret_value().encode()
    return PageRequest(
        limit=limit,
        cursor=cursor,
        path=request.url.path,
        key=_cursor_key(secret),
        include_total=include_total,
    )


@lru_cache(maxsize=4)
def _cursor_key(secret: bytes) -> bytes:
    return hashlib.sha256(b"stakazo.cursor\0" + secret).digest()


PageDep = Annotated[PageRequest, Depends(page_request)]
