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
