"""Decoding a video's picture as small grey frames into numpy: what the analysis steps read."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from workers.media.info import MediaInfo
from workers.media.probe import _input_args
from workers.media.runner import CancelSignal, ProgressCallback, run_ffmpeg


def grey_frames(
    path: Path,
    info: MediaInfo,
    *,
    width: int,
    height: int,
    rate: str = "",
    fast_decode: bool = False,
    ffmpeg_path: str | None,
    timeout: float,
    progress: ProgressCallback | None,
    cancel: CancelSignal | None,
) -> np.ndarray:
    """Frames of shape (count, height, width), uint8. ``rate`` is an ffmpeg ``fps=…,`` prefix;
    ``fast_decode`` skips the loop filter (fine for measuring change, not for looking)."""
    chunks: list[bytes] = []
    decoder = ["-skip_loop_filter", "all", "-threads", "0"] if fast_decode else []
    run_ffmpeg(
        [
            *decoder,
            *_input_args(path),
            *("-map", f"0:{info.video.index}", "-an", "-sn", "-dn"),
            *("-vf", f"{rate}scale={width}:{height}:flags=fast_bilinear,format=gray"),
            *("-f", "rawvideo", "-pix_fmt", "gray", "-"),
        ],
        timeout=timeout,
        ffmpeg_path=ffmpeg_path,
        progress=progress,
        cancel=cancel,
        stdout_sink=chunks.append,
    )
    data = b"".join(chunks)
    count = len(data) // (width * height)
    return np.frombuffer(data[: count * width * height], dtype=np.uint8).reshape(
        count, height, width
    )
