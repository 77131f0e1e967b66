"""Reading the input description ``ffmpeg -i FILE`` prints on stderr (we never need ffprobe).

The text is meant for people, so the parser leans only on what has been stable from ffmpeg 5 to 9:
the layout by indentation and the field shapes ("640x480", "30 fps", "44100 Hz"). Indentation also
keeps the file's own metadata from posing as stream lines: metadata keys sit deeper than
"  Stream #0:…", and multi-line values are re-indented further still.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from fractions import Fraction

from workers.media.info import AudioStream, OtherStream, Stream, VideoStream

_INPUT = re.compile(r"^Input #0, (?P<format>.+?), from '")
_DURATION = re.compile(
    r"^  Duration: (?:N/A|(?P<h>\d+):(?P<m>\d{2}):(?P<s>\d{2}(?:\.\d+)?))"
    r"(?:, start: (?P<start>-?\d+(?:\.\d+)?))?"
    r"(?:, bitrate: (?:N/A|(?P<kbps>\d+) kb/s))?"
)
_STREAM = re.compile(
    r"^  Stream #0:(?P<index>\d+)(?:\[0x[0-9a-fA-F]+\])?(?:\([^)]*\))?: "
    r"(?P<type>Video|Audio|Subtitle|Data|Attachment|Unknown): (?P<body>.*)$"
)
_MAPPED = re.compile(r"^  Stream #0:(?P<index>\d+) -> #0:0\b")
# 5.1 prints "displaymatrix:", 9 prints "Display Matrix:".
_DISPLAY_MATRIX = re.compile(
    r"^(?:displaymatrix|Display Matrix): rotation of (?P<deg>-?\d+(?:\.\d+)?) degrees"
)
# Before ffmpeg 5 the rotation was a "rotate" tag holding the clockwise angle.
_ROTATE_TAG = re.compile(r"^rotate\s*: (?P<deg>-?\d+(?:\.\d+)?)\s*$")
_TRAILING_FLAG = re.compile(r"\s\((?P<flag>[a-z][a-z ]*)\)$")
_SIZE = re.compile(r"^(?P<w>\d+)x(?P<h>\d+)(?:\s|$)")
_SAR = re.compile(r"\[SAR (?P<num>\d+):(?P<den>\d+) ")
# "h264 (High) (avc1 / 0x31637661)": the profile is the first parenthesis without a "/".
_PROFILE = re.compile(r"^\S+ \((?P<profile>[^()/]+)\)")
_FIELD_ORDERS = ("progressive", "top", "bottom")
_RATE = re.compile(r"^(?P<value>\d+(?:\.\d+)?)(?P<k>k?) (?P<unit>fps|tbr)$")
_KBPS = re.compile(r"^(?P<kbps>\d+) kb/s")
_HZ = re.compile(r"^(?P<hz>\d+) Hz$")
_PIXEL_FORMAT = re.compile(r"^(?P<name>[a-z][a-z0-9_]*)(?:\(.*\))?$")
_NUMBERED_LAYOUT = re.compile(r"^(?P<parts>\d+(?:\.\d+)+)(?:\(.*\))?$")
_COUNTED_LAYOUT = re.compile(r"^(?P<n>\d+) channels\b")
_NAMED_LAYOUTS = {
    "mono": 1,
    "stereo": 2,
    "downmix": 2,
    "binaural": 2,
    "quad": 4,
    "hexagonal": 6,
    "octagonal": 8,
    "cube": 8,
    "hexadecagonal": 16,
}


@dataclass(frozen=True, slots=True)
class InputDump:
    format_name: str
    duration: float | None
    start_time: float | None
    bit_rate: int | None
    streams: tuple[Stream, ...]


@dataclass(slots=True)
class _PendingStream:
    index: int
    type: str
    body: str
    rotation: float | None = None
    rotate_tag: float | None = None
    sections: list[str] = field(default_factory=list)


def parse_input_dump(stderr: str) -> InputDump | None:
    """The first input's description, or None when ffmpeg could not open the file at all."""
    lines = stderr.splitlines()
    start = next((i for i, line in enumerate(lines) if _INPUT.match(line)), None)
    if start is None:
        return None
    header = _INPUT.match(lines[start])
    assert header is not None
    duration = start_time = None
    bit_rate: int | None = None
    pending: list[_PendingStream] = []
    current: _PendingStream | None = None
    section = ""
    for line in lines[start + 1 :]:
        if line[:1] not in (" ", ""):
            break  # the next column-0 line ("Stream mapping:", "Output #0", …) ends the input
        indent = len(line) - len(line.lstrip(" "))
        text = line.strip()
        if indent == 2:
            current, section = None, ""
            if (match := _DURATION.match(line)) is not None:
                duration, start_time, bit_rate = _duration_fields(match)
            elif (match := _STREAM.match(line)) is not None:
                current = _PendingStream(int(match["index"]), match["type"], match["body"])
                pending.append(current)
        elif current is None:
            continue
        elif indent == 4:
            section = text
        elif indent == 6 and section == "Side data:":
            if (match := _DISPLAY_MATRIX.match(text)) is not None:
                current.rotation = float(match["deg"])
        elif indent == 6 and section == "Metadata:" and (match := _ROTATE_TAG.match(text)):
            current.rotate_tag = float(match["deg"])
    return InputDump(
        format_name=header["format"],
        duration=duration,
        start_time=start_time,
        bit_rate=bit_rate,
        streams=tuple(_build(stream) for stream in pending),
    )


def mapped_input_stream(stderr: str) -> int | None:
    """Which input stream became output stream 0 ("  Stream #0:1 -> #0:0 (copy)")."""
    for line in stderr.splitlines():
        if (match := _MAPPED.match(line)) is not None:
            return int(match["index"])
    return None


def normalize_rotation(clockwise_degrees: float) -> int:
    """Snap to a quarter turn: 0, 90, 180 or 270 (odd angles are rounded, not honoured)."""
    return round(clockwise_degrees / 90.0) % 4 * 90


def _duration_fields(match: re.Match[str]) -> tuple[float | None, float | None, int | None]:
    duration = None
    if match["h"] is not None:
        duration = int(match["h"]) * 3600 + int(match["m"]) * 60 + float(match["s"])
    start = float(match["start"]) if match["start"] is not None else None
    bit_rate = int(match["kbps"]) * 1000 if match["kbps"] is not None else None
    return duration, start, bit_rate


def _split_fields(body: str) -> tuple[list[str], set[str]]:
    """Top-level comma-separated fields, and the trailing "(default)"-style flags."""
    flags: set[str] = set()
    while (match := _TRAILING_FLAG.search(body)) is not None:
        flags.add(match["flag"])
        body = body[: match.start()]
    fields: list[str] = []
    depth = 0
    current: list[str] = []
    for char in body:
        if char in "([":
            depth += 1
        elif char in ")]":
            depth = max(0, depth - 1)
        if char == "," and depth == 0:
            fields.append("".join(current).strip())
            current = []
        else:
            current.append(char)
    fields.append("".join(current).strip())
    return [f for f in fields if f], flags


def _bit_rate(fields: list[str]) -> int | None:
    for item in fields:
        if (match := _KBPS.match(item)) is not None:
            return int(match["kbps"]) * 1000
    return None


def _build(stream: _PendingStream) -> Stream:
    fields, flags = _split_fields(stream.body)
    codec = fields[0].split()[0] if fields else "unknown"
    if stream.type == "Video":
        return _video(stream, codec, fields, flags)
    if stream.type == "Audio":
        return _audio(stream, codec, fields)
    return OtherStream(index=stream.index, codec=codec, media_type=stream.type.lower())


def _video(stream: _PendingStream, codec: str, fields: list[str], flags: set[str]) -> VideoStream:
    width = height = 0
    sar = Fraction(1)
    rates: dict[str, float] = {}
    for item in fields[1:]:
        if (size := _SIZE.match(item)) is not None and not width:
            width, height = int(size["w"]), int(size["h"])
            # 0:1 means "unknown", which players show as square.
            if (aspect := _SAR.search(item)) is not None and int(aspect["num"]) > 0:
                sar = Fraction(int(aspect["num"]), max(1, int(aspect["den"])))
        elif (rate := _RATE.match(item)) is not None:
            value = float(rate["value"]) * (1000 if rate["k"] else 1)
            rates.setdefault(rate["unit"], value)
    pixel_format = None
    color: dict[str, str] = {}
    if len(fields) > 1 and (match := _PIXEL_FORMAT.match(fields[1])) is not None:
        pixel_format = None if match["name"] == "none" else match["name"]
        color = _color(fields[1][len(match["name"]) :].strip("()"))
    profile = match["profile"] if fields and (match := _PROFILE.match(fields[0])) else None
    if stream.rotation is not None:
        rotation = normalize_rotation(-stream.rotation)
    else:
        rotation = normalize_rotation(stream.rotate_tag or 0.0)
    frame_rate = rates.get("fps") or rates.get("tbr")
    return VideoStream(
        index=stream.index,
        codec=codec,
        width=width,
        height=height,
        pixel_format=pixel_format,
        frame_rate=frame_rate if frame_rate else None,
        rotation=rotation,
        bit_rate=_bit_rate(fields),
        attached_picture=bool(flags & {"attached pic", "timed thumbnails"}),
        profile=profile,
        sar=sar,
        color=color,
    )


def _color(details: str) -> dict[str, str]:
    """ "tv, bt709/bt709/smpte170m, progressive" → range, space, primaries, transfer (ffmpeg
    prints one name when all three agree)."""
    color: dict[str, str] = {}
    for item in (part.strip() for part in details.split(",")):
        if item in ("tv", "pc"):
            color["range"] = item
        elif item and not item.startswith(_FIELD_ORDERS):
            names = item.split("/") if "/" in item else [item] * 3
            color.update(zip(("space", "primaries", "trc"), names, strict=False))
    return color


def _audio(stream: _PendingStream, codec: str, fields: list[str]) -> AudioStream:
    sample_rate = layout = None
    for position, item in enumerate(fields[1:], start=1):
        if (match := _HZ.match(item)) is not None:
            sample_rate = int(match["hz"])
            layout = fields[position + 1] if position + 1 < len(fields) else None
            break
    return AudioStream(
        index=stream.index,
        codec=codec,
        sample_rate=sample_rate,
        channels=channel_count(layout) if layout else None,
        channel_layout=layout,
        bit_rate=_bit_rate(fields),
    )


def channel_count(layout: str) -> int | None:
    """ "stereo" → 2, "5.1(side)" → 6, "7.1.4" → 12, "3 channels" → 3; None if unknown."""
    if layout in _NAMED_LAYOUTS:
        return _NAMED_LAYOUTS[layout]
    base = layout.split("(", 1)[0]
    if base in _NAMED_LAYOUTS:
        return _NAMED_LAYOUTS[base]
    if (match := _NUMBERED_LAYOUT.match(layout)) is not None:
        return sum(int(part) for part in match["parts"].split("."))
    if (match := _COUNTED_LAYOUT.match(layout)) is not None:
        return int(match["n"])
    return None
