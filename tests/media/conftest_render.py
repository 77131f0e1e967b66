"""Fixtures for the cut/reframe/render tests: small sources generated with ffmpeg, so the ground
truth is known by construction (render_helpers.py reads it back).

The main source carries its own frame number as a 16-bit barcode (20 px blocks along the top,
white = 1) and a 1 kHz beep during the first 50 ms of every second, so a test can tell exactly
which source frame a decoded frame is and where the audio sits against it.

Loaded by the test modules with ``pytest_plugins`` (not a conftest.py: another part of the
pipeline owns that file).
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.media.render_helpers import (
    BARCODE_HEIGHT,
    BARCODE_WIDTH,
    BEEP,
    BLOCK,
    SOURCE_FPS,
    SOURCE_GOP,
    SOURCE_SECONDS,
    ffmpeg,
)


@pytest.fixture(scope="session")
def media_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("render-media")


@pytest.fixture(scope="session")
def barcode_source(media_dir: Path) -> Path:
    """10 s, 320x240, 30 fps H.264 High with B-frames, a keyframe every 60 frames exactly;
    AAC 48 kHz stereo beeps."""
    path = media_dir / "barcode.mp4"
    bar = (f"color=black:s={BARCODE_WIDTH}x{BLOCK}:r={SOURCE_FPS}:d={SOURCE_SECONDS},format=gray,"
           f"geq=lum='if(bitand(trunc(N/pow(2,trunc(X/{BLOCK}))),1),235,16)'")  # fmt: skip
    video = (f"testsrc2=s={BARCODE_WIDTH}x{BARCODE_HEIGHT}:r={SOURCE_FPS}:d={SOURCE_SECONDS}"
             f"[bg];{bar}[bar];[bg][bar]overlay=0:0:shortest=1")  # fmt: skip
    ffmpeg("-f", "lavfi", "-i", video,
           "-f", "lavfi", "-i", f"aevalsrc='{BEEP}|{BEEP}':s=48000:d={SOURCE_SECONDS}",
           "-c:v", "libx264", "-preset", "veryfast", "-g", str(SOURCE_GOP),
           "-keyint_min", str(SOURCE_GOP), "-sc_threshold", "0", "-pix_fmt", "yuv420p",
           "-c:a", "aac", "-b:a", "96k", "-y", str(path))  # fmt: skip
    return path


@pytest.fixture(scope="session")
def rotated_source(media_dir: Path, barcode_source: Path) -> Path:
    """The barcode source, stream-copied with a 90 degree display matrix."""
    path = media_dir / "rotated.mp4"
    try:  # ffmpeg 6.1+ spells it as an input option; older ones take the "rotate" tag
        ffmpeg("-display_rotation:v:0", "90", "-i", str(barcode_source), "-c", "copy",
               "-y", str(path))  # fmt: skip
    except subprocess.CalledProcessError:
        ffmpeg("-i", str(barcode_source), "-c", "copy", "-metadata:s:v:0", "rotate=90",
               "-y", str(path))  # fmt: skip
    return path


@pytest.fixture(scope="session")
def silent_source(media_dir: Path) -> Path:
    """3.5 s of video and no audio stream at all."""
    path = media_dir / "silent.mp4"
    ffmpeg("-f", "lavfi", "-i", "testsrc2=s=320x180:r=25:d=3.5", "-c:v", "libx264",
           "-preset", "ultrafast", "-an", "-y", str(path))  # fmt: skip
    return path


@pytest.fixture(scope="session")
def vfr_source(media_dir: Path) -> Path:
    """4 s with frames dropped irregularly (timestamps kept): steps of 1, 2 and 3 frames."""
    path = media_dir / "vfr.mp4"
    ffmpeg("-f", "lavfi", "-i", "testsrc2=s=320x240:r=30:d=4",
           "-f", "lavfi", "-i", "sine=f=440:d=4",
           "-vf", "select='not(eq(mod(n,7),3))*not(eq(mod(n,5),1))'",
           "-fps_mode", "passthrough", "-c:v", "libx264", "-preset", "ultrafast",
           "-c:a", "aac", "-y", str(path))  # fmt: skip
    return path


@pytest.fixture(scope="session")
def black_source(media_dir: Path) -> Path:
    """3.2 s of black 640x360 with a quiet tone: any bright pixel in a render is a caption."""
    path = media_dir / "black.mp4"
    ffmpeg("-f", "lavfi", "-i", "color=black:s=640x360:r=30:d=3.2",
           "-f", "lavfi", "-i", "sine=f=300:d=3.2", "-c:v", "libx264", "-preset", "ultrafast",
           "-pix_fmt", "yuv420p", "-c:a", "aac", "-y", str(path))  # fmt: skip
    return path


@pytest.fixture(scope="session")
def wrong_file(media_dir: Path) -> Path:
    """Everything a platform would refuse: MPEG-4 Part 2, 640x360, 25 fps, mono 22 kHz audio,
    moov at the end."""
    path = media_dir / "wrong.mp4"
    ffmpeg("-f", "lavfi", "-i", "testsrc2=s=640x360:r=25:d=2",
           "-f", "lavfi", "-i", "sine=d=2:sample_rate=22050", "-c:v", "mpeg4",
           "-c:a", "aac", "-ac", "1", "-y", str(path))  # fmt: skip
    return path
