"""smart_cut on sources that are awkward to cut: each is cut frame-exact (checked on the burned-in
frame numbers and with an independent decoder) or re-encoded whole, never a broken file."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.media.cut_helpers import independent_frame_count, video_offset
from tests.media.render_helpers import SOURCE_FPS, ffmpeg, read_barcodes
from workers.media.cut import smart_cut

pytest_plugins = ["tests.media.conftest_render"]


@pytest.fixture(scope="module")
def variants(barcode_source: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The barcode source (GOP 60, B-frames) remuxed or re-encoded with awkward settings."""
    folder = tmp_path_factory.mktemp("cut-awkward")
    encodes = {
        # one keyframe at 0 for the whole 10 s: every later GOP is longer than a clip
        "long_gop.mp4": ["-g", "600", "-keyint_min", "600", "-sc_threshold", "0"],
        # open GOPs: the I-frames after the first have leading B-frames that reference the
        # previous GOP, so a copy cannot start on them
        "open_gop.mp4": ["-x264-params", "open-gop=1:keyint=60:min-keyint=60:scenecut=0"],
        # no B-frames: decode order is display order, the copy runs to the very last frame
        "p_only.mp4": ["-bf", "0", "-g", "60", "-keyint_min", "60", "-sc_threshold", "0"],
    }
    paths = {}
    for name, options in encodes.items():
        paths[name] = folder / name
        ffmpeg("-i", str(barcode_source), "-c:v", "libx264", "-preset", "veryfast",
               "-pix_fmt", "yuv420p", *options, "-c:a", "copy", "-y", str(paths[name]))  # fmt: skip
    # Matroska keeps milliseconds: 1/30 s frames fall on 33 and 34 ms steps.
    paths["remux.mkv"] = folder / "remux.mkv"
    ffmpeg("-i", str(barcode_source), "-c", "copy", "-y", str(paths["remux.mkv"]))
    return paths


def cut_and_check(src: Path, out: Path, start: float, end: float) -> str:
    result = smart_cut(src, out, start, end)
    offset = video_offset(src)
    # A remuxed MKV may start its video a little after the file (ffmpeg 5.1 does, by 21 ms):
    # frame n is shown at offset + n / fps on the timeline the cut is asked in.
    first = max(0, round((start - offset) * SOURCE_FPS))
    expected = round((end - offset) * SOURCE_FPS) - first
    assert read_barcodes(out) == list(range(first, first + expected))
    assert independent_frame_count(out) == expected == result.frames
    return result.method


@pytest.mark.parametrize(("start", "end"), [(0.0, 4.0), (1.37, 8.2), (6.1, 10.0)])
def test_matroska_source(
    variants: dict[str, Path], tmp_path: Path, start: float, end: float
) -> None:
    assert cut_and_check(variants["remux.mkv"], tmp_path / "clip.mp4", start, end) == "smart"


def test_gop_longer_than_the_clip(variants: dict[str, Path], tmp_path: Path) -> None:
    assert cut_and_check(variants["long_gop.mp4"], tmp_path / "a.mp4", 2.5, 6.0) == "reencode"
    # from the start the one keyframe is inside the clip: copied from it
    assert cut_and_check(variants["long_gop.mp4"], tmp_path / "b.mp4", 0.0, 3.0) == "smart"


def test_open_gop_source(variants: dict[str, Path], tmp_path: Path) -> None:
    cut_and_check(variants["open_gop.mp4"], tmp_path / "a.mp4", 1.2, 7.5)
    cut_and_check(variants["open_gop.mp4"], tmp_path / "b.mp4", 0.0, 5.0)


def test_source_without_b_frames_needs_no_tail(variants: dict[str, Path], tmp_path: Path) -> None:
    out = tmp_path / "clip.mp4"
    result = smart_cut(variants["p_only.mp4"], out, 1.5, 7.3)
    assert (result.method, result.head_frames, result.tail_frames) == ("smart", 15, 0)
    assert read_barcodes(out) == list(range(45, 219))
    assert independent_frame_count(out) == 174


@pytest.mark.parametrize(
    "name",
    ["long_gop.mp4", "open_gop.mp4", "remux.mkv", "p_only.mp4"],
)
def test_clip_at_the_very_end(variants: dict[str, Path], tmp_path: Path, name: str) -> None:
    cut_and_check(variants[name], tmp_path / "end.mp4", 7.4, 10.0)
