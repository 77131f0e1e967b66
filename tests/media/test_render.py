"""render_variant and check_output: every platform's rules are met, captions stay inside the
safe area, phone videos come out upright, silent and VFR sources are normalised, failures and
cancellations leave nothing behind."""

from __future__ import annotations

import itertools
import threading
from pathlib import Path

import cv2
import numpy as np
import pytest

from tests.media.reader import decoded_frame_times, probe
from tests.media.render_helpers import gray_frame, platform_rules, shared
from workers.media import _captions
from workers.media.caption_layout import CaptionEvent, CaptionWord
from workers.media.check import check_output, top_level_boxes
from workers.media.cut import count_frames
from workers.media.errors import Cancelled
from workers.media.master import caption_area, master_spec, plan_masters, serves
from workers.media.render import CaptionsUnavailable, render_variant

pytest_plugins = ["tests.media.conftest_render"]

RULES = platform_rules()


def _event(start: float, end: float, text: str) -> CaptionEvent:
    """One caption event whose words share its time evenly."""
    words = text.split()
    step = (end - start) / len(words)
    row = tuple(
        CaptionWord(w, start + n * step, start + (n + 1) * step) for n, w in enumerate(words)
    )
    return CaptionEvent(start, end, (row,))


CAPTIONS = [_event(0.4, 2.4, "Somebody must have stolen the crown jewels, and all of them")]


def _bright_box(frame: np.ndarray) -> tuple[int, int, int, int] | None:
    ys, xs = np.nonzero(frame > 200)
    if len(xs) == 0:
        return None
    return int(xs.min()), int(ys.min()), int(xs.max()), int(ys.max())


@pytest.mark.parametrize("platform", sorted(RULES))
def test_render_meets_the_platform_rules_with_captions_in_the_safe_area(
    black_source: Path, tmp_path: Path, platform: str
) -> None:
    rules = RULES[platform]
    out, cover, preview = tmp_path / "v.mp4", tmp_path / "cover.jpg", tmp_path / "preview.mp4"
    result = render_variant(black_source, out, start=0.0, end=3.2, rules=rules,
                            captions=CAPTIONS, cover_path=cover, preview_path=preview)  # fmt: skip

    assert result.violations == []
    assert check_output(out, rules) == []
    assert result.captions_filter in ("subtitles", "drawtext")
    assert top_level_boxes(out).index("moov") < top_level_boxes(out).index("mdat")
    assert count_frames(out) == 96

    width, height = rules["width"], rules["height"]
    box = _bright_box(gray_frame(out, 1.5, (width, height)))
    assert box is not None, "no caption drawn"
    left, top, right, bottom = box
    safe, slack = rules["safe_area"], 8  # the outline may reach a few pixels past the text
    assert left >= safe["left"] * width - slack
    assert right <= (1 - safe["right"]) * width + slack
    assert top >= safe["top"] * height
    assert bottom <= (1 - safe["bottom"]) * height + slack
    assert bottom - top > 0.05 * height  # two lines of large text: readable on a phone
    assert _bright_box(gray_frame(out, 2.9, (width, height))) is None  # caption has ended

    preview_info = probe(preview)
    assert preview_info.video is not None
    assert preview_info.audio is not None
    assert (preview_info.video.width, preview_info.video.height) == (360, 640)
    assert preview.stat().st_size < out.stat().st_size
    cover_image = cv2.imread(str(cover))
    assert cover_image is not None
    assert cover_image.shape[:2] == (height, width)
    # The cover is picked around a third of the clip: its time is kept for the platforms.
    assert result.cover_offset_ms is not None
    assert 500 <= result.cover_offset_ms <= 1600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cover.jpg", "preview.mp4", "v.mp4"]


def test_portrait_phone_video_comes_out_upright(tmp_path: Path) -> None:
    """The -90 degree clip is the friday scene cropped and stored sideways: upright, the
    render must be found again inside the landscape original."""
    src = shared("portrait_rot-90_from_friday.mp4")
    landscape = shared("his_girl_friday_dialogue.mp4")
    out = tmp_path / "portrait.mp4"
    result = render_variant(src, out, start=1.0, end=3.0, rules=RULES["youtube"])
    assert result.violations == []
    info = probe(out)
    assert info.video is not None
    assert (info.video.width, info.video.height) == (1080, 1920)
    assert info.video.rotation == 0  # rotated once, by the decoder, and not tagged again

    original = gray_frame(landscape, 2.0, (640, 480))
    rendered = gray_frame(out, 1.0, (270, 480))
    upright = cv2.matchTemplate(original, rendered, cv2.TM_CCOEFF_NORMED).max()
    sideways = cv2.resize(cv2.rotate(rendered, cv2.ROTATE_90_CLOCKWISE), (270, 480))
    wrong = cv2.matchTemplate(original, sideways, cv2.TM_CCOEFF_NORMED).max()
    assert upright > 0.8
    assert wrong < 0.5


def test_a_source_without_audio_gets_a_silent_aac_track(
    silent_source: Path, tmp_path: Path
) -> None:
    out = tmp_path / "silent.mp4"
    result = render_variant(silent_source, out, start=0.0, end=3.5, rules=RULES["youtube"])
    assert result.violations == []
    info = probe(out)
    assert info.audio is not None
    assert (info.audio.codec, info.audio.sample_rate, info.audio.channels) == (
        "aac", 48000, "stereo",
    )  # fmt: skip


def test_vfr_source_comes_out_cfr(vfr_source: Path, tmp_path: Path) -> None:
    assert "variable frame rate (expected constant)" in check_output(vfr_source, RULES["tiktok"])
    out = tmp_path / "cfr.mp4"
    result = render_variant(vfr_source, out, start=0.5, end=3.5, rules=RULES["tiktok"])
    assert result.violations == []
    times = decoded_frame_times(out)
    assert len(times) == 90
    assert {round(b - a, 4) for a, b in itertools.pairwise(times)} == {0.0333}


def test_duration_is_capped_at_the_platform_maximum(silent_source: Path, tmp_path: Path) -> None:
    rules = {**RULES["youtube"], "max_duration_seconds": 2}
    out = tmp_path / "capped.mp4"
    result = render_variant(silent_source, out, start=0.0, end=3.5, rules=rules)
    assert result.truncated
    assert result.duration == 2
    assert count_frames(out) == 60
    assert result.violations == []


def test_check_output_names_what_is_wrong(wrong_file: Path) -> None:
    problems = " | ".join(check_output(wrong_file, RULES["instagram"]))
    for expected in ("video codec is mpeg4", "size is 640x360", "frame rate is 25",
                     "audio is ('aac', 22050, 1)", "not faststart", "profile is"):  # fmt: skip
        assert expected in problems


def test_progress_is_reported_and_cancel_stops_the_render(
    silent_source: Path, tmp_path: Path
) -> None:
    seen: list[float] = []
    render_variant(silent_source, tmp_path / "ok.mp4", start=0.0, end=3.0,
                   rules=RULES["youtube"], progress=seen.append)  # fmt: skip
    assert seen[-1] == 1.0
    assert seen == sorted(seen)

    cancel = threading.Event()
    threading.Timer(0.3, cancel.set).start()
    out = tmp_path / "cancelled.mp4"
    with pytest.raises(Cancelled):
        render_variant(silent_source, out, start=0.0, end=3.0, rules=RULES["youtube"],
                       cover_path=tmp_path / "c.jpg", cancel=cancel)  # fmt: skip
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ok.mp4"]  # no partial files


def test_drawtext_is_the_fallback_without_libass(
    black_source: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_captions, "available_filters", lambda _: frozenset({"drawtext"}))
    out = tmp_path / "drawtext.mp4"
    rules = RULES["tiktok"]
    result = render_variant(black_source, out, start=0.0, end=3.2, rules=rules,
                            captions=CAPTIONS)  # fmt: skip
    assert result.captions_filter == "drawtext"
    assert result.violations == []
    box = _bright_box(gray_frame(out, 1.5, (1080, 1920)))
    assert box is not None
    assert box[2] <= (1 - rules["safe_area"]["right"]) * 1080 + 8
    assert box[3] <= (1 - rules["safe_area"]["bottom"]) * 1920 + 8


def test_captions_without_a_caption_filter_fail_clearly(
    black_source: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_captions, "available_filters", lambda _: frozenset({"scale"}))
    with pytest.raises(CaptionsUnavailable, match="libass"):
        render_variant(black_source, tmp_path / "x.mp4", start=0.0, end=3.0,
                       rules=RULES["tiktok"], captions=CAPTIONS)  # fmt: skip
    assert list(tmp_path.iterdir()) == []


def test_one_captioned_master_fits_every_platforms_safe_area(
    black_source: Path, tmp_path: Path
) -> None:
    area = caption_area(RULES.values())
    out = tmp_path / "master.mp4"
    result = render_variant(black_source, out, start=0.0, end=3.2, rules=RULES["instagram"],
                            captions=CAPTIONS, caption_area=area)  # fmt: skip
    assert result.violations == []
    box = _bright_box(gray_frame(out, 1.5, (1080, 1920)))
    assert box is not None
    left, top, right, bottom = box
    for platform, rules in RULES.items():
        safe, slack = rules["safe_area"], 8
        assert left >= safe["left"] * 1080 - slack, platform
        assert right <= (1 - safe["right"]) * 1080 + slack, platform
        assert top >= safe["top"] * 1920, platform
        assert bottom <= (1 - safe["bottom"]) * 1920 + slack, platform
        assert check_output(out, rules) == [], platform


def test_platforms_with_the_same_encode_share_one_master() -> None:
    lines = [_event(1.0, 2.0, "hello there")]
    assert plan_masters(RULES, start=10.0, end=40.0, caption_lines=None) == [sorted(RULES)]
    assert plan_masters(RULES, start=10.0, end=40.0, caption_lines=lines) == [sorted(RULES)]
    # A cap that shortens the clip for one platform makes its render another file.
    capped = {**RULES, "youtube": {**RULES["youtube"], "max_duration_seconds": 20}}
    assert plan_masters(capped, start=10.0, end=40.0, caption_lines=None) == [
        ["instagram", "tiktok"], ["youtube"],
    ]  # fmt: skip
    # So does another encode field; a limit checked after the fact does not.
    sharper = {**RULES, "tiktok": {**RULES["tiktok"], "target_video_bitrate_kbps": 12000,
                                   "max_size_bytes": 10}}  # fmt: skip
    assert plan_masters(sharper, start=0.0, end=30.0, caption_lines=None) == [
        ["instagram", "youtube"], ["tiktok"],
    ]  # fmt: skip


def test_a_master_serves_a_platform_only_when_its_captions_fit_there() -> None:
    lines = [_event(1.0, 2.0, "hello there")]
    shared = caption_area(RULES.values())
    spec = master_spec(RULES["instagram"], start=0.0, end=30.0, caption_lines=lines,
                       caption_area=shared)  # fmt: skip
    assert all(serves(spec, spec, rules) for rules in RULES.values())
    # Rendered inside Instagram's own safe area only: TikTok's wider right margin is crossed.
    own = master_spec(RULES["instagram"], start=0.0, end=30.0, caption_lines=lines,
                      caption_area=None)  # fmt: skip
    assert serves(own, own, RULES["instagram"])
    assert not serves(own, spec, RULES["tiktok"])
    # Other words (a refined transcript), or none, are another render.
    other = master_spec(RULES["tiktok"], start=0.0, end=30.0,
                        caption_lines=[_event(1.0, 2.0, "hello their")],
                        caption_area=shared)  # fmt: skip
    assert not serves(spec, other, RULES["tiktok"])
    bare = master_spec(RULES["tiktok"], start=0.0, end=30.0, caption_lines=None,
                       caption_area=shared)  # fmt: skip
    assert not serves(spec, bare, RULES["tiktok"])
    assert not serves(None, bare, RULES["tiktok"])
