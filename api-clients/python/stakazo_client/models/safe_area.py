from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="SafeArea")


@_attrs_define
class SafeArea:
    """Share of the frame, per edge, that the platform's own buttons and text cover.

    Attributes:
        bottom (float):
        left (float):
        right (float):
        top (float):
    """

    bottom: float
    left: float
    right: float
    top: float

    def to_dict(self) -> dict[str, Any]:
        bottom = self.bottom

        left = self.left

        right = self.right

        top = self.top

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "bottom": bottom,
                "left": left,
                "right": right,
                "top": top,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        bottom = d.pop("bottom")

        left = d.pop("left")

        right = d.pop("right")

        top = d.pop("top")

        safe_area = cls(
            bottom=bottom,
            left=left,
            right=right,
            top=top,
        )

        return safe_area
