"""Reading a whole file's packets or decoded frame times with ffmpeg, through the one
``framecrc`` parser in packets.py: for cut planning, output checks and frame counts."""

from __future__ import annotations

from pathlib import Path

from workers.media.errors import MediaError
from workers.media.packets import Packets, parse_framecrc
from workers.media.probe import _input_args
from workers.media.runner import run_ffmpeg

__all__ = ["count_frames", "decoded_frame_times", "scan_packets"]


def scan_packets(path: Path | str, *, audio: bool = False, timeout: float = 300) -> list[Packets]:
    """Demux-only packet scan of the first video stream (and the first audio one if asked)."""
    maps = ["-map", "0:v:0?"] + (["-map", "0:a:0?"] if audio else [])
    args = [*_input_args(Path(path).absolute()), *maps, "-c", "copy", "-f", "framecrc", "pipe:1"]
    streams = parse_framecrc(run_ffmpeg(args, what="packet scan", timeout=timeout).stdout)
    if not streams:
        raise MediaError(f"{path} holds no video packets")
    return streams


def count_frames(path: Path | str, *, timeout: float = 600) -> int:
    """Frames a player would show: a full decode of the first video stream, edit lists applied
    (packet counts can differ from this when an edit list trims the start)."""
    return len(decoded_frame_times(path, timeout=timeout))


def decoded_frame_times(path: Path | str, *, timeout: float = 600) -> list[float]:
    """Presentation times of every decoded frame of the first video stream, in seconds."""
    args = [*_input_args(Path(path).absolute()), "-map", "0:v:0", "-fps_mode", "passthrough",
            "-f", "framecrc", "pipe:1"]  # fmt: skip
    streams = parse_framecrc(run_ffmpeg(args, what="frame count", timeout=timeout).stdout)
    if not streams:
        return []
    return [streams[0].seconds(stamp) for stamp in streams[0].pts]
