"""Clip edges on real speech, before any transcript: never inside a word (word times from the
fixtures' ATTRIBUTION.md)."""

from __future__ import annotations

from pathlib import Path

import pytest

from backend.rules.defaults import PLATFORM_RULES_V1, SCORING_WEIGHTS_V1
from workers.media.audio import analyze_audio
from workers.media.clips import find_clips
from workers.media.probe import probe
from workers.media.segment import candidates
from workers.media.timeline import Timeline

GRID_WORDS = [
    ("set", 0.49, 0.77),
    ("white", 0.77, 1.09),
    ("with", 1.09, 1.22),
    ("P", 1.22, 1.44),
    ("two", 1.44, 1.73),
    ("soon", 1.73, 2.21),
]
FRIDAY_PHRASE_ENDS = [1.0, 1.5, 3.0, 4.3, 6.0]


def _sound_only(path: Path) -> Timeline:
    """The timeline the first stage gives: sound, no words."""
    info = probe(path)
    audio = analyze_audio(path, info)
    return Timeline(
        info.duration,
        silences=audio.silences,
        loudness=audio.loudness,
        pauses=audio.pauses,
    )


def test_the_grid_sentence_is_cut_whole(shared_media):
    timeline = _sound_only(shared_media / "grid_swwp2s_talking_head.mpg")
    [clip] = find_clips(
        timeline,
        weights=SCORING_WEIGHTS_V1,
        rules=PLATFORM_RULES_V1,
        min_seconds=15,
        max_seconds=60,
        top_n=10,
    )
    assert clip.start <= 0.49
    assert clip.end >= 2.21
    for _, a, b in GRID_WORDS:
        assert not a < clip.start < b
        assert not a < clip.end < b


def test_the_envelope_finds_the_gaps_between_friday_phrases(shared_media):
    timeline = _sound_only(shared_media / "his_girl_friday_dialogue.mp4")
    assert timeline.silences == []  # a noisy film soundtrack: never quiet enough for that
    # The pause after "Tell me, is the lord of the universe in?" (before "Yes") is found.
    assert any(a <= 3.0 + 0.15 and b >= 3.0 - 0.15 for a, b in timeline.pauses), timeline.pauses


@pytest.mark.parametrize(("low", "high"), [(2.6, 3.4), (2.0, 3.5)])
def test_a_forced_short_friday_clip_ends_between_phrases(shared_media, low, high):
    """Today's fallback cut at start + maximum length, in the middle of "Yes, he's in"."""
    timeline = _sound_only(shared_media / "his_girl_friday_dialogue.mp4")
    from_start = [c for c in candidates(timeline, low, high) if c.start == 0.0]
    assert from_start
    longest = max(from_start, key=lambda c: c.end)
    assert any(abs(longest.end - end) <= 0.15 for end in FRIDAY_PHRASE_ENDS), longest
    for clip in candidates(timeline, low, high):
        for edge in (clip.start, clip.end):
            inside_gap = any(a <= edge <= b for a, b in timeline.pauses)
            assert inside_gap or edge in (0.0, timeline.duration), (clip, timeline.pauses)
