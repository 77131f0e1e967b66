from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="YouTubeChoices")


@_attrs_define
class YouTubeChoices:
    """A YouTube upload's settings. `made_for_kids` has no default: it is the uploader's legal
    declaration and must be asked.

        Attributes:
            made_for_kids (bool): status.selfDeclaredMadeForKids.
            category_id (str | Unset): snippet.categoryId; `22` (People & Blogs) is what YouTube preselects. Default: '22'.
            tags (list[str] | Unset): snippet.tags (500 characters).
    """

    made_for_kids: bool
    category_id: str | Unset = "22"
    tags: list[str] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        made_for_kids = self.made_for_kids

        category_id = self.category_id

        tags: list[str] | Unset = UNSET
        if not isinstance(self.tags, Unset):
            tags = self.tags

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "made_for_kids": made_for_kids,
            }
        )
        if category_id is not UNSET:
            field_dict["category_id"] = category_id
        if tags is not UNSET:
            field_dict["tags"] = tags

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        made_for_kids = d.pop("made_for_kids")

        category_id = d.pop("category_id", UNSET)

        tags = cast(list[str], d.pop("tags", UNSET))

        you_tube_choices = cls(
            made_for_kids=made_for_kids,
            category_id=category_id,
            tags=tags,
        )

        return you_tube_choices
