"""Request field types that accept what the OpenAPI schema promises and nothing more.

Pydantic's lax mode turns numbers into datetimes (as Unix timestamps) and a date alone into
midnight, ``false`` into 0, ``0`` into false and ``"5"`` into 5; the schema promises none of
that, so those are refused like any other bad value.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from types import UnionType
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel, BeforeValidator, model_validator

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

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _date_text(value: object) -> object:
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not _DATE.fullmatch(value.strip()):
        raise ValueError("must be an ISO 8601 date, e.g. 2026-12-01")
    return value


DateInput = Annotated[date, BeforeValidator(_date_text)]


class ExactTypes(BaseModel):
    """A request body whose numbers and booleans are taken only as JSON numbers and booleans:
    lax validation would read ``false`` as 0, ``0`` as false and ``"5"`` as 5."""

    @model_validator(mode="before")
    @classmethod
    def _exact_types(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        for name, field in cls.model_fields.items():
            key = field.alias or name
            value = data.get(key)
            if value is None:
                continue
            kinds = _scalar_kinds(field.annotation)
            if kinds == {bool} and not isinstance(value, bool):
                raise ValueError(f"{key} must be true or false")
            if kinds and kinds <= {int, float} and not _number_as(value, float in kinds):
                raise ValueError(
                    f"{key} must be a {'number' if float in kinds else 'whole number'}"
                )
        return data


def _scalar_kinds(annotation: Any) -> set[Any]:
    """The types a plain or optional field takes (``int | None`` → {int}); nothing for lists,
    dicts and other containers, whose items are their own business."""
    origin = get_origin(annotation)
    if origin is None:
        return {annotation}
    if origin in (Union, UnionType):
        return {kind for kind in get_args(annotation) if kind is not type(None)}
    return set()


def _number_as(value: object, fractions: bool) -> bool:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    return fractions or float(value).is_integer()
