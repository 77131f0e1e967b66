"""Media made by ffmpeg once per session, so every property is known by construction, plus the
real clips in tests/fixtures/media (see its ATTRIBUTION.md for their ground truth).

Each fixture checks the property it exists for with plain ffmpeg output, independently of the
code under test: a VFR fixture that came out constant would make the VFR test meaningless.
"""

from __future__ import annotations

import itertools
import random
import re
import struct
import subprocess
from pathlib import Path

import pytest

from core.ffmpeg import find_ffmpeg
from tests.paths import TEST_MEDIA

GENERATE_TIMEOUT_SECONDS = 60
SIX_HOURS_MS = 6 * 3600 * 1000.0


def ffmpeg(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [find_ffmpeg(None), "-hide_banner", "-nostdin", "-y", *args],
        capture_output=True,
        text=True,
        timeout=GENERATE_TIMEOUT_SECONDS,
        check=False,
    )


def generate(*args: str) -> None:
    result = ffmpeg("-v", "error", *args)
    assert result.returncode == 0, result.stderr


def claimed_duration(path: Path) -> float | None:
    """The container's duration as ``ffmpeg -i`` states it."""
    match = re.search(r"Duration: (\d+):(\d{2}):(\d{2}(?:\.\d+)?)", ffmpeg("-i", str(path)).stderr)
    if match is None:
        return None
    hours, minutes, seconds = match.groups()
    return int(hours) * 3600 + int(minutes) * 60 + float(seconds)


def presentation_intervals(path: Path) -> list[int]:
    """Gaps between the video packets' presentation times, in the stream's time base."""
    result = ffmpeg("-i", str(path), "-map", "0:v:0", "-c", "copy", "-f", "framecrc", "-")
    stamps = sorted(
        int(line.split(",")[2]) for line in result.stdout.splitlines() if line[:1].isdigit()
    )
    return [later - earlier for earlier, later in itertools.pairwise(stamps)]


@pytest.fixture(scope="session")
def media_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("media")


@pytest.fixture(scope="session")
def normal_mp4(media_dir: Path) -> Path:
    """5 s, 640x360, 30 fps H.264 + stereo AAC; the moov box at the end (no faststart)."""
    path = media_dir / "normal.mp4"
    generate(
        *("-f", "lavfi", "-i", "testsrc2=size=640x360:rate=30:duration=5"),
        *("-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=5"),
        *("-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p"),
        *("-c:a", "aac", "-ac", "2", "-shortest", str(path)),
    )
    return path


@pytest.fixture(scope="session")
def video_only_mp4(media_dir: Path) -> Path:
    path = media_dir / "video_only.mp4"
    generate(
        *("-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25:duration=2"),
        *("-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", str(path)),
    )
    return path


@pytest.fixture(scope="session")
def audio_only_m4a(media_dir: Path) -> Path:
    path = media_dir / "audio_only.m4a"
    generate("-f", "lavfi", "-i", "sine=duration=2", "-c:a", "aac", str(path))
    return path


@pytest.fixture(scope="session")
def still_png(media_dir: Path) -> Path:
    path = media_dir / "still.png"
    generate("-f", "lavfi", "-i", "testsrc2=size=320x240", "-frames:v", "1", str(path))
    return path


@pytest.fixture(scope="session")
def cover_art_m4a(media_dir: Path, still_png: Path) -> Path:
    """Music with album art: ffmpeg lists the art as a video stream flagged "attached pic"."""
    path = media_dir / "cover_art.m4a"
    generate(
        *("-f", "lavfi", "-i", "sine=duration=2", "-i", str(still_png)),
        *("-map", "0:a", "-map", "1:v", "-c:a", "aac", "-c:v", "mjpeg"),
        *("-disposition:v:0", "attached_pic", str(path)),
    )
    assert "(attached pic)" in ffmpeg("-i", str(path)).stderr
    return path


@pytest.fixture(scope="session")
def zero_byte_mp4(media_dir: Path) -> Path:
    path = media_dir / "zero.mp4"
    path.touch()
    return path


@pytest.fixture(scope="session")
def random_bytes_mp4(media_dir: Path) -> Path:
    path = media_dir / "random.mp4"
    path.write_bytes(random.Random(1234).randbytes(256 * 1024))
    return path


@pytest.fixture(scope="session")
def truncated_mp4(media_dir: Path, normal_mp4: Path) -> Path:
    """The first half of an MP4 whose moov box (the index) was written last: an upload cut off."""
    data = normal_mp4.read_bytes()
    assert data[4:8] == b"ftyp"
    assert data.rfind(b"moov") > len(data) // 2, "fixture needs the moov box in the second half"
    path = media_dir / "truncated.mp4"
    path.write_bytes(data[: len(data) // 2])
    return path


@pytest.fixture(scope="session")
def vfr_mp4(media_dir: Path) -> Path:
    """1 s at 30 fps, 1 s at 10 fps, 1 s at 24 fps, timestamps kept as they are."""
    path = media_dir / "vfr.mp4"
    generate(
        *("-f", "lavfi", "-i", "testsrc2=size=320x240:rate=30:duration=1"),
        *("-f", "lavfi", "-i", "testsrc2=size=320x240:rate=10:duration=1"),
        *("-f", "lavfi", "-i", "testsrc2=size=320x240:rate=24:duration=1"),
        *("-filter_complex", "[0:v][1:v][2:v]concat=n=3:v=1:a=0[v]", "-map", "[v]"),
        *("-fps_mode", "vfr", "-c:v", "libx264", "-preset", "ultrafast", str(path)),
    )
    intervals = presentation_intervals(path)
    assert max(intervals) > 2.5 * min(intervals), f"fixture is not VFR: {sorted(set(intervals))}"
    return path


@pytest.fixture(scope="session")
def uhd_60_mp4(media_dir: Path) -> Path:
    """2 s of 3840x2160 at 60 fps. Encoding 120 UHD frames costs seconds; 15 frames looped by
    stream copy give the same stream in a fraction of that."""
    segment = media_dir / "uhd_segment.mp4"
    generate(
        *("-f", "lavfi", "-i", "color=c=navy:size=3840x2160:rate=60:duration=0.25,format=yuv420p"),
        *("-c:v", "libx264", "-preset", "ultrafast", "-g", "15", str(segment)),
    )
    path = media_dir / "uhd_60.mp4"
    generate("-stream_loop", "7", "-i", str(segment), "-c", "copy", str(path))
    assert claimed_duration(path) == pytest.approx(2.0, abs=0.02)
    return path


@pytest.fixture(scope="session")
def six_hour_claim_mkv(media_dir: Path) -> Path:
    """1 s of tiny video in a Matroska file whose header claims 6 hours: a few KB in all.

    Matroska states the length once, as a float (element 0x4489) that ffmpeg trusts. (Patching an
    MP4's mvhd fools ffmpeg 5 but not 9, which recomputes the length from the sample tables.)
    """
    honest = media_dir / "one_second.mkv"
    generate(
        *("-f", "lavfi", "-i", "color=c=blue:size=64x64:rate=5:duration=1"),
        *("-c:v", "libx264", "-preset", "ultrafast", str(honest)),
    )
    data = bytearray(honest.read_bytes())
    element = data.find(b"\x44\x89\x88")  # Duration, 8-byte float, in milliseconds
    assert element > 0
    struct.pack_into(">d", data, element + 3, SIX_HOURS_MS)
    path = media_dir / "six_hour_claim.mkv"
    path.write_bytes(data)
    claimed = claimed_duration(path)
    assert claimed is not None
    assert claimed > 5 * 3600
    assert path.stat().st_size < 16 * 1024
    return path


@pytest.fixture(scope="session")
def no_duration_mkv(media_dir: Path) -> Path:
    """4 s of video written through a pipe, as browsers record WebM: no length in the header."""
    path = media_dir / "no_duration.mkv"
    with path.open("wb") as out:
        subprocess.run(
            [
                *(find_ffmpeg(None), "-v", "error", "-nostdin"),
                *("-f", "lavfi", "-i", "testsrc2=size=320x240:rate=30:duration=4"),
                *("-c:v", "libx264", "-preset", "ultrafast", "-f", "matroska", "pipe:1"),
            ],
            stdout=out,
            check=True,
            timeout=GENERATE_TIMEOUT_SECONDS,
        )
    assert "Duration: N/A" in ffmpeg("-i", str(path)).stderr
    return path


@pytest.fixture(scope="session")
def playlist_disguised_as_mp4(media_dir: Path, normal_mp4: Path) -> Path:
    """A text file that makes ffmpeg open another file next to it (here: someone's upload)."""
    path = media_dir / "sneaky.mp4"
    path.write_text(f"ffconcat version 1.0\nfile {normal_mp4.name}\n")
    return path


@pytest.fixture(scope="session")
def shared_media() -> Path:
    return TEST_MEDIA
