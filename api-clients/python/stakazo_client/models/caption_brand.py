from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.caption_brand_brand_type_0 import CaptionBrandBrandType0


T = TypeVar("T", bound="CaptionBrand")


@_attrs_define
class CaptionBrand:
    """
    Attributes:
        brand (CaptionBrandBrandType0 | None): 'base' (a preset name) plus overrides of font, bold, size, colour,
            highlight_colour, outline_colour, box, position, uppercase; null: no brand.
    """

    brand: CaptionBrandBrandType0 | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.caption_brand_brand_type_0 import CaptionBrandBrandType0  # noqa: PLC0415

        brand: dict[str, Any] | None
        if isinstance(self.brand, CaptionBrandBrandType0):
            brand = self.brand.to_dict()
        else:
            brand = self.brand

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "brand": brand,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.caption_brand_brand_type_0 import CaptionBrandBrandType0  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_brand(data: object) -> CaptionBrandBrandType0 | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                brand_type_0 = CaptionBrandBrandType0.from_dict(data)

                return brand_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CaptionBrandBrandType0 | None, data)

        brand = _parse_brand(d.pop("brand"))

        caption_brand = cls(
            brand=brand,
        )

        caption_brand.additional_properties = d
        return caption_brand

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
