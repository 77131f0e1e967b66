"""Stretches cut out of a clip: the timeline arithmetic (workers/media/removals.py) and a real
render that plays only the kept segments, picture and sound, in one pass."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from tests.media.reader import probe
from tests.media.render_helpers import ffmpeg, platform_rules
from workers.media import render as render_module
from workers.media.caption_layout import CaptionEvent, CaptionWord
from workers.media.check import check_output
from workers.media.master import master_spec
from workers.media.removals import (
    kept_segments,
    played_duration,
    remap_events,
    remap_keypoints,
    to_played,
)
from workers.media.render import render_variant

pytest_plugins = ["tests.media.conftest_render"]

RULES = platform_rules()
FPS = 30


def test_kept_segments_are_the_clip_less_its_removed_ranges() -> None:
    assert kept_segments(10.0, 20.0, None) == [(10.0, 20.0)]
    assert kept_segments(10.0, 20.0, [(12.0, 13.0), (15.0, 15.5)]) == [
        (10.0, 12.0), (13.0, 15.0), (15.5, 20.0),
    ]  # fmt: skip
    # untidy input (unsorted, overlapping, reaching past the edges) is tidied, not trusted
    assert kept_segments(10.0, 20.0, [[15.0, 21.0], [9.0, 11.0], [14.0, 16.0]]) == [(11.0, 14.0)]
    assert played_duration(10.0, 20.0, [(12.0, 13.0), (15.0, 15.5)]) == 8.5


def test_to_played_shifts_by_what_was_cut_before() -> None:
    removed = [(12.0, 13.0), (15.0, 15.5)]
    assert to_played(11.0, 10.0, removed) == 1.0
    assert to_played(12.5, 10.0, removed) is None
    assert to_played(12.0, 10.0, removed) == 2.0  # both edges of a cut play, at the same time
    assert to_played(13.0, 10.0, removed) == 2.0
    assert to_played(16.0, 10.0, removed) == 4.5
    assert to_played(16.0, 10.0, None) == 6.0


def test_remap_keypoints_drops_removed_ones_and_shifts_the_rest() -> None:
    points = [(0.0, 0.3), (2.5, 0.9), (4.0, 0.5), (6.0, 0.6)]  # seconds from the clip start
    assert remap_keypoints(points, 10.0, [(12.0, 13.0)]) == [(0.0, 0.3), (3.0, 0.5), (5.0, 0.6)]
    assert remap_keypoints(None, 10.0, [(12.0, 13.0)]) is None


def test_remap_events_drops_removed_words_and_keeps_rows() -> None:
    words = [CaptionWord("so", 10.2, 10.5), CaptionWord("um", 11.0, 11.4)]
    second = (CaptionWord("what", 11.8, 12.1), CaptionWord("now", 12.2, 12.5))
    events = [
        CaptionEvent(10.2, 12.5, (tuple(words), second)),
        CaptionEvent(13.0, 13.4, ((CaptionWord("um", 13.0, 13.4),),)),  # only a filler: gone
    ]
    moved = remap_events(events, 10.0, [(10.75, 11.6), (12.8, 13.6)])
    assert len(moved) == 1
    [event] = moved
    assert [[w.text for w in row] for row in event.rows] == [["so"], ["what", "now"]]
    assert event.start == pytest.approx(0.2)
    assert event.rows[1][0].start == pytest.approx(11.8 - 10.0 - 0.85)
    assert event.end == pytest.approx(12.5 - 10.0 - 0.85)


def test_master_spec_names_removed_ranges_only_when_there_are_some() -> None:
    rules = RULES["tiktok"]
    plain = master_spec(rules, start=0.0, end=3.0, caption_lines=None, caption_area=None)
    assert "removed" not in plain
    empty = master_spec(rules, start=0.0, end=3.0, caption_lines=None, caption_area=None,
                        removed=[])  # fmt: skip
    assert empty == plain
    cut = master_spec(rules, start=0.0, end=3.0, caption_lines=None, caption_area=None,
                      removed=[(1.0, 2.0)])  # fmt: skip
    assert cut["removed"] == [[1.0, 2.0]]
    assert cut["duration"] == 2.0
    assert cut != plain


@pytest.fixture(scope="module")
def three_colours(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """3 s: a red second at 300 Hz, a green one at 1 kHz, a blue one at 3 kHz."""
    path = tmp_path_factory.mktemp("removals") / "colours.mp4"
    parts = [("red", 300), ("lime", 1000), ("blue", 3000)]
    inputs: list[str] = []
    for colour, freq in parts:
        inputs += ["-f", "lavfi", "-i", f"color={colour}:s=320x240:r={FPS}:d=1",
                   "-f", "lavfi", "-i", f"sine=f={freq}:d=1:sample_rate=48000"]  # fmt: skip
    ffmpeg(*inputs, "-filter_complex", "[0:v][1:a][2:v][3:a][4:v][5:a]concat=n=3:v=1:a=1[v][a]",
           "-map", "[v]", "-map", "[a]", "-c:v", "libx264", "-preset", "ultrafast",
           "-pix_fmt", "yuv420p", "-g", "15", "-c:a", "aac", "-y", str(path))  # fmt: skip
    return path


def _frame_colours(path: Path) -> list[str]:
    """The dominant colour of every decoded frame: "red", "green" or "blue"."""
    raw = ffmpeg("-i", str(path), "-map", "0:v:0", "-vf", "scale=16:16,format=rgb24",
                 "-f", "rawvideo", "pipe:1")  # fmt: skip
    frames = np.frombuffer(raw, np.uint8).reshape(-1, 16, 16, 3).mean(axis=(1, 2))
    return [("red", "green", "blue")[int(np.argmax(f))] for f in frames]


def _dominant_frequencies(path: Path, window: float = 0.1) -> list[float]:
    raw = ffmpeg("-i", str(path), "-map", "0:a:0", "-ac", "1", "-ar", "48000",
                 "-f", "s16le", "pipe:1")  # fmt: skip
    samples = np.frombuffer(raw, np.int16).astype(np.float64)
    size = int(48000 * window)
    found = []
    for at in range(0, len(samples) - size + 1, size):
        spectrum = np.abs(np.fft.rfft(samples[at : at + size]))
        found.append(float(np.argmax(spectrum)) / window)
    return found


def _audio_seconds(path: Path) -> float:
    raw = ffmpeg("-i", str(path), "-map", "0:a:0", "-ac", "1", "-ar", "48000",
                 "-f", "s16le", "pipe:1")  # fmt: skip
    return len(raw) / 2 / 48000


def test_a_removed_second_is_gone_from_picture_and_sound(
    three_colours: Path, tmp_path: Path
) -> None:
    rules = RULES["youtube"]  # Shorts may be 1 s long; Instagram and TikTok want 3 s
    out = tmp_path / "cut.mp4"
    seen: list[float] = []
    result = render_variant(three_colours, out, start=0.0, end=3.0, rules=rules,
                            removed=[(1.0, 2.0)], cover_path=tmp_path / "cover.jpg",
                            preview_path=tmp_path / "preview.mp4",
                            progress=seen.append)  # fmt: skip

    assert result.duration == pytest.approx(2.0)
    assert not result.truncated
    assert result.violations == []
    assert check_output(out, rules) == []
    facts = probe(out)
    assert facts.duration == pytest.approx(2.0, abs=1 / FPS + 0.03)

    colours = _frame_colours(out)
    assert abs(len(colours) - 2 * FPS) <= 1
    assert "green" not in colours
    switch = colours.index("blue")
    assert set(colours[:switch]) == {"red"}
    assert set(colours[switch:]) == {"blue"}
    assert abs(switch - FPS) <= 1

    assert _audio_seconds(out) == pytest.approx(len(colours) / FPS, abs=0.05)
    tones = _dominant_frequencies(out)
    # 300 Hz, then 3 kHz; never the removed second's 1 kHz (windows at the joins excepted)
    assert all(t == pytest.approx(300, abs=20) for t in tones[:9])
    assert all(t == pytest.approx(3000, abs=20) for t in tones[11:19])
    assert not any(t == pytest.approx(1000, abs=50) for t in tones)
    assert seen[-1] == 1.0
    assert all(0.0 <= s <= 1.0 for s in seen)
    assert _frame_colours(tmp_path / "preview.mp4").count("green") == 0


def test_a_silent_source_with_a_cut_gets_silence_of_the_played_length(
    silent_source: Path, tmp_path: Path
) -> None:
    rules = RULES["youtube"]
    out = tmp_path / "silent-cut.mp4"
    result = render_variant(silent_source, out, start=0.5, end=3.0, rules=rules,
                            removed=[(1.0, 1.5)])  # fmt: skip
    assert result.duration == pytest.approx(2.0)
    assert result.violations == []
    facts = probe(out)
    assert facts.audio is not None
    assert facts.duration == pytest.approx(2.0, abs=0.05)
    assert _audio_seconds(out) == pytest.approx(2.0, abs=0.05)


def test_captions_after_a_cut_move_up_and_cut_words_are_not_burned(
    three_colours: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    burned: list[list[CaptionEvent]] = []
    real = render_module.write_ass

    def keeping(path, events, *args, **kwargs):
        burned.append(list(events))
        return real(path, events, *args, **kwargs)

    monkeypatch.setattr(render_module, "write_ass", keeping)
    if render_module.caption_filter_kind() != "subtitles":
        pytest.skip("this ffmpeg burns captions with drawtext, not an ASS script")
    events = [
        CaptionEvent(0.2, 0.8, ((CaptionWord("red", 0.2, 0.8),),)),
        CaptionEvent(1.2, 1.8, ((CaptionWord("green", 1.2, 1.8),),)),
        CaptionEvent(2.2, 2.8, ((CaptionWord("blue", 2.2, 2.8),),)),
    ]
    result = render_variant(three_colours, tmp_path / "captioned.mp4", start=0.0, end=3.0,
                            rules=RULES["youtube"], captions=events,
                            removed=[(1.0, 2.0)])  # fmt: skip
    assert result.violations == []
    [written] = burned
    assert [e.text for e in written] == ["red", "blue"]
    assert (written[1].start, written[1].end) == (pytest.approx(1.2), pytest.approx(1.8))
