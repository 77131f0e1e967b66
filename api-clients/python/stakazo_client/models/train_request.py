from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.train_request_platform_type_0 import TrainRequestPlatformType0
from ..types import UNSET, Unset

T = TypeVar("T", bound="TrainRequest")


@_attrs_define
class TrainRequest:
    """
    Attributes:
        platform (None | TrainRequestPlatformType0 | Unset): One platform; left out, every platform the workspace
            publishes to.
    """

    platform: None | TrainRequestPlatformType0 | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        platform: None | str | Unset
        if isinstance(self.platform, Unset):
            platform = UNSET
        elif isinstance(self.platform, TrainRequestPlatformType0):
            platform = self.platform.value
        else:
            platform = self.platform

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if platform is not UNSET:
            field_dict["platform"] = platform

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_platform(data: object) -> None | TrainRequestPlatformType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                platform_type_0 = TrainRequestPlatformType0(data)

                return platform_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TrainRequestPlatformType0 | Unset, data)

        platform = _parse_platform(d.pop("platform", UNSET))

        train_request = cls(
            platform=platform,
        )

        train_request.additional_properties = d
        return train_request

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
