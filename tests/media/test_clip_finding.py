"""Clip finding on timelines with known cuts, silences and words."""

from __future__ import annotations

import itertools
import random

import pytest

from workers.media.clips import find_clips
from workers.media.scoring import FeatureExtractor, duration_fit, score_clip
from workers.media.segment import (
    Candidate,
    boundaries,
    candidates,
    pick_without_overlap,
    snap_to_words,
)
from workers.media.timeline import Timeline, Word

RULES = {
    "instagram": {
        "min_duration_seconds": 3,
        "max_duration_seconds": 900,
        "ideal_duration_seconds": [15, 60],
    },
    "youtube": {
        "min_duration_seconds": 1,
        "max_duration_seconds": 180,
        "ideal_duration_seconds": [20, 60],
    },
}
WEIGHTS = {
    "instagram": {
        "hook": 0.3,
        "cut_rate": 0.1,
        "speech_density": 0.2,
        "silence_ratio": -0.2,
        "motion": 0.1,
        "faces": 0.1,
        "duration_fit": 0.2,
    },
    "youtube": {"hook": 0.1, "speech_density": 0.3, "duration_fit": 0.3},
}


def _talk(duration: float, seed: int = 1) -> Timeline:
    """A two-minute composite: cuts every ~11 s, a silence every ~20 s, words in between."""
    rng = random.Random(seed)
    shots = [
        round(t, 3) for t in (11.2 * k for k in range(1, int(duration / 11.2))) if t < duration
    ]
    silences = [(20.0 * k, 20.0 * k + 0.8) for k in range(1, int(duration / 20))]
    words, t = [], 0.3
    while t < duration - 0.5:
        if any(a - 0.1 <= t <= b for a, b in silences):
            t += 0.9
            continue
        length = rng.uniform(0.15, 0.45)
        words.append(Word("w", round(t, 3), round(t + length, 3)))
        t += length + rng.choice([0.02, 0.05, 0.3])
    loudness = [(s / 10, -20.0 + 5 * rng.random()) for s in range(int(duration * 10))]
    motion = [(float(s), rng.random()) for s in range(int(duration))]
    faces = [(float(s), 1 if s % 3 else 0) for s in range(int(duration))]
    return Timeline(duration, shots, silences, loudness, motion, faces, words)


def test_boundaries_never_fall_inside_a_word():
    timeline = _talk(120)
    starts, ends = boundaries(timeline)
    assert len(starts) > 10
    assert len(ends) > 10
    for t in starts + ends:
        assert not any(w.start + 0.02 < t < w.end - 0.02 for w in timeline.words or [])


def test_candidates_respect_length_bounds_and_boundaries():
    timeline = _talk(120)
    starts, ends = boundaries(timeline)
    found = candidates(timeline, 15, 60)
    assert found
    for clip in found:
        assert 15 <= clip.duration <= 60
        assert clip.start in starts
        assert clip.end in ends


def test_find_clips_returns_top_n_best_first_without_overlap():
    clips = find_clips(
        _talk(120), weights=WEIGHTS, rules=RULES, min_seconds=15, max_seconds=60, top_n=10
    )
    assert 1 <= len(clips) <= 10
    scores = [c.score for c in clips]
    assert scores == sorted(scores, reverse=True)
    spans = sorted((c.start, c.end) for c in clips)
    for (_, end), (start, _) in itertools.pairwise(spans):
        assert end <= start
    best = clips[0]
    assert set(best.scores) == {"instagram", "youtube"}
    assert set(best.features) == {
        "hook",
        "cut_rate",
        "speech_density",
        "silence_ratio",
        "motion",
        "faces",
    }


def test_short_source_gives_one_clip_trimmed_of_silence():
    timeline = Timeline(6.0, silences=[(0.0, 0.49), (5.2, 6.0)], loudness=[(1.0, -20.0)])
    [clip] = candidates(timeline, 15, 60)
    # A little of each silence is kept, so the first and last sounds keep attack and decay.
    assert (clip.start, clip.end) == (0.34, 5.35)
    scored = find_clips(
        timeline, weights=WEIGHTS, rules=RULES, min_seconds=15, max_seconds=60, top_n=10
    )
    assert [(c.start, c.end) for c in scored] == [(0.34, 5.35)]


def test_entirely_silent_short_source_keeps_everything():
    [clip] = candidates(Timeline(4.0, silences=[(0.0, 4.0)]), 15, 60)
    assert (clip.start, clip.end) == (0.0, 4.0)


def test_single_take_without_pauses_still_yields_clips_on_word_ends():
    words = [Word("w", t / 4, t / 4 + 0.24) for t in range(0, 4 * 100)]  # no gap ≥ 0.25 s
    timeline = Timeline(100.0, words=words)
    found = candidates(timeline, 15, 60)
    assert found
    word_ends = {w.end for w in words} | {100.0}
    assert all(c.end in word_ends for c in found)


def test_weights_times_features_is_the_score():
    timeline = _talk(120)
    extractor = FeatureExtractor(timeline)
    scored = score_clip(extractor, Candidate(11.2, 40.0), WEIGHTS, RULES)
    values = {**scored.features, "duration_fit": scored.duration_fit["youtube"]}
    expected = sum(w * values[name] for name, w in WEIGHTS["youtube"].items())
    assert scored.scores["youtube"] == pytest.approx(expected, abs=1e-3)
    assert 0 <= scored.features["silence_ratio"] <= 1
    assert scored.features["cut_rate"] > 0  # cuts at 22.4 and 33.6 lie inside


@pytest.mark.parametrize(
    ("duration", "expected"), [(30, 1.0), (2, 0.0), (9, 0.5), (480, 0.5), (901, 0.0)]
)
def test_duration_fit(duration, expected):
    assert duration_fit(duration, RULES["instagram"]) == pytest.approx(expected, abs=0.01)


def test_overlapping_candidates_lose_to_the_better_one():
    ranked = [(Candidate(0, 30), 0.5), (Candidate(20, 50), 0.9), (Candidate(50, 80), 0.1)]
    assert pick_without_overlap(ranked, 10) == [Candidate(20, 50), Candidate(50, 80)]


def test_a_three_hour_source_is_handled():
    clips = find_clips(
        _talk(3 * 3600, seed=3),
        weights=WEIGHTS,
        rules=RULES,
        min_seconds=15,
        max_seconds=60,
        top_n=10,
    )
    assert len(clips) == 10


def test_a_cut_inside_a_short_run_of_sound_is_not_an_edge_before_words_exist():
    """Two pauses 1.2 s apart with a shot cut between them: without a transcript the cut is
    taken for one inside a word; the pauses themselves are edges."""
    timeline = Timeline(60.0, shots=[30.5], pauses=[(29.9, 30.1), (31.3, 31.5)])
    starts, ends = boundaries(timeline)
    assert 30.5 not in starts
    assert 30.5 not in ends
    assert 30.0 in ends
    assert 31.4 in starts


def test_a_cut_in_long_steady_sound_stays_an_edge():
    """Music or a tone has no word gaps: its cuts are the only edges there are."""
    timeline = Timeline(60.0, shots=[30.5], silences=[(10.0, 11.0), (50.0, 51.0)])
    starts, ends = boundaries(timeline)
    assert 30.5 in starts
    assert 30.5 in ends


def test_words_decide_over_the_envelope():
    words = [Word("a", 29.0, 30.4), Word("b", 30.6, 31.2)]
    timeline = Timeline(60.0, shots=[30.5], pauses=[(29.9, 30.1)], words=words)
    starts, ends = boundaries(timeline)
    assert 30.5 in starts  # between the words, whatever the envelope said
    assert 30.0 not in ends  # inside "a"


def test_snapping_to_words_moves_edges_out_and_keeps_edges_between_words():
    words = [Word("set", 0.49, 0.77), Word("white", 0.77, 1.09), Word("soon", 1.73, 2.21)]
    timeline = Timeline(3.0, words=words)
    snapped = snap_to_words(Candidate(0.55, 2.1), timeline)
    assert snapped.start <= 0.49
    assert snapped.end >= 2.21
    assert snap_to_words(Candidate(0.3, 2.5), timeline) == Candidate(0.3, 2.5)
    # Between two words that touch, the edge lands on their boundary.
    assert snap_to_words(Candidate(0.8, 2.5), timeline).start == 0.77


def test_a_kept_clip_stays_and_nothing_overlaps_it():
    timeline = _talk(120)
    free = find_clips(timeline, weights=WEIGHTS, rules=RULES, min_seconds=15, max_seconds=40,
                      top_n=4)  # fmt: skip
    # Keep a span the free choice would not have made, overlapping its best clip.
    best = free[0]
    kept = (round(best.start + 5, 3), round(best.start + 25, 3))
    found = find_clips(timeline, weights=WEIGHTS, rules=RULES, min_seconds=15, max_seconds=40,
                       top_n=4, kept=[kept])  # fmt: skip
    assert len(found) == 4
    assert [(c.start, c.end) for c in found].count(kept) == 1
    assert [c.score for c in found] == sorted((c.score for c in found), reverse=True)
    for a, b in itertools.combinations(found, 2):
        assert a.end <= b.start or b.end <= a.start
    every = find_clips(timeline, weights=WEIGHTS, rules=RULES, min_seconds=15, max_seconds=40,
                       top_n=2, kept=[(0.0, 20.0), (40.0, 60.0)])  # fmt: skip
    assert sorted((c.start, c.end) for c in every) == [(0.0, 20.0), (40.0, 60.0)]


def test_clips_of_an_opening_end_before_its_unsettled_end():
    opening = _talk(90)
    found = find_clips(opening, weights=WEIGHTS, rules=RULES, min_seconds=15, max_seconds=60,
                       top_n=5, end_by=60.0)  # fmt: skip
    assert found
    assert all(clip.end <= 60.0 for clip in found)
    unbounded = find_clips(opening, weights=WEIGHTS, rules=RULES, min_seconds=15,
                           max_seconds=60, top_n=5)  # fmt: skip
    assert any(clip.end > 60.0 for clip in unbounded)  # the bound is what kept them out
