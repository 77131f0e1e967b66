"""Sources as they come from people: generated with ffmpeg so that what is awkward about each is
known by construction, and each fixture checks its own awkwardness with PyAV (not with the code
under test), so a fixture that came out tame fails instead of making its test meaningless.

Loaded with ``pytest_plugins`` by the modules that use it.
"""

from __future__ import annotations

import itertools
import random
import subprocess
from pathlib import Path

import av
import pytest

from core.ffmpeg import find_ffmpeg
from tests.media import reader
from tests.media.awkward_media import (
    DISC_RADIUS,
    DISC_SPEED,
    DISC_START,
    DISC_Y,
    DVD_DISPLAY,
    DVD_SAR,
    DVD_SIZE,
)
from tests.paths import TEST_MEDIA

GENERATE_TIMEOUT_SECONDS = 120


def _ffmpeg(*args: str) -> None:
    subprocess.run(
        [find_ffmpeg(None), "-hide_banner", "-nostdin", "-v", "error", "-y", *args],
        check=True,
        timeout=GENERATE_TIMEOUT_SECONDS,
        capture_output=True,
    )


def _video_start(path: Path) -> float:
    facts = reader.probe(path)
    assert facts.video is not None
    return facts.video.start or 0.0


@pytest.fixture(scope="session")
def awkward_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("awkward")


@pytest.fixture(scope="session")
def anamorphic_disc(awkward_dir: Path) -> Path:
    """4 s of a white disc (round as shown) moving right on dark grey, stored 704x576 at SAR
    16:11 as DVDs and DV cameras store a 16:9 picture; a tone beside it."""
    path = awkward_dir / "anamorphic_disc.mp4"
    width, height = DVD_DISPLAY
    inside = f"lt(hypot(X-({DISC_START}+{DISC_SPEED}*T),Y-{DISC_Y}),{DISC_RADIUS})"
    picture = (f"color=c=0x202020:s={width}x{height}:r=25:d=4,format=yuv420p,"
               f"geq=lum='if({inside},235,32)':cb=128:cr=128")  # fmt: skip
    _ffmpeg("-f", "lavfi", "-i", picture, "-f", "lavfi", "-i", "sine=f=330:d=4",
            "-vf", f"scale={DVD_SIZE[0]}:{DVD_SIZE[1]},setsar=16/11",
            "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p",
            "-c:a", "aac", str(path))  # fmt: skip
    facts = reader.probe(path).video
    assert facts is not None
    assert ((facts.width, facts.height), facts.sar) == (DVD_SIZE, DVD_SAR)
    return path


@pytest.fixture(scope="session")
def anamorphic_faces(awkward_dir: Path) -> tuple[Path, Path]:
    """The friday dialogue cut to 16:9 (its top, where the faces are), once with square pixels
    at 1024x576 and once squeezed into 704x576 at SAR 16:11: the same picture as shown."""
    square = awkward_dir / "faces_square.mp4"
    squeezed = awkward_dir / "faces_anamorphic.mp4"
    source = TEST_MEDIA / "his_girl_friday_dialogue.mp4"
    _ffmpeg("-i", str(source), "-vf", "crop=640:360:0:0,scale=1024:576,setsar=1", "-an",
            "-c:v", "libx264", "-preset", "ultrafast", "-crf", "12", str(square))  # fmt: skip
    _ffmpeg("-i", str(square), "-vf", "scale=704:576,setsar=16/11", "-an",
            "-c:v", "libx264", "-preset", "ultrafast", "-crf", "12", str(squeezed))  # fmt: skip
    facts = reader.probe(squeezed).video
    assert facts is not None
    assert facts.display_size == DVD_DISPLAY
    return square, squeezed


@pytest.fixture(scope="session")
def _plain_source(awkward_dir: Path) -> Path:
    """6 s, 320x240 25 fps H.264 with B-frames and a keyframe every 2 s, tone throughout."""
    path = awkward_dir / "plain.mp4"
    _ffmpeg("-f", "lavfi", "-i", "testsrc2=s=320x240:r=25:d=6",
            "-f", "lavfi", "-i", "sine=f=440:d=6", "-c:v", "libx264", "-preset", "veryfast",
            "-g", "50", "-keyint_min", "50", "-sc_threshold", "0", "-pix_fmt", "yuv420p",
            "-c:a", "aac", "-movflags", "+faststart", str(path))  # fmt: skip
    return path


@pytest.fixture(scope="session")
def split_mkv(awkward_dir: Path, _plain_source: Path) -> Path:
    """What a naive stream-copy splitter writes: every video packet before 1.3 s dropped, so
    the MKV's video starts mid-GOP (its references missing) at an odd time, after its audio."""
    path, cut = awkward_dir / "split.mkv", awkward_dir / "split-video.mkv"
    # Two steps that work on ffmpeg 5.1 as on later releases: copy the picture from 1.3 s on,
    # non-keyframes included, keeping its place in time; then put the whole sound beside it.
    _ffmpeg("-i", str(_plain_source), "-map", "0:v", "-ss", "1.3", "-c", "copy", "-copyinkf",
            "-output_ts_offset", "1.3", str(cut))  # fmt: skip
    _ffmpeg("-i", str(cut), "-i", str(_plain_source), "-map", "0:v", "-map", "1:a",
            "-c", "copy", "-copyts", "-f", "matroska", str(path))  # fmt: skip
    assert _video_start(path) > 1.0
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        first = next(p for p in container.demux(stream) if p.size)
        assert first.pts is not None
        assert stream.time_base is not None
        assert float(first.pts * stream.time_base) > 1.0
    return path


@pytest.fixture(scope="session")
def late_video_mp4(awkward_dir: Path) -> Path:
    """6 s of sound whose picture starts only 2 s in (its first video packet at 2.0 s)."""
    path = awkward_dir / "late_video.mp4"
    _ffmpeg("-f", "lavfi", "-i", "testsrc2=s=320x240:r=25:d=4",
            "-f", "lavfi", "-i", "sine=f=440:d=6", "-vf", "setpts=PTS+2/TB",
            "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p",
            "-c:a", "aac", str(path))  # fmt: skip
    assert _video_start(path) == pytest.approx(2.0, abs=0.05)
    return path


@pytest.fixture(scope="session")
def corrupt_frame_mp4(awkward_dir: Path, _plain_source: Path) -> Path:
    """The plain source with 4 KB in the middle of its media data overwritten by noise (the
    index, at the front, intact): a damaged frame and a damaged bit of sound."""
    data = bytearray(_plain_source.read_bytes())
    moov, mdat = data.find(b"moov"), data.find(b"mdat")
    assert 0 < moov < mdat < len(data) // 3
    middle = len(data) // 2
    data[middle : middle + 4096] = random.Random(7).randbytes(4096)
    path = awkward_dir / "corrupt_frame.mp4"
    path.write_bytes(bytes(data))
    decoded = subprocess.run(
        [find_ffmpeg(None), "-nostdin", "-v", "error", "-i", str(path), "-f", "null", "-"],
        capture_output=True, text=True, timeout=GENERATE_TIMEOUT_SECONDS, check=False,
    )  # fmt: skip
    assert decoded.stderr.strip(), "the damage went unnoticed by the decoder"
    return path


@pytest.fixture(scope="session")
def vfr_phone_mp4(awkward_dir: Path) -> Path:
    """4 s at 30 fps with frames dropped irregularly (timestamps kept, as phones do when
    the light drops), with sound."""
    path = awkward_dir / "vfr_phone.mp4"
    _ffmpeg("-f", "lavfi", "-i", "testsrc2=s=320x240:r=30:d=4",
            "-f", "lavfi", "-i", "sine=f=440:d=4",
            "-vf", "select='not(eq(mod(n,7),3))*not(eq(mod(n,5),1))'",
            "-fps_mode", "passthrough", "-c:v", "libx264", "-preset", "ultrafast",
            "-c:a", "aac", str(path))  # fmt: skip
    times = reader.decoded_frame_times(path)
    steps = {round(b - a, 3) for a, b in itertools.pairwise(times)}
    assert len(steps) > 1, "fixture is not VFR"
    return path
