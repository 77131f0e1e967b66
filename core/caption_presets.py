"""Caption styles: the presets a marketer picks from, and a workspace's brand preset on top of one.

Shared by the API (which validates a workspace's brand and a clip's choice) and the renderer
(which turns a style into an ASS script). Sizes are shares of the frame height so one style fits
every output size; vertical placement is inside the platform's safe area, which the renderer
takes from the platform rules."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, replace
from typing import Any, Literal

Animation = Literal["none", "highlight", "karaoke"]
Position = Literal["centre", "lower", "lower-third"]

FONTS = ("DejaVu Sans", "Liberation Sans", "Liberation Serif", "DejaVu Serif")
HEX_COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")
BRAND = "brand"
DEFAULT_PRESET = "bold-centred"


@dataclass(frozen=True)
class CaptionStyle:
    name: str
    label: str
    font: str = "DejaVu Sans"
    bold: bool = True
    size: float = 0.052  # of the frame height
    colour: str = "#FFFFFF"
    highlight_colour: str = "#FFD400"  # the word being spoken (highlight, karaoke)
    outline_colour: str = "#000000"
    outline: float = 0.12  # of the font size
    box: bool = False  # a translucent box behind each line instead of a shadow
    position: Position = "centre"
    animation: Animation = "none"
    uppercase: bool = False
    words_per_line: int = 4  # at most; fewer where a sentence or a pause ends
    max_lines: int = 2

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


PRESETS: dict[str, CaptionStyle] = {
    style.name: style
    for style in (
        CaptionStyle("bold-centred", "Bold centred", uppercase=True, words_per_line=3),
        CaptionStyle(
            "word-highlight", "Word by word highlight", animation="highlight", words_per_line=3
        ),
        CaptionStyle(
            "karaoke", "Karaoke (active word fills)", animation="karaoke", colour="#FFFFFF",
            highlight_colour="#22D3EE", words_per_line=4,
        ),
        CaptionStyle(
            "lower-third", "Plain lower third", bold=False, size=0.036, box=True,
            position="lower-third", outline=0.0, words_per_line=7,
        ),
    )
}  # fmt: skip
PRESET_NAMES = (*PRESETS, BRAND)

# What a workspace's brand may change, and how each value is checked.
BRAND_FIELDS = {
    "font": lambda value: value in FONTS,
    "bold": lambda value: isinstance(value, bool),
    "size": lambda value: isinstance(value, int | float) and 0.025 <= value <= 0.09,
    "colour": lambda value: isinstance(value, str) and bool(HEX_COLOUR.match(value)),
    "highlight_colour": lambda value: isinstance(value, str) and bool(HEX_COLOUR.match(value)),
    "outline_colour": lambda value: isinstance(value, str) and bool(HEX_COLOUR.match(value)),
    "box": lambda value: isinstance(value, bool),
    "position": lambda value: value in ("centre", "lower", "lower-third"),
    "uppercase": lambda value: isinstance(value, bool),
}


class InvalidCaptionStyle(ValueError):
    """A preset name or a brand value that no renderer could use; the message says which."""


def check_brand(brand: dict[str, Any]) -> dict[str, Any]:
    """A workspace brand: ``base`` (a preset name) plus any of BRAND_FIELDS. Returns it cleaned."""
    base = brand.get("base", DEFAULT_PRESET)
    if base not in PRESETS:
        raise InvalidCaptionStyle(f"base must be one of {', '.join(PRESETS)}, not {base!r}")
    cleaned: dict[str, Any] = {"base": base}
    for key, value in brand.items():
        if key == "base":
            continue
        check = BRAND_FIELDS.get(key)
        if check is None:
            raise InvalidCaptionStyle(f"{key!r} is not a caption style setting")
        if not check(value):
            raise InvalidCaptionStyle(f"{key} cannot be {value!r}")
        cleaned[key] = value.upper() if key.endswith("colour") else value
    return cleaned


def resolve(name: str | None, brand: dict[str, Any] | None = None) -> CaptionStyle:
    """The style to render: a preset by name, or the workspace's brand (its base preset with its
    overrides). No name means the brand when the workspace has one, else the default preset."""
    if name is None:
        name = BRAND if brand else DEFAULT_PRESET
    if name == BRAND:
        if not brand:
            return PRESETS[DEFAULT_PRESET]
        cleaned = check_brand(brand)
        base = PRESETS[cleaned.pop("base")]
        return replace(base, name=BRAND, label="Brand", **cleaned)
    if name not in PRESETS:
        raise InvalidCaptionStyle(f"unknown caption preset {name!r}")
    return PRESETS[name]
