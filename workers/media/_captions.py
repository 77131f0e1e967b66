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

from core.ffmpeg import find_ffmpeg
from workers.media.errors import MediaError
from workers.media.runner import run_ffmpeg

Caption = tuple[float, float, str]

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


def clip_captions(captions: Sequence[Caption], start: float, duration: float) -> list[Caption]:
    """Source-timeline captions -> clip-relative ones, cut to the clip, empty ones dropped."""
    clipped = []
    for begin, end, text in captions:
        begin, end = max(0.0, begin - start), min(duration, end - start)
        if end > begin and text.strip():
            clipped.append((begin, end, " ".join(text.split())))
    return clipped


def _ass_time(seconds: float) -> str:
    centis = round(seconds * 100)
    hours, minutes, secs = centis // 360000, centis // 6000 % 60, centis // 100 % 60
    return f"{hours}:{minutes:02d}:{secs:02d}.{centis % 100:02d}"


def _ass_text(text: str) -> str:
    # "{" opens an override block and "\" an escape in ASS; captions are plain text.
    return text.replace("\\", "\u2216").replace("{", "(").replace("}", ")")


def write_ass(
    path: Path, captions: Sequence[Caption], width: int, height: int, safe: dict[str, float]
) -> None:
    size = round(height * FONT_HEIGHT_SHARE)
    margin_l, margin_r = round(safe["left"] * width), round(safe["right"] * width)
    margin_v = round(safe["bottom"] * height)
    lines = [
        "[Script Info]", "ScriptType: v4.00+", f"PlayResX: {width}", f"PlayResY: {height}",
        "WrapStyle: 0", "ScaledBorderAndShadow: yes", "",
        "[V4+ Styles]",
        "Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, "
        "BackColour, Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, "
        "BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, MarginV, Encoding",
        # White text, black outline (BorderStyle 1) and a soft shadow; alignment 2 = bottom centre.
        f"Style: Caption,{FONT_NAME},{size},&H00FFFFFF,&H00FFFFFF,&H00000000,&H96000000,"
        f"-1,0,0,0,100,100,0,0,1,{max(3, size // 12)},{max(1, size // 30)},2,"
        f"{margin_l},{margin_r},{margin_v},1",
        "", "[Events]",
        "Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text",
    ]  # fmt: skip
    for begin, end, text in captions:
        lines.append(
            f"Dialogue: 0,{_ass_time(begin)},{_ass_time(end)},Caption,,0,0,0,,{_ass_text(text)}"
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _filter_path(path: Path) -> str:
    """A path as a filter option value, escaped twice: for the option parser (``\\ ' :``) and
    then for the filtergraph parser (``\\ ' [ ] , ;``)."""
    value = str(path).replace("\\", "\\\\").replace("'", "\\'").replace(":", "\\:")
    return re.sub(r"([\\'\[\],;])", r"\\\1", value)


def subtitles_filter(ass_path: Path) -> str:
    return f"subtitles=filename={_filter_path(ass_path)}"


def drawtext_filters(
    captions: Sequence[Caption], scratch: Path, width: int, height: int, safe: dict[str, float]
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
    for n, (begin, end, text) in enumerate(captions):
        text_file = scratch / f"caption-{n}.txt"
        text_file.write_text("\n".join(textwrap.wrap(text, chars)), encoding="utf-8")
        chain.append(
            f"drawtext={font}:textfile={_filter_path(text_file)}:expansion=none"
            f":fontsize={size}:fontcolor=white:borderw={max(3, size // 12)}:bordercolor=black"
            f":box=1:boxcolor=black@0.35:boxborderw={size // 4}:line_spacing={size // 5}"
            f":x={centre_x}-text_w/2:y=h-{bottom}-text_h"
            f":enable='between(t,{begin:.3f},{end:.3f})'"
        )
    return ",".join(chain)
