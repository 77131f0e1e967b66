from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.you_tube_category import YouTubeCategory


T = TypeVar("T", bound="YouTubeCreatorInfo")


@_attrs_define
class YouTubeCreatorInfo:
    """YouTube's assignable categories (fixed, documented list) and what must be asked.

    Attributes:
        categories (list[YouTubeCategory]):
        default_category_id (str):
        made_for_kids_required (bool): Always asked; never assumed.
    """

    categories: list[YouTubeCategory]
    default_category_id: str
    made_for_kids_required: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        categories = []
        for categories_item_data in self.categories:
            categories_item = categories_item_data.to_dict()
            categories.append(categories_item)

        default_category_id = self.default_category_id

        made_for_kids_required = self.made_for_kids_required

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "categories": categories,
                "default_category_id": default_category_id,
                "made_for_kids_required": made_for_kids_required,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.you_tube_category import YouTubeCategory  # noqa: PLC0415

        d = dict(src_dict)
        categories = []
        _categories = d.pop("categories")
        for categories_item_data in _categories:
            categories_item = YouTubeCategory.from_dict(categories_item_data)

            categories.append(categories_item)

        default_category_id = d.pop("default_category_id")

        made_for_kids_required = d.pop("made_for_kids_required")

        you_tube_creator_info = cls(
            categories=categories,
            default_category_id=default_category_id,
            made_for_kids_required=made_for_kids_required,
        )

        you_tube_creator_info.additional_properties = d
        return you_tube_creator_info

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
