from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="Disk")


@_attrs_define
class Disk:
    """
    Attributes:
        free_bytes (int):
        free_ratio (float):
        path (str):
        total_bytes (int):
    """

    free_bytes: int
    free_ratio: float
    path: str
    total_bytes: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        free_bytes = self.free_bytes

        free_ratio = self.free_ratio

        path = self.path

        total_bytes = self.total_bytes

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "free_bytes": free_bytes,
                "free_ratio": free_ratio,
                "path": path,
                "total_bytes": total_bytes,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        free_bytes = d.pop("free_bytes")

        free_ratio = d.pop("free_ratio")

        path = d.pop("path")

        total_bytes = d.pop("total_bytes")

        disk = cls(
            free_bytes=free_bytes,
            free_ratio=free_ratio,
            path=path,
            total_bytes=total_bytes,
        )

        disk.additional_properties = d
        return disk

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
