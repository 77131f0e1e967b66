from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="CaptionStyleOut")


@_attrs_define
class CaptionStyleOut:
    """A style as the renderer draws it (sizes are shares of the frame height).

    Attributes:
        animation (str):
        bold (bool):
        box (bool):
        colour (str):
        font (str):
        highlight_colour (str):
        max_lines (int):
        outline (float):
        outline_colour (str):
        position (str):
        size (float):
        uppercase (bool):
        words_per_line (int):
    """

    animation: str
    bold: bool
    box: bool
    colour: str
    font: str
    highlight_colour: str
    max_lines: int
    outline: float
    outline_colour: str
    position: str
    size: float
    uppercase: bool
    words_per_line: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        animation = self.animation

        bold = self.bold

        box = self.box

        colour = self.colour

        font = self.font

        highlight_colour = self.highlight_colour

        max_lines = self.max_lines

        outline = self.outline

        outline_colour = self.outline_colour

        position = self.position

        size = self.size

        uppercase = self.uppercase

        words_per_line = self.words_per_line

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "animation": animation,
                "bold": bold,
                "box": box,
                "colour": colour,
                "font": font,
                "highlight_colour": highlight_colour,
                "max_lines": max_lines,
                "outline": outline,
                "outline_colour": outline_colour,
                "position": position,
                "size": size,
                "uppercase": uppercase,
                "words_per_line": words_per_line,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        animation = d.pop("animation")

        bold = d.pop("bold")

        box = d.pop("box")

        colour = d.pop("colour")

        font = d.pop("font")

        highlight_colour = d.pop("highlight_colour")

        max_lines = d.pop("max_lines")

        outline = d.pop("outline")

        outline_colour = d.pop("outline_colour")

        position = d.pop("position")

        size = d.pop("size")

        uppercase = d.pop("uppercase")

        words_per_line = d.pop("words_per_line")

        caption_style_out = cls(
            animation=animation,
            bold=bold,
            box=box,
            colour=colour,
            font=font,
            highlight_colour=highlight_colour,
            max_lines=max_lines,
            outline=outline,
            outline_colour=outline_colour,
            position=position,
            size=size,
            uppercase=uppercase,
            words_per_line=words_per_line,
        )

        caption_style_out.additional_properties = d
        return caption_style_out

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
