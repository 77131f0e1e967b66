"""Does a rendered file meet a platform's rules? Checked with the ffmpeg binary alone (stream
parameters from the probe, timing and sizes from a demux-only packet scan) plus a read of the
MP4's top-level box order for faststart."""

from __future__ import annotations

import itertools
import struct
from pathlib import Path
from typing import Any

from workers.media.errors import MediaError
from workers.media.packets import Packets
from workers.media.probe import probe
from workers.media.scan import scan_packets


def top_level_boxes(path: Path | str, *, limit: int = 64) -> list[str]:
    """Types of the top-level MP4 boxes in file order (``moov`` before ``mdat`` = faststart:
    a player can start before the whole file has arrived)."""
    boxes: list[str] = []
    with open(path, "rb") as handle:
        size = Path(path).stat().st_size
        offset = 0
        while offset + 8 <= size and len(boxes) < limit:
            handle.seek(offset)
            length, kind = struct.unpack(">I4s", handle.read(8))
            if length == 1:  # 64-bit size follows the type
                length = struct.unpack(">Q", handle.read(8))[0]
            elif length == 0:  # box runs to the end of the file
                length = size - offset
            boxes.append(kind.decode("latin-1"))
            if length < 8:
                break
            offset += length
    return boxes


def _fps(video: Packets) -> tuple[float | None, bool]:
    """Frame rate from the display-order pts steps, and whether every step is the same."""
    shown = sorted(video.pts)
    deltas = [b - a for a, b in itertools.pairwise(shown)]
    steps = set(deltas)
    if not steps:
        return None, True
    common = max(steps, key=deltas.count)
    constant = max(steps) - min(steps) <= 1  # one tick of rounding is still constant
    return float(1 / (common * video.time_base)), constant


def _span(packets: Packets) -> float:
    if not packets.pts:
        return 0.0
    last = packets.pts.index(max(packets.pts))
    return float((max(packets.pts) + packets.duration[last] - min(packets.pts))
                 * packets.time_base)  # fmt: skip


def check_output(path: Path | str, rules: dict[str, Any]) -> list[str]:
    """Every way ``path`` breaks ``rules`` (a PLATFORM_RULES entry), as readable sentences;
    an empty list means it passes."""
    path = Path(path)
    try:
        info = probe(path)
    except MediaError as error:
        return [f"unreadable: {error}"]
    problems: list[str] = []
    if "mp4" not in info.format_name.split(","):
        problems.append(f"container is {info.format_name}, not mp4")
    video, audio = info.video, info.audio
    expected = {
        "video codec": (video.codec, rules["video_codec"]),
        "profile": ((video.profile or "none").lower(), str(rules["profile"]).lower()),
        "pixel format": (video.pixel_format, rules["pixel_format"]),
        "size": (f"{video.width}x{video.height}", f"{rules['width']}x{rules['height']}"),
    }
    problems += [f"{name} is {got}, expected {want}" for name, (got, want) in expected.items()
                 if got != want]  # fmt: skip
    if video.rotation:
        problems.append(f"display rotation of {video.rotation} degrees (shown sideways)")
    streams = scan_packets(path, audio=True)
    packets = streams[0]
    fps, constant = _fps(packets)
    if not constant:
        problems.append("variable frame rate (expected constant)")
    if fps is None or abs(fps - rules["fps"]) > 0.01:
        problems.append(f"frame rate is {fps and round(fps, 3)}, expected {rules['fps']}")
    elif not rules.get("min_fps", 0) <= fps <= rules.get("max_fps", 1000):
        low, high = rules.get("min_fps"), rules.get("max_fps")
        problems.append(f"frame rate {fps:g} outside {low}..{high}")
    duration = _span(packets)
    slack = 1 / (fps or 30)
    if duration > rules["max_duration_seconds"] + slack:
        problems.append(f"duration {duration:.2f} s exceeds {rules['max_duration_seconds']} s")
    if duration < rules.get("min_duration_seconds", 0) - slack:
        problems.append(f"duration {duration:.2f} s under {rules['min_duration_seconds']} s")
    kbps = sum(packets.size) * 8 / duration / 1000 if duration else 0.0
    if kbps > rules["max_video_bitrate_kbps"]:
        problems.append(f"video bitrate {kbps:.0f} kbps exceeds {rules['max_video_bitrate_kbps']}")
    if audio is None:
        problems.append("no audio stream")
    else:
        got_audio = (audio.codec, audio.sample_rate, audio.channels)
        want_audio = (rules["audio_codec"], rules["audio_sample_rate"], rules["audio_channels"])
        if got_audio != want_audio:
            problems.append(f"audio is {got_audio}, expected {want_audio} (codec, Hz, channels)")
    if rules.get("faststart") and "mp4" in info.format_name.split(","):
        boxes = top_level_boxes(path)
        if "moov" not in boxes or "mdat" in boxes[: boxes.index("moov")]:
            problems.append("not faststart: moov comes after mdat")
    if "max_size_bytes" in rules and path.stat().st_size > rules["max_size_bytes"]:
        problems.append(f"file is {path.stat().st_size} bytes, over {rules['max_size_bytes']}")
    return problems
