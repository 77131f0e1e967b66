"""Sources as they come: non-square pixels analysed and rendered in the shape people see, and
awkward files (a stream-copy split, a late picture, a variable frame rate, a damaged frame)
probed, analysed and rendered. Every result is read back with PyAV, not with our own probe."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest

from tests.media import reader
from tests.media.awkward_media import (
    AWKWARD,
    DISC_RADIUS,
    DISC_Y,
    DVD_DISPLAY,
    DVD_SAR,
    DVD_SIZE,
    disc_x,
)
from tests.media.render_helpers import gray_frame, platform_rules
from workers.media.analyze import analyze_media
from workers.media.faces import MAX_WIDTH, detect_faces
from workers.media.grey import grey_frames
from workers.media.probe import probe
from workers.media.reframe import follow_subject
from workers.media.render import render_variant

pytest_plugins = ["tests.media.conftest_awkward"]

RULES = platform_rules()


class _NoSpeech:
    """Analysis settings without speech recognition (not what these files are about)."""

    ffmpeg_path = None
    ffmpeg_timeout_seconds = 120.0
    openai_api_key = None
    speech_engine = "none"
    transcription_base_url = None
    transcription_model = "whisper-1"
    transcription_api_key = None


def _bright_box(frame: np.ndarray) -> tuple[float, float, int, int]:
    """Centre x, centre y, width and height of the bright pixels."""
    ys, xs = np.nonzero(frame > 128)
    assert len(xs), "no bright object in the frame"
    return (float(xs.mean()), float(ys.mean()), int(xs.max() - xs.min() + 1),
            int(ys.max() - ys.min() + 1))  # fmt: skip


# --- non-square pixels ---------------------------------------------------------------------


def test_an_anamorphic_source_is_described_in_its_display_geometry(anamorphic_disc: Path) -> None:
    info = probe(anamorphic_disc)
    facts = reader.probe(anamorphic_disc).video
    assert facts is not None

    assert (info.width, info.height) == DVD_SIZE == (facts.width, facts.height)
    assert info.video.sar == DVD_SAR == facts.sar
    assert (info.display_width, info.display_height) == DVD_DISPLAY == facts.display_size
    assert info.display_size_within(MAX_WIDTH) == (320, 180)


def test_analysis_frames_show_the_disc_round_where_it_is(anamorphic_disc: Path) -> None:
    info = probe(anamorphic_disc)
    width, height = info.display_size_within(MAX_WIDTH)
    frames = grey_frames(anamorphic_disc, info, width=width, height=height, ffmpeg_path=None,
                         timeout=60, progress=None, cancel=None)  # fmt: skip
    x, y, box_w, box_h = _bright_box(frames[0])
    scale = width / DVD_DISPLAY[0]
    assert x == pytest.approx(disc_x(0) * scale, abs=1.5)
    assert y == pytest.approx(DISC_Y * scale, abs=1.5)
    assert box_w == pytest.approx(2 * DISC_RADIUS * scale, abs=2)
    assert box_w == pytest.approx(box_h, abs=2)  # round, not squeezed to 11/16 of its width


def test_faces_are_found_where_they_are_shown(anamorphic_faces: tuple[Path, Path]) -> None:
    """The same picture stored with square and with 16:11 pixels: faces in the same places,
    with boxes about square as shown (searched in the stored 704x576 shape, a face is squeezed
    to 11/16 of its width and its box reported ~1.45x wider than tall)."""
    square, squeezed = anamorphic_faces
    reference = detect_faces(square, probe(square))
    found = detect_faces(squeezed, probe(squeezed))
    assert sum(sample.count for sample in found) >= 2
    width, height = DVD_DISPLAY
    matched = 0
    for ours, theirs in zip(found, reference, strict=True):
        assert ours.time == theirs.time
        for box in ours.boxes:
            assert box[2] * width / (box[3] * height) == pytest.approx(1.0, abs=0.15)
            near = [
                e
                for e in theirs.boxes
                if max(abs(a - b) for a, b in zip(box, e, strict=True)) < 0.03
            ]
            matched += bool(near)
    assert matched >= 2  # the same faces as in the square-pixel copy, in the same places


def test_reframing_and_render_work_in_display_geometry(
    anamorphic_disc: Path, tmp_path: Path
) -> None:
    path = follow_subject(anamorphic_disc)
    assert path.source_size == DVD_DISPLAY
    assert path.crop_width_fraction == pytest.approx(576 * 9 / 16 / 1024, abs=0.002)
    assert path.method == "motion"
    half = path.crop_width_fraction / 2
    for t, x in path.keypoints[3:-3]:
        target = min(1 - half, max(half, disc_x(t) / DVD_DISPLAY[0]))
        assert x == pytest.approx(target, abs=0.08)

    out = tmp_path / "vertical.mp4"
    result = render_variant(anamorphic_disc, out, start=0.0, end=4.0, rules=RULES["youtube"],
                            crop_path=path)  # fmt: skip
    assert result.violations == []
    facts = reader.probe(out).video
    assert facts is not None
    assert (facts.width, facts.height, facts.sar) == (1080, 1920, Fraction(1))
    x, _, box_w, box_h = _bright_box(gray_frame(out, 2.0, (1080, 1920)))
    assert box_w == pytest.approx(box_h, rel=0.04)  # a circle stays round
    assert box_h == pytest.approx(2 * DISC_RADIUS * 1920 / 576, rel=0.04)
    assert x == pytest.approx(540, abs=1080 * 0.1)  # followed: near the middle


# --- awkward files -------------------------------------------------------------------------


@pytest.mark.parametrize("fixture", AWKWARD)
def test_awkward_sources_probe_analyse_and_render(
    request: pytest.FixtureRequest, tmp_path: Path, fixture: str
) -> None:
    source: Path = request.getfixturevalue(fixture)
    facts = reader.probe(source)
    assert facts.video is not None
    assert facts.duration is not None

    info = probe(source)
    assert (info.display_width, info.display_height) == facts.video.display_size
    assert info.duration == pytest.approx(facts.duration, abs=0.1)
    assert info.is_vfr == (fixture == "vfr_phone_mp4")

    analysis = analyze_media(source, info, workdir=tmp_path, settings=_NoSpeech())
    timeline = analysis.timeline
    assert timeline.duration == info.duration
    # The picture is analysed over the whole file, on the file's timeline (a late picture is
    # held from 0 s, so motion and cuts line up with the sound).
    assert len(timeline.motion) >= int(info.duration)
    assert timeline.motion[-1][0] < info.duration
    assert timeline.loudness
    assert all(0 <= shot < info.duration for shot in timeline.shots)

    out = tmp_path / "clip.mp4"
    end = info.duration - 0.5
    result = render_variant(source, out, start=0.5, end=end, rules=RULES["youtube"])
    assert result.violations == []
    rendered = reader.probe(out)
    assert rendered.video is not None
    assert rendered.audio is not None
    assert (rendered.video.width, rendered.video.height) == (1080, 1920)
    frames = reader.count_frames(out)
    assert frames == pytest.approx((end - 0.5) * RULES["youtube"]["fps"], abs=1)
