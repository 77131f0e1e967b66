"""Burned-in captions: an ASS file for libass (``subtitles`` filter) when the ffmpeg build has
it, else a chain of ``drawtext`` filters; a build with neither cannot caption at all.

Readable on a phone: large bold sans, white with a thick dark outline over a translucent box,
bottom-centred but inside the platform's safe area, wrapped inside its side margins."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from core.caption_presets import CaptionStyle, resolve
from core.ffmpeg import find_ffmpeg
from workers.media.caption_layout import CaptionEvent
from workers.media.errors import MediaError
from workers.media.runner import run_ffmpeg

FONT_NAME = "DejaVu Sans"
FONT_FILES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/TTF/DejaVuSans-Bold.ttf",
    "/Library/Fonts/Arial Bold.ttf",
)
FONT_HEIGHT_SHARE = 0.036  # of the frame height: ~69 px on 1920, readable at arm's length
AVERAGE_GLYPH_WIDTH = 0.58  # of the font size, bold sans; used to wrap for drawtext


class CaptionsUnavailable(MediaError):
    """This ffmpeg build has neither libass (subtitles) nor freetype (drawtext)."""


@lru_cache(maxsize=4)
def available_filters(ffmpeg: str) -> frozenset[str]:
    del ffmpeg  # the cache key: filters differ between binaries
    listing = run_ffmpeg(["-filters"], what="filter list", timeout=30, capture_stderr=True)
    names = set()
    for line in listing.stderr.splitlines() + listing.stdout.decode().splitlines():
        parts = line.split()
        if len(parts) >= 3 and "->" in parts[2]:
            names.add(parts[1])
    return frozenset(names)


def caption_filter_kind() -> str:
    filters = available_filters(find_ffmpeg())
    if "subtitles" in filters:
        return "subtitles"
    if "drawtext" in filters:
        return "drawtext"
    raise CaptionsUnavailable(
        "this ffmpeg has neither the subtitles (libass) nor the drawtext (freetype) filter; "
        "install a full build (Debian's ffmpeg package has both) to burn in captions"
    )


def clip_captions(
    captions: Sequence[CaptionEvent], start: float, duration: float
) -> list[CaptionEvent]:
    """Source-timeline events -> clip-relative ones, cut to the clip, empty ones dropped."""
    clipped = []
    for event in captions:
        moved = event.shifted(start, duration)
        if moved is not None and moved.text.strip():
            clipped.append(moved)
    return clipped


def _ass_time(seconds: float) -> str:
    centis = round(seconds * 100)
    hours, minutes, secs = centis // 360000, centis // 6000 % 60, centis // 100 % 60
    return f"{hours}:{minutes:02d}:{secs:02d}.{centis % 100:02d}"


def _ass_text(text: str) -> str:
    # "{" opens an override block and "\" an escape in ASS; captions are plain text.
    return text.replace("\\", "\u2216").replace("{", "(").replace("}", ")")


def _ass_colour(hex_colour: str, alpha: int = 0) -> str:
    """#RRGGBB -> &HAABBGGRR (ASS is blue first, and alpha 0 is opaque)."""
    red, green, blue = hex_colour[1:3], hex_colour[3:5], hex_colour[5:7]
    return f"&H{alpha:02X}{blue}{green}{red}".upper()


def _tag_colour(hex_colour: str) -> str:
    """#RRGGBB as an override tag's colour: &HBBGGRR&."""
    return "&H" + _ass_colour(hex_colour)[4:] + "&"


def anchor(
    style: CaptionStyle, width: int, height: int, safe: dict[str, float]
) -> tuple[int, int, int]:
    """Where events are pinned: (ASS alignment, x, y). Always inside the safe area: centred
    between its side margins; "centre" a little below the middle of the frame (where the
    platforms' own captions sit), "lower" above the caption bar, "lower-third" on its edge."""
    x = round((safe["left"] + (1 - safe["left"] - safe["right"]) / 2) * width)
    bottom = round((1 - safe["bottom"]) * height)
    if style.position == "lower-third":
        return 2, x, bottom
    if style.position == "lower":
        return 2, x, bottom - round(0.06 * height)
    block = style.size * height * style.max_lines * 1.25
    top_limit = safe["top"] * height + block / 2
    y = min(max(0.58 * height, top_limit), bottom - block / 2)
    return 5, x, round(y)


def write_ass(
    path: Path,
    captions: Sequence[CaptionEvent],
    width: int,
    height: int,
    safe: dict[str, float],
    style: CaptionStyle | None = None,
) -> None:
    style = style or resolve(None)
    size = round(height * style.size)
    align, x, y = anchor(style, width, height, safe)
    primary, secondary = style.colour, style.colour
    if style.animation == "karaoke":  # \kf fills from the secondary colour to the primary
        primary, secondary = style.highlight_colour, style.colour
    if style.box:  # BorderStyle 3: an opaque box in the outline colour behind each row
        border, outline_colour, outline = 3, _ass_colour("#000000", 0x60), max(2, size // 4)
    else:
        border, outline_colour = 1, _ass_colour(style.outline_colour)
        outline = max(2, round(size * style.outline)) if style.outline else 0
    lines = [
        "[Script Info]", "ScriptType: v4.00+", f"PlayResX: {width}", f"PlayResY: {height}",
        # Rows are broken in caption_layout; libass wraps only a row that would still cross
        # the side margins (a long word, another font's wider glyphs).
        "WrapStyle: 0", "ScaledBorderAndShadow: yes", "",
        "[V4+ Styles]",
        "Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, "
        "BackColour, Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, "
        "BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, MarginV, Encoding",
        f"Style: Caption,{style.font},{size},{_ass_colour(primary)},{_ass_colour(secondary)},"
        f"{outline_colour},&H96000000,{-1 if style.bold else 0},0,0,0,100,100,0,0,{border},"
        f"{outline},{0 if style.box else max(1, size // 30)},{align},"
        f"{round(safe['left'] * width)},{round(safe['right'] * width)},0,1",
        "", "[Events]",
        "Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text",
    ]  # fmt: skip
    place = f"{{\\an{align}\\pos({x},{y})}}"
    for event in captions:
        for begin, end, text in _dialogue(event, style):
            lines.append(
                f"Dialogue: 0,{_ass_time(begin)},{_ass_time(end)},Caption,,0,0,0,,{place}{text}"
            )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _dialogue(event: CaptionEvent, style: CaptionStyle) -> list[tuple[float, float, str]]:
    """The event as (start, end, ASS text): one line, or for "highlight" one per word (the
    spoken word coloured until the next begins), or one line of \\kf karaoke timings."""
    rows = [[_ass_text(w.text) for w in row] for row in event.rows]
    plain = "\\N".join(" ".join(row) for row in rows)
    if style.animation == "none":
        return [(event.start, event.end, plain)]
    words = event.words
    if style.animation == "karaoke":
        parts, at, index = [], event.start, 0
        for row in rows:
            pieces = []
            for text in row:
                word = words[index]
                lead = max(0, round((word.start - at) * 100))
                held = max(1, round((word.end - max(at, word.start)) * 100))
                pieces.append((f"{{\\k{lead}}}" if lead else "") + f"{{\\kf{held}}}{text}")
                at, index = max(at, word.end), index + 1
            parts.append(" ".join(pieces))
        return [(event.start, event.end, "\\N".join(parts))]
    active = f"{{\\c{_tag_colour(style.highlight_colour)}}}"
    normal = f"{{\\c{_tag_colour(style.colour)}}}"
    marked = []
    for index, word in enumerate(words):
        begin = event.start if index == 0 else word.start
        end = event.end if index == len(words) - 1 else words[index + 1].start
        if end <= begin:
            continue
        texts, at = [], 0
        for row in rows:
            shown = []
            for text in row:
                shown.append(f"{active}{text}{normal}" if at == index else text)
                at += 1
            texts.append(" ".join(shown))
        marked.append((begin, end, "\\N".join(texts)))
    return marked


def _filter_path(path: Path) -> str:
    """A path as a filter option value, escaped twice: for the option parser (``\\ ' :``) and
    then for the filtergraph parser (``\\ ' [ ] , ;``)."""
    value = str(path).replace("\\", "\\\\").replace("'", "\\'").replace(":", "\\:")
    return re.sub(r"([\\'\[\],;])", r"\\\1", value)


def subtitles_filter(ass_path: Path) -> str:
    return f"subtitles=filename={_filter_path(ass_path)}"


def drawtext_filters(
    captions: Sequence[CaptionEvent], scratch: Path, width: int, height: int, safe: dict[str, float]
) -> str:
    """One drawtext per caption, text read from a file (no escaping of user text needed)."""
    size = round(height * FONT_HEIGHT_SHARE)
    usable = width * (1 - safe["left"] - safe["right"])
    chars = max(8, int(usable / (size * AVERAGE_GLYPH_WIDTH)))
    bottom = round(safe["bottom"] * height)
    centre_x = round(safe["left"] * width + usable / 2)
    font = next((f"fontfile={_filter_path(Path(f))}" for f in FONT_FILES if Path(f).is_file()),
                f"font='{FONT_NAME}\\:style=Bold'")  # fmt: skip
    chain = []
    for n, event in enumerate(captions):
        begin, end = event.start, event.end
        text_file = scratch / f"caption-{n}.txt"
        text_file.write_text("\n".join(textwrap.wrap(event.text, chars)), encoding="utf-8")
        chain.append(
            f"drawtext={font}:textfile={_filter_path(text_file)}:expansion=none"
            f":fontsize={size}:fontcolor=white:borderw={max(3, size // 12)}:bordercolor=black"
            f":box=1:boxcolor=black@0.35:boxborderw={size // 4}:line_spacing={size // 5}"
            f":x={centre_x}-text_w/2:y=h-{bottom}-text_h"
            f":enable='between(t,{begin:.3f},{end:.3f})'"
        )
    return ",".join(chain)
