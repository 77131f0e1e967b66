from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="PostingWindow")


@_attrs_define
class PostingWindow:
    """A time of day (UTC) when posts may go out; on one weekday (0 = Monday) or every day.

    Attributes:
        end (str): HH:MM, UTC, after start
        start (str): HH:MM, UTC
        weekday (int | None | Unset):
    """

    end: str
    start: str
    weekday: int | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        end = self.end

        start = self.start

        weekday: int | None | Unset
        if isinstance(self.weekday, Unset):
            weekday = UNSET
        else:
            weekday = self.weekday

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "end": end,
                "start": start,
            }
        )
        if weekday is not UNSET:
            field_dict["weekday"] = weekday

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        end = d.pop("end")

        start = d.pop("start")

        def _parse_weekday(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        weekday = _parse_weekday(d.pop("weekday", UNSET))

        posting_window = cls(
            end=end,
            start=start,
            weekday=weekday,
        )

        return posting_window
