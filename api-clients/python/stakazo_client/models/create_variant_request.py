from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.create_variant_request_platform import CreateVariantRequestPlatform
from ..types import UNSET, Unset

T = TypeVar("T", bound="CreateVariantRequest")


@_attrs_define
class CreateVariantRequest:
    """
    Attributes:
        platform (CreateVariantRequestPlatform):
        captions (bool | Unset): Burn in captions from the transcript. Default: False.
        force (bool | Unset): Render again even if a variant is ready. Default: False.
    """

    platform: CreateVariantRequestPlatform
    captions: bool | Unset = False
    force: bool | Unset = False
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        platform = self.platform.value

        captions = self.captions

        force = self.force

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "platform": platform,
            }
        )
        if captions is not UNSET:
            field_dict["captions"] = captions
        if force is not UNSET:
            field_dict["force"] = force

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        platform = CreateVariantRequestPlatform(d.pop("platform"))

        captions = d.pop("captions", UNSET)

        force = d.pop("force", UNSET)

        create_variant_request = cls(
            platform=platform,
            captions=captions,
            force=force,
        )

        create_variant_request.additional_properties = d
        return create_variant_request

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
