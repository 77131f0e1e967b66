"""follow_subject: faces first, motion second, centre last; smooth, inside the frame, upright;
and a render that follows the path keeps the subject in the middle of the vertical frame."""

from __future__ import annotations

import itertools
import math
import subprocess
from pathlib import Path

import numpy as np
import pytest

from tests.media.render_helpers import ffmpeg, gray_frame, platform_rules, shared
from workers.media import _smooth
from workers.media._graph import centre_expression, crop_filter, simplify
from workers.media.reframe import follow_subject
from workers.media.render import render_variant

pytest_plugins = ["tests.media.conftest_render"]


@pytest.fixture(scope="module")
def moving_square(media_dir: Path) -> Path:
    """A white square crossing a dark 640x360 frame left to right at 90 px/s, no faces."""
    path = media_dir / "moving.mp4"
    ffmpeg("-f", "lavfi", "-i", "color=c=0x202020:s=640x360:r=30:d=6[bg];"
           "color=c=white:s=60x60:r=30:d=6[sq];[bg][sq]overlay=x='40+t*90':y=150",
           "-c:v", "libx264", "-preset", "ultrafast", "-y", str(path))  # fmt: skip
    return path


def _square_centre(t: float) -> float:
    return (40 + t * 90 + 30) / 640


def _assert_smooth(path: list[tuple[float, float]]) -> None:
    for (t0, x0), (t1, x1) in itertools.pairwise(path):
        assert abs(x1 - x0) <= _smooth.MAX_SPEED * (t1 - t0) + 1e-3


def test_a_face_off_centre_is_followed(media_dir: Path) -> None:
    """The GRID talker padded into a wide frame: his face sits at about 0.84 of the width."""
    wide = media_dir / "grid_wide.mp4"
    ffmpeg("-i", str(shared("grid_swwp2s_talking_head.mpg")), "-vf", "pad=1280:288:860:0",
           "-c:v", "libx264", "-preset", "ultrafast", "-an", "-y", str(wide))  # fmt: skip
    path = follow_subject(wide)
    assert path.method == "faces"
    assert path.face_samples >= len(path.keypoints) * 0.8
    assert all(x == pytest.approx(0.83, abs=0.04) for _, x in path.keypoints)


def test_motion_is_followed_without_faces(moving_square: Path) -> None:
    path = follow_subject(moving_square)
    assert path.method == "motion"
    half = path.crop_width_fraction / 2
    for t, x in path.keypoints[3:-3]:
        assert x == pytest.approx(min(1 - half, max(half, _square_centre(t))), abs=0.08)
    _assert_smooth(path.keypoints)


def test_dialogue_keeps_the_speakers_and_ignores_the_wall_clock() -> None:
    """In the friday scene the frontal cascade also fires on a clock (x ~ 0.33) all along."""
    path = follow_subject(shared("his_girl_friday_dialogue.mp4"), end=4.0)
    assert path.method == "faces"
    half = path.crop_width_fraction / 2
    assert abs(path.keypoints[0][1] - 0.68) < half  # the standing woman is in the window
    assert all(x > 0.45 for _, x in path.keypoints)
    _assert_smooth(path.keypoints)


def test_portrait_video_needs_no_horizontal_crop() -> None:
    """Displayed 270x480 once the -90 degree matrix is applied: already 9:16."""
    path = follow_subject(shared("portrait_rot-90_from_friday.mp4"))
    assert path.source_size == (270, 480)
    assert path.method == "full-width"
    assert path.keypoints == [(0.0, 0.5)]


def test_a_shot_cut_jumps_instead_of_panning() -> None:
    values: list[float | None] = [0.2] * 10 + [0.8] * 10
    path = _smooth.smooth_path(values, [10], 1 / 3, low=0.1, high=0.9)
    assert path[9] == pytest.approx(0.2, abs=0.01)
    assert path[10] == pytest.approx(0.8, abs=0.01)


def test_small_wobble_does_not_move_the_camera() -> None:
    values: list[float | None] = [0.5 + 0.015 * (-1) ** k for k in range(30)]
    path = _smooth.smooth_path(values, [], 1 / 3, low=0.1, high=0.9)
    assert max(path) - min(path) < 0.005


def test_crop_expression_interpolates_the_keypoints() -> None:
    points = [(0.0, 0.2), (1.0, 0.2), (2.0, 0.6), (3.0, 0.6), (3.5, 0.61)]
    assert simplify(points, 0.02) == [(0.0, 0.2), (1.0, 0.2), (2.0, 0.6), (3.5, 0.61)]
    expression = centre_expression(points)
    env = {"clip": lambda v, lo, hi: min(hi, max(lo, v))}
    for t, expected in [(-1, 0.2), (0.5, 0.2), (1.5, 0.4), (2.0, 0.6), (9.0, 0.61)]:
        assert eval(expression, env, {"t": t}) == pytest.approx(expected, abs=0.003)  # noqa: S307


def test_a_subject_that_never_stops_moving_still_renders() -> None:
    """A minute of a subject always on the move keeps a keypoint per sample (180): ffmpeg's
    expression parser refuses a sum that long, so the path is simplified more coarsely until
    ffmpeg takes it, and still follows the subject."""
    points = [(k / 3, 0.5 + 0.3 * math.sin(k / 7) + 0.01 * (-1) ** k) for k in range(180)]
    expression = centre_expression(points)
    env = {"clip": lambda v, lo, hi: min(hi, max(lo, v))}
    for t, x in points:
        assert eval(expression, env, {"t": t}) == pytest.approx(x, abs=0.03)  # noqa: S307
    run = subprocess.run(
        ["ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc=size=1280x720:rate=10",
         "-t", "2", "-vf", crop_filter(points), "-f", "null", "-"],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr[-500:]


def test_render_follows_the_subject(moving_square: Path, tmp_path: Path) -> None:
    path = follow_subject(moving_square)
    out = tmp_path / "follow.mp4"
    rules = platform_rules()["youtube"]
    result = render_variant(moving_square, out, start=0.0, end=6.0, rules=rules, crop_path=path)
    assert result.violations == []
    for t in (1.5, 3.0, 4.5):
        frame = gray_frame(out, t, (270, 480))
        xs = np.nonzero(frame > 200)[1]
        assert len(xs) > 0, f"the square left the frame at {t}s"
        assert xs.mean() == pytest.approx(135, abs=55)  # near the middle of the 270 px width
