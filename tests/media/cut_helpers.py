"""Reading cut results with a decoder that is not ours: ffprobe when installed (Debian's ffmpeg
package ships it, CI installs it), else PyAV, so the cutter's own inspector is never the oracle
for its own output."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest


def independent_frame_count(path: Path) -> int:
    """Decoded video frames of the first video stream."""
    ffprobe = shutil.which("ffprobe")
    if ffprobe is not None:
        output = subprocess.run(
            [ffprobe, "-v", "error", "-count_frames", "-select_streams", "v:0",
             "-show_entries", "stream=nb_read_frames", "-of", "csv=p=0", str(path)],
            check=True, capture_output=True, text=True, timeout=120,
        ).stdout  # fmt: skip
        return int(output.strip())
    av = pytest.importorskip("av", reason="neither ffprobe nor PyAV is installed")
    with av.open(str(path)) as container:
        return sum(1 for _ in container.decode(video=0))


def video_offset(path: Path) -> float:
    """Seconds from the file's start to its first video frame (Matroska and others can start
    the video a little after the audio): frame n is shown at offset + n / fps."""
    ffprobe = shutil.which("ffprobe")
    if ffprobe is not None:
        lines = subprocess.run(
            [ffprobe, "-v", "error", "-select_streams", "v:0", "-show_entries",
             "stream=start_time:format=start_time", "-of", "default=nw=1:nk=1", str(path)],
            check=True, capture_output=True, text=True, timeout=120,
        ).stdout.split()  # fmt: skip
        return float(lines[0]) - float(lines[1])
    av = pytest.importorskip("av", reason="neither ffprobe nor PyAV is installed")
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        return float(stream.start_time * stream.time_base) - container.start_time / 1e6
