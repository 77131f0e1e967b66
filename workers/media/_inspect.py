"""Inspecting media with the ffmpeg binary alone (ffprobe is not guaranteed to be installed):
stream parameters from ``ffmpeg -i`` stderr, packet timing and flags from the ``framecrc`` muxer
with ``-c copy`` (a demux-only pass, hundreds of times realtime), and decoded frame counts."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path

from workers.media.errors import MediaError
from workers.media.runner import run_ffmpeg

_STREAM = re.compile(r"^\s*Stream #\d+:(\d+)\S*: (Video|Audio|Subtitle|Data|Attachment): (.*)$")
_DURATION = re.compile(r"Duration: (\d+):(\d+):([\d.]+), start: (-?[\d.]+)")
_ROTATION = re.compile(r"rotation of (-?[\d.]+) degrees", re.IGNORECASE)
_INPUT = re.compile(r"^Input #0, ([^,]+(?:,[^ ,]+)*), from")
_DISPOSITION = re.compile(r"( \([a-z ]+\))+$")
_SIZE = re.compile(r"^(\d+)x(\d+)(?: \[SAR (\d+):(\d+) DAR \d+:\d+\])?")


@dataclass(frozen=True)
class VideoStream:
    index: int
    codec: str
    profile: str | None
    pix_fmt: str
    width: int
    height: int
    fps: float | None
    tbn: int | None
    bitrate_kbps: float | None
    rotation: float = 0.0
    sar: Fraction = Fraction(1)
    color: dict[str, str] = field(default_factory=dict)

    @property
    def display_size(self) -> tuple[int, int]:
        """Width and height as shown: after the rotation ffmpeg applies when decoding."""
        width = round(self.width * self.sar) if self.sar > 0 else self.width
        if round(abs(self.rotation)) % 180 == 90:
            return self.height, width
        return width, self.height


@dataclass(frozen=True)
class AudioStream:
    index: int
    codec: str
    sample_rate: int
    channels: str
    bitrate_kbps: float | None


@dataclass(frozen=True)
class MediaInfo:
    format_name: str
    duration: float | None
    start: float
    video: VideoStream | None
    audio: AudioStream | None


def _split_top(text: str) -> list[str]:
    """Split on ', ' outside parentheses: "yuv420p(tv, bt709), 640x480" -> two parts."""
    parts, depth, current = [], 0, ""
    for char in text:
        depth += (char == "(") - (char == ")")
        if char == "," and depth == 0:
            parts.append(current.strip())
            current = ""
        else:
            current += char
    parts.append(current.strip())
    return parts


def _number(text: str) -> float:
    return float(text[:-1]) * 1000 if text.endswith("k") else float(text)


_FIELD_ORDERS = ("progressive", "top first", "bottom first", "top coded first", "bottom coded")


def _parse_color(details: str) -> dict[str, str]:
    """Parse "tv, bt709/bt709/smpte170m, progressive" -> range, colour space, primaries, transfer
    (ffmpeg prints one name when all three agree)."""
    color: dict[str, str] = {}
    for item in details.split(", "):
        if item in ("tv", "pc"):
            color["range"] = item
        elif item and not item.startswith(_FIELD_ORDERS):
            names = item.split("/") if "/" in item else [item] * 3
            color.update(zip(("space", "primaries", "trc"), names, strict=False))
    return color


def _parse_video(index: int, body: str) -> VideoStream:
    parts = _split_top(body)
    head = parts[0].split(" ", 1)
    profile = None
    if len(head) > 1 and (match := re.match(r"\(([^)/]+)\)", head[1])):
        profile = match.group(1)
    pix = parts[1] if len(parts) > 1 else ""
    pix_fmt, _, details = pix.partition("(")
    color = _parse_color(details.rstrip(")")) if details else {}
    width = height = 0
    sar = Fraction(1)
    fps = tbn = bitrate = None
    for part in parts[1:]:
        if (size := _SIZE.match(part)) and not width:
            width, height = int(size.group(1)), int(size.group(2))
            if size.group(3) and int(size.group(4)):
                sar = Fraction(int(size.group(3)), int(size.group(4)))
        elif part.endswith(" fps"):
            fps = _number(part.split()[0])
        elif part.endswith(" tbn"):
            tbn = round(_number(part.split()[0]))
        elif part.endswith(" kb/s") and bitrate is None:
            bitrate = float(part.split()[0])
    return VideoStream(
        index,
        head[0],
        profile,
        pix_fmt.strip(),
        width,
        height,
        fps,
        tbn,
        bitrate,
        sar=sar,
        color=color,
    )


def _parse_audio(index: int, body: str) -> AudioStream:
    parts = _split_top(body)
    rate = next((int(p.split()[0]) for p in parts if p.endswith(" Hz")), 0)
    channels = parts[2] if len(parts) > 2 else ""
    bitrate = next((float(p.split()[0]) for p in parts if p.endswith(" kb/s")), None)
    return AudioStream(index, parts[0].split(" ", 1)[0], rate, channels, bitrate)


def parse_probe(stderr: str) -> MediaInfo:
    duration: float | None = None
    start = 0.0
    format_name = ""
    video: VideoStream | None = None
    audio: AudioStream | None = None
    last_kind = ""
    for line in stderr.splitlines():
        if match := _INPUT.match(line):
            format_name = match.group(1)
        elif match := _DURATION.search(line):
            hours, minutes, seconds = match.group(1, 2, 3)
            duration = int(hours) * 3600 + int(minutes) * 60 + float(seconds)
            start = float(match.group(4))
        elif match := _STREAM.match(line):
            index, last_kind, body = int(match.group(1)), match.group(2), match.group(3)
            body = _DISPOSITION.sub("", body)
            if last_kind == "Video" and video is None and "attached pic" not in body:
                video = _parse_video(index, body)
            elif last_kind == "Audio" and audio is None:
                audio = _parse_audio(index, body)
            else:
                last_kind = ""
        elif (match := _ROTATION.search(line)) and last_kind == "Video" and video is not None:
            video = VideoStream(**{**video.__dict__, "rotation": float(match.group(1))})
    if video is None and audio is None:
        raise MediaError(f"no audio or video stream found: {stderr[-500:]}")
    return MediaInfo(format_name, duration, start, video, audio)


def probe(path: Path | str, *, timeout: float = 60) -> MediaInfo:
    if not Path(path).is_file():
        raise MediaError(f"no such file: {path}")
    # Without an output ffmpeg exits 1 after printing the input: that is the expected path.
    stderr = run_ffmpeg(
        ["-i", str(path)], what="probe", timeout=timeout, check=False, capture_stderr=True
    ).stderr
    if "Invalid data found" in stderr or "No such file" in stderr:
        raise MediaError(f"cannot read {path}: {stderr[-500:]}")
    return parse_probe(stderr)


@dataclass(frozen=True)
class Packets:
    """One stream's packets in decode order, times in ``time_base`` units."""

    time_base: Fraction
    media_type: str
    dts: list[int]
    pts: list[int]
    duration: list[int]
    size: list[int]
    key: list[bool]

    def seconds(self, ticks: int) -> float:
        return float(ticks * self.time_base)


def scan_packets(path: Path | str, *, audio: bool = False, timeout: float = 300) -> list[Packets]:
    """Demux-only packet scan of the first video stream (and the first audio one if asked)."""
    maps = ["-map", "0:v:0?"] + (["-map", "0:a:0?"] if audio else [])
    args = ["-i", str(path), *maps, "-c", "copy", "-f", "framecrc", "pipe:1"]
    text = run_ffmpeg(args, what="packet scan", timeout=timeout).stdout
    return parse_framecrc(text)


def parse_framecrc(text: bytes) -> list[Packets]:
    """Streams of a ``-c copy -f framecrc`` listing; a packet whose ``F=`` flags lack bit 0
    is not a keyframe (keyframes carry no ``F=`` at all)."""
    bases: dict[int, Fraction] = {}
    types: dict[int, str] = {}
    rows: dict[int, list[tuple[int, int, int, int, bool]]] = {}
    for line in text.decode("ascii", "replace").splitlines():
        if line.startswith("#tb "):
            number, _, base = line[4:].partition(":")
            bases[int(number)] = Fraction(base.strip())
        elif line.startswith("#media_type "):
            number, _, kind = line[12:].partition(":")
            types[int(number)] = kind.strip()
        elif line and not line.startswith("#"):
            cells = [cell.strip() for cell in line.split(",")]
            stream, dts, pts, duration, size = (int(cell) for cell in cells[:5])
            key = not any(cell.startswith("F=") and int(cell[2:], 16) & 1 == 0 for cell in cells)
            rows.setdefault(stream, []).append((dts, pts, duration, size, key))
    result = []
    for index in sorted(bases):
        packets = rows.get(index, [])
        result.append(
            Packets(
                bases[index],
                types.get(index, ""),
                dts=[row[0] for row in packets],
                pts=[row[1] for row in packets],
                duration=[row[2] for row in packets],
                size=[row[3] for row in packets],
                key=[row[4] for row in packets],
            )
        )
    return result


def count_frames(path: Path | str, *, timeout: float = 600) -> int:
    """Frames a player would show: a full decode of the first video stream, edit lists applied
    (packet counts can differ from this when an edit list trims the start)."""
    return len(decoded_frame_times(path, timeout=timeout))


def decoded_frame_times(path: Path | str, *, timeout: float = 600) -> list[float]:
    args = [
        "-i",
        str(path),
        "-map",
        "0:v:0",
        "-fps_mode",
        "passthrough",
        "-f",
        "framecrc",
        "pipe:1",
    ]
    text = run_ffmpeg(args, what="frame count", timeout=timeout).stdout
    base = Fraction(1)
    times: list[float] = []
    for line in text.decode("ascii", "replace").splitlines():
        if line.startswith("#tb 0:"):
            base = Fraction(line[6:].strip())
        elif line.startswith("0,"):
            times.append(float(int(line.split(",")[2]) * base))
    return times
