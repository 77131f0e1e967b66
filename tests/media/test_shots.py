"""Shot detection on sources whose cuts are known by construction: a cut only colour shows, a
cross-dissolve that is not a cut, a cut on a frame the coarse pass skips, variable frame rate,
and a source long enough to be split into time ranges on both cores."""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np
import pytest

from tests.media.conftest import generate, presentation_intervals
from workers.media.errors import Cancelled
from workers.media.frames import analyze_frames
from workers.media.probe import probe
from workers.media.shots.change import features, light_change
from workers.media.shots.packets import scan_packets
from workers.media.shots.plan import split_ranges
from workers.media.shots.tiny import decode_tiny

SMALL = "size=320x180:rate=25"
X264 = ("-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p")


def _found(shots: list[float], cut: float, fps: float) -> bool:
    return any(abs(shot - cut) <= 0.5 / fps + 1e-3 for shot in shots)


@pytest.fixture(scope="module")
def colour_only_cut(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same moving picture throughout; at 3.0 s its hues turn by 150 degrees. The hue
    filter leaves the luminance plane as it was, so grey frames cannot see this cut."""
    path = tmp_path_factory.mktemp("shots") / "colour_cut.mp4"
    generate(
        *("-f", "lavfi", "-i", f"testsrc2={SMALL}:duration=6"),
        *("-vf", "hue=h='if(gte(t,3),150,0)'", *X264, str(path)),
    )
    return path


def test_a_cut_only_colour_shows_is_found(colour_only_cut: Path) -> None:
    info = probe(colour_only_cut)
    frames = decode_tiny(colour_only_cut, info, ffmpeg_path=None, timeout=60)
    at_cut = int(np.argmin(np.abs(frames.times - 3.0)))
    feats = features(frames)
    light = light_change(feats, np.array([at_cut - 1]), np.array([at_cut]))
    assert light[0] < 0.02  # the fixture is what it claims: the light did not change
    analysis = analyze_frames(colour_only_cut, info)
    assert analysis.shots == [pytest.approx(3.0, abs=0.5 / 25 + 1e-3)]


def test_a_cross_dissolve_is_not_a_cut(tmp_path: Path) -> None:
    path = tmp_path / "dissolve.mp4"
    generate(
        *("-f", "lavfi", "-i", f"testsrc2={SMALL}:duration=4"),
        *("-f", "lavfi", "-i", f"smptehdbars={SMALL}:duration=4"),
        *("-filter_complex", "[0:v][1:v]xfade=transition=fade:duration=1.2:offset=2"),
        *X264,
        str(path),
    )
    info = probe(path)
    assert analyze_frames(path, info).shots == []


def test_a_fade_through_black_is_not_a_cut(tmp_path: Path) -> None:
    path = tmp_path / "fade.mp4"
    generate(
        *("-f", "lavfi", "-i", f"testsrc2={SMALL}:duration=5"),
        *("-vf", "fade=out:st=1.5:d=1,fade=in:st=2.5:d=1", *X264, str(path)),
    )
    assert analyze_frames(path, probe(path)).shots == []


@pytest.fixture(scope="module")
def cut_on_a_skipped_frame(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A hard cut at frame 51 of a fixed I-P-B-B-B pattern without scene-cut keyframes: frame
    51 is a B-frame nothing refers to, so the coarse pass never decodes it."""
    path = tmp_path_factory.mktemp("shots") / "skipped.mp4"
    generate(
        *("-f", "lavfi", "-i", f"testsrc2={SMALL}:duration=2.04"),
        *("-t", "2", "-f", "lavfi", "-i", f"mandelbrot={SMALL}"),
        *("-filter_complex", "[0:v][1:v]concat=n=2:v=1[v]", "-map", "[v]"),
        *("-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p"),
        *("-x264-params", "scenecut=0:keyint=250:bframes=3:b-adapt=0:b-pyramid=normal"),
        str(path),
    )
    return path


def test_a_cut_between_decoded_frames_lands_on_its_exact_frame(
    cut_on_a_skipped_frame: Path,
) -> None:
    info = probe(cut_on_a_skipped_frame)
    coarse = decode_tiny(
        cut_on_a_skipped_frame, info, reference_only=True, ffmpeg_path=None, timeout=60
    )
    assert not np.any(np.abs(coarse.times - 2.04) < 0.01)  # the coarse pass steps over it
    analysis = analyze_frames(cut_on_a_skipped_frame, info)
    assert analysis.shots == [pytest.approx(2.04, abs=1e-3)]


def test_variable_frame_rate_cuts_keep_their_times(tmp_path: Path) -> None:
    path = tmp_path / "vfr_cut.mp4"
    generate(
        *("-f", "lavfi", "-i", "testsrc2=size=320x180:rate=30:duration=2"),
        *("-t", "2", "-f", "lavfi", "-i", "mandelbrot=size=320x180:rate=10"),
        *("-filter_complex", "[0:v]settb=1/90000[a];[1:v]settb=1/90000[b];[a][b]concat=n=2:v=1"),
        *("-fps_mode", "vfr", *X264, str(path)),
    )
    intervals = presentation_intervals(path)
    assert max(intervals) > 2.5 * min(intervals), "the fixture is not VFR"
    info = probe(path)
    analysis = analyze_frames(path, info)
    assert analysis.shots == [pytest.approx(2.0, abs=1e-3)]
    assert [second for second, _ in analysis.motion] == [0.0, 1.0, 2.0, 3.0]


@pytest.fixture(scope="module")
def long_source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """50 s with cuts at 20 s and 37 s and a keyframe every 2 s: long enough for two ranges."""
    path = tmp_path_factory.mktemp("shots") / "long.mp4"
    generate(
        *("-f", "lavfi", "-i", "testsrc2=size=160x90:rate=25:duration=20"),
        *("-t", "17", "-f", "lavfi", "-i", "mandelbrot=size=160x90:rate=25"),
        *("-f", "lavfi", "-i", "smptehdbars=size=160x90:rate=25:duration=13"),
        *("-filter_complex", "[0:v][1:v][2:v]concat=n=3:v=1[v]", "-map", "[v]"),
        *X264,
        *("-g", "50", str(path)),
    )
    return path


def test_a_long_source_is_split_on_keyframes_and_joined_without_a_seam(
    long_source: Path,
) -> None:
    info = probe(long_source)
    index = scan_packets(long_source, info, ffmpeg_path=None, timeout=60)
    ranges = split_ranges(index, info.duration, 2)
    assert len(ranges) == 2
    assert ranges[1][0] in set(np.round(index.keyframes, 6))
    seen: list[float] = []
    analysis = analyze_frames(long_source, info, progress=seen.append)
    assert [round(cut, 2) for cut in analysis.shots] == [20.0, 37.0]
    assert seen == sorted(seen)
    assert seen[-1] == pytest.approx(info.duration, abs=0.1)
    assert len(analysis.motion) == 50
    # Every second moves (testsrc2 and the bars' noise): no range left a hole.
    assert all(energy > 0 for _, energy in analysis.motion[:37])


def test_cancelling_stops_the_detection(long_source: Path) -> None:
    info = probe(long_source)
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(Cancelled):
        analyze_frames(long_source, info, cancel=cancel)
