from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field


class CaptionStyleOut(BaseModel):
    """A style as the renderer draws it (sizes are shares of the frame height)."""

    font: str
    bold: bool
    size: float
    colour: str
    highlight_colour: str
    outline_colour: str
    outline: float
    box: bool
    position: str
    animation: str
    uppercase: bool
    words_per_line: int
    max_lines: int


class CaptionPresetOut(BaseModel):
    name: str = Field(description="What a clip's caption_preset names; 'brand' is the workspace's.")
    label: str
    style: CaptionStyleOut


class CaptionBrand(BaseModel):
    brand: dict[str, Any] | None = Field(
        description="'base' (a preset name) plus overrides of font, bold, size, colour, "
        "highlight_colour, outline_colour, box, position, uppercase; null: no brand."
    )
