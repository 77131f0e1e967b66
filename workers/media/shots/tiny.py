"""Tiny colour frames with their real presentation times, from one ffmpeg run.

The picture goes to stdout as raw 64x36 YUV 4:2:0; a copy of the same filtered stream goes to a
``framecrc`` file, whose lines carry each frame's timestamp. Frame numbers would lie as soon as
the decoder skips frames (``-skip_frame noref``) or the source has a variable frame rate.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import numpy as np

from workers.media.info import MediaInfo
from workers.media.packets import parse_framecrc
from workers.media.probe import _input_args
from workers.media.runner import CancelSignal, ProgressCallback, run_ffmpeg

WIDTH: Final = 64
HEIGHT: Final = 36
FRAME_BYTES: Final = WIDTH * HEIGHT * 3 // 2
# Fine enough that rounding never moves a frame, whatever the source's own time base.
_TICKS_PER_SECOND: Final = 90_000


@dataclass(frozen=True)
class TinyFrames:
    times: np.ndarray
    """Seconds from the start of the file, one per frame, increasing."""
    luma: np.ndarray
    """(count, 36, 64) uint8."""
    chroma: np.ndarray
    """(count, 2, 18, 32) uint8: U then V."""

    def __len__(self) -> int:
        return len(self.times)

    @staticmethod
    def empty() -> TinyFrames:
        return TinyFrames(
            np.zeros(0),
            np.zeros((0, HEIGHT, WIDTH), np.uint8),
            np.zeros((0, 2, HEIGHT // 2, WIDTH // 2), np.uint8),
        )

    def between(self, start: float, end: float) -> TinyFrames:
        """Frames with ``start <= time < end``."""
        keep = (self.times >= start) & (self.times < end)
        return TinyFrames(self.times[keep], self.luma[keep], self.chroma[keep])

    @staticmethod
    def merge(parts: list[TinyFrames]) -> TinyFrames:
        """In time order, a frame decoded twice kept once."""
        pick = merge_order([part.times for part in parts])
        if not len(pick):
            return TinyFrames.empty()
        return TinyFrames(
            np.concatenate([part.times for part in parts])[pick],
            np.concatenate([part.luma for part in parts])[pick],
            np.concatenate([part.chroma for part in parts])[pick],
        )


def merge_order(times: list[np.ndarray]) -> np.ndarray:
    """Indexes into the concatenation of ``times`` that put it in order, each moment once."""
    if not times or not sum(len(part) for part in times):
        return np.zeros(0, dtype=np.int64)
    joined = np.concatenate(times)
    order = np.argsort(joined, kind="stable")
    # Half a millisecond apart is the same frame: no source runs at 2000 fps.
    unique = np.concatenate([[True], np.diff(joined[order]) > 0.0005])
    picked: np.ndarray = order[unique]
    return picked


def parse_stamps(text: str, origin: float) -> np.ndarray:
    """Presentation times (seconds minus ``origin``) from ``framecrc`` lines."""
    streams = parse_framecrc(text)
    if not streams:
        return np.asarray([], dtype=np.float64)
    video = streams[0]
    return np.asarray([float(pts * video.time_base) - origin for pts in video.pts], np.float64)


def decode_tiny(
    path: Path,
    info: MediaInfo,
    *,
    start: float = 0.0,
    duration: float | None = None,
    reference_only: bool = False,
    only_between: list[tuple[float, float]] | None = None,
    threads: int = 0,
    ffmpeg_path: str | None,
    timeout: float,
    progress: ProgressCallback | None = None,
    cancel: CancelSignal | None = None,
    nice: int = 0,
) -> TinyFrames:
    """Decode from the keyframe at or before ``start`` for about ``duration`` seconds.

    ``reference_only`` skips the frames nothing else is predicted from (the cheap half of a
    B-frame stream). ``only_between`` keeps just the frames inside those spans (times from the
    start of the file), so a window costs its decode but not its scaling or its bytes.
    ``threads`` 0 lets the decoder choose. On a shared machine one thread per run side by side
    lost CPU share to other programs' threads; the decoder's own choice held up better.
    The loop filter is always skipped: its blocking artefacts do not change what a cut is.
    """
    origin = info.start_time or 0.0
    seek = ["-ss", f"{start:.6f}", "-noaccurate_seek"] if start > 0 else []
    limit = ["-t", f"{duration:.6f}"] if duration is not None else []
    select = ""
    if only_between:
        spans = "+".join(
            f"between(t,{origin + low:.6f},{origin + high:.6f})" for low, high in only_between
        )
        select = f"select='{spans}',"
    graph = (
        f"[0:{info.video.index}]{select}"
        f"scale={WIDTH}:{HEIGHT}:flags=fast_bilinear,format=yuv420p,split[raw][stamps]"
    )
    chunks: list[bytes] = []
    with tempfile.TemporaryDirectory(prefix="stakazo-shots-") as folder:
        stamps_file = Path(folder) / "stamps.crc"
        run_ffmpeg(
            [
                *(["-skip_frame", "noref"] if reference_only else []),
                *("-skip_loop_filter", "all", "-threads", str(threads)),
                *seek,
                *limit,
                *_input_args(path),
                "-copyts",
                *("-filter_complex", graph),
                *("-map", "[raw]", "-fps_mode", "passthrough", "-f", "rawvideo", "pipe:1"),
                *("-map", "[stamps]", "-fps_mode", "passthrough"),
                *("-enc_time_base", f"1:{_TICKS_PER_SECOND}", "-f", "framecrc", "-y"),
                str(stamps_file),
            ],
            what="shot detection",
            timeout=timeout,
            ffmpeg_path=ffmpeg_path,
            progress=progress,
            cancel=cancel,
            stdout_sink=chunks.append,
            nice=nice,
        )
        times = parse_stamps(stamps_file.read_text(errors="replace"), origin)
    data = b"".join(chunks)
    count = min(len(times), len(data) // FRAME_BYTES)
    frames = np.frombuffer(data[: count * FRAME_BYTES], dtype=np.uint8).reshape(count, -1)
    luma_size = WIDTH * HEIGHT
    luma = frames[:, :luma_size].reshape(count, HEIGHT, WIDTH)
    chroma = frames[:, luma_size:].reshape(count, 2, HEIGHT // 2, WIDTH // 2)
    return TinyFrames.merge([TinyFrames(times[:count], luma, chroma)])
