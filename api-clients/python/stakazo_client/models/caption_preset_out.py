from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.caption_style_out import CaptionStyleOut


T = TypeVar("T", bound="CaptionPresetOut")


@_attrs_define
class CaptionPresetOut:
    """
    Attributes:
        label (str):
        name (str): What a clip's caption_preset names; 'brand' is the workspace's.
        style (CaptionStyleOut): A style as the renderer draws it (sizes are shares of the frame height).
    """

    label: str
    name: str
    style: CaptionStyleOut
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        label = self.label

        name = self.name

        style = self.style.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "label": label,
                "name": name,
                "style": style,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.caption_style_out import CaptionStyleOut  # noqa: PLC0415

        d = dict(src_dict)
        label = d.pop("label")

        name = d.pop("name")

        style = CaptionStyleOut.from_dict(d.pop("style"))

        caption_preset_out = cls(
            label=label,
            name=name,
            style=style,
        )

        caption_preset_out.additional_properties = d
        return caption_preset_out

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
