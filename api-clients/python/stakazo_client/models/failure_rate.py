from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="FailureRate")


@_attrs_define
class FailureRate:
    """
    Attributes:
        failed (int):
        finished (int):
        rate (float): failed / finished, 0 when nothing finished.
        window_minutes (int):
    """

    failed: int
    finished: int
    rate: float
    window_minutes: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        failed = self.failed

        finished = self.finished

        rate = self.rate

        window_minutes = self.window_minutes

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "failed": failed,
                "finished": finished,
                "rate": rate,
                "window_minutes": window_minutes,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        failed = d.pop("failed")

        finished = d.pop("finished")

        rate = d.pop("rate")

        window_minutes = d.pop("window_minutes")

        failure_rate = cls(
            failed=failed,
            finished=finished,
            rate=rate,
            window_minutes=window_minutes,
        )

        failure_rate.additional_properties = d
        return failure_rate

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
