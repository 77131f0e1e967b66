from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.best_time_source import BestTimeSource

T = TypeVar("T", bound="BestTime")


@_attrs_define
class BestTime:
    """
    Attributes:
        posts (int): The account's posts measured in this hour of the week.
        score (float): Expected views relative to the account's typical post (1.0 = typical), smoothed toward the
            platform's default for the hour.
        source (BestTimeSource): `history`: the account's own posts placed it here; `platform_default`: the platform-
            wide default did (no posts of the account in that hour).
        time (str): The hour it starts, `HH:00`, in the time zone asked for.
        weekday (int): 0 is Monday.
    """

    posts: int
    score: float
    source: BestTimeSource
    time: str
    weekday: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        posts = self.posts

        score = self.score

        source = self.source.value

        time = self.time

        weekday = self.weekday

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "posts": posts,
                "score": score,
                "source": source,
                "time": time,
                "weekday": weekday,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        posts = d.pop("posts")

        score = d.pop("score")

        source = BestTimeSource(d.pop("source"))

        time = d.pop("time")

        weekday = d.pop("weekday")

        best_time = cls(
            posts=posts,
            score=score,
            source=source,
            time=time,
            weekday=weekday,
        )

        best_time.additional_properties = d
        return best_time

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
