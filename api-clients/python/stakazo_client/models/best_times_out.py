from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.best_time import BestTime


T = TypeVar("T", bound="BestTimesOut")


@_attrs_define
class BestTimesOut:
    """
    Attributes:
        account_id (UUID):
        based_on_posts (int): Published posts with a reading of their views.
        message (str): Where the times come from, in words.
        platform (str):
        time_zone (str):
        times (list[BestTime]): Best first.
    """

    account_id: UUID
    based_on_posts: int
    message: str
    platform: str
    time_zone: str
    times: list[BestTime]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        account_id = str(self.account_id)

        based_on_posts = self.based_on_posts

        message = self.message

        platform = self.platform

        time_zone = self.time_zone

        times = []
        for times_item_data in self.times:
            times_item = times_item_data.to_dict()
            times.append(times_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "account_id": account_id,
                "based_on_posts": based_on_posts,
                "message": message,
                "platform": platform,
                "time_zone": time_zone,
                "times": times,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.best_time import BestTime  # noqa: PLC0415

        d = dict(src_dict)
        account_id = UUID(d.pop("account_id"))

        based_on_posts = d.pop("based_on_posts")

        message = d.pop("message")

        platform = d.pop("platform")

        time_zone = d.pop("time_zone")

        times = []
        _times = d.pop("times")
        for times_item_data in _times:
            times_item = BestTime.from_dict(times_item_data)

            times.append(times_item)

        best_times_out = cls(
            account_id=account_id,
            based_on_posts=based_on_posts,
            message=message,
            platform=platform,
            time_zone=time_zone,
            times=times,
        )

        best_times_out.additional_properties = d
        return best_times_out

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
