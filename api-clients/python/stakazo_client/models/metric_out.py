from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="MetricOut")


@_attrs_define
class MetricOut:
    """
    Attributes:
        captured_at (datetime.datetime):
        comments (int | None):
        likes (int | None):
        shares (int | None):
        views (int | None):
        watch_time_seconds (float | None):
    """

    captured_at: datetime.datetime
    comments: int | None
    likes: int | None
    shares: int | None
    views: int | None
    watch_time_seconds: float | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        captured_at = self.captured_at.isoformat()

        comments: int | None
        comments = self.comments

        likes: int | None
        likes = self.likes

        shares: int | None
        shares = self.shares

        views: int | None
        views = self.views

        watch_time_seconds: float | None
        watch_time_seconds = self.watch_time_seconds

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "captured_at": captured_at,
                "comments": comments,
                "likes": likes,
                "shares": shares,
                "views": views,
                "watch_time_seconds": watch_time_seconds,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        captured_at = datetime.datetime.fromisoformat(d.pop("captured_at"))

        def _parse_comments(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        comments = _parse_comments(d.pop("comments"))

        def _parse_likes(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        likes = _parse_likes(d.pop("likes"))

        def _parse_shares(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        shares = _parse_shares(d.pop("shares"))

        def _parse_views(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        views = _parse_views(d.pop("views"))

        def _parse_watch_time_seconds(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        watch_time_seconds = _parse_watch_time_seconds(d.pop("watch_time_seconds"))

        metric_out = cls(
            captured_at=captured_at,
            comments=comments,
            likes=likes,
            shares=shares,
            views=views,
            watch_time_seconds=watch_time_seconds,
        )

        metric_out.additional_properties = d
        return metric_out

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
