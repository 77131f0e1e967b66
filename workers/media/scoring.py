"""Features of a clip and its score per platform (weights times features).

Every feature lies in [0, 1] so weights stay comparable across versions; loudness and motion
are ranked against the same video, since what counts as "loud" depends on the source.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Any

from workers.media.segment import Candidate
from workers.media.timeline import Timeline

HOOK_SECONDS = 3.0
# A learnt model's constant term rides in its weights as this feature, always 1.
BASELINE = "baseline"
CUTS_PER_MINUTE_FULL = 30.0  # a cut every 2 s already counts as fully dynamic
WORDS_PER_SECOND_FULL = 3.0  # brisk speech


@dataclass(frozen=True)
class ScoredClip:
    start: float
    end: float
    features: dict[str, float]
    duration_fit: dict[str, float]
    scores: dict[str, float]

    @property
    def score(self) -> float:
        return max(self.scores.values(), default=0.0)

    def row(self) -> dict[str, Any]:
        """As plain JSON values, the way a clip row keeps them."""
        return {
            "start": self.start,
            "end": self.end,
            "score": self.score,
            "scores": self.scores,
            "features": {**self.features, "duration_fit": self.duration_fit},
        }


def _clamp(value: float) -> float:
    return max(0.0, min(1.0, value))


class _Ranker:
    """Percentile rank of a value among the video's own samples."""

    def __init__(self, values: list[float]) -> None:
        self.sorted = sorted(values)

    def __call__(self, value: float) -> float:
        if not self.sorted:
            return 0.0
        return bisect.bisect_right(self.sorted, value) / len(self.sorted)


class _Series:
    """Time-ordered samples with prefix sums: the mean over any span in O(log n)."""

    def __init__(self, samples: list[tuple[float, float]]) -> None:
        ordered = sorted(samples)
        self.times = [t for t, _ in ordered]
        self.prefix = [0.0]
        for _, value in ordered:
            self.prefix.append(self.prefix[-1] + value)

    def mean(self, start: float, end: float) -> float | None:
        low = bisect.bisect_left(self.times, start)
        high = bisect.bisect_left(self.times, end)
        if high <= low:
            return None
        return (self.prefix[high] - self.prefix[low]) / (high - low)


class _Spans:
    """Non-overlapping spans; how much of [start, end) they cover, without scanning them all."""

    def __init__(self, spans: list[tuple[float, float]]) -> None:
        self.spans = sorted(spans)
        self.starts = [a for a, _ in self.spans]

    def covered(self, start: float, end: float) -> float:
        first = max(0, bisect.bisect_right(self.starts, start) - 1)
        last = bisect.bisect_left(self.starts, end)
        return sum(max(0.0, min(b, end) - max(a, start)) for a, b in self.spans[first:last])


class FeatureExtractor:
    def __init__(self, timeline: Timeline) -> None:
        self.timeline = timeline
        self.loudness = _Series(timeline.loudness)
        self.motion = _Series(timeline.motion)
        self.faces = _Series([(t, 1.0 if n > 0 else 0.0) for t, n in timeline.faces])
        self.loud_rank = _Ranker([v for _, v in timeline.loudness])
        self.motion_rank = _Ranker([v for _, v in timeline.motion])
        self.cuts = sorted(timeline.shots)
        self.silences = _Spans(timeline.silences)
        self.word_starts = sorted(w.start for w in timeline.words or [])

    @staticmethod
    def _level(series: _Series, rank: _Ranker, a: float, b: float) -> float:
        mean = series.mean(a, b)
        return 0.0 if mean is None else rank(mean)

    def features(self, clip: Candidate) -> dict[str, float]:
        t, a, b = self.timeline, clip.start, clip.end
        length = max(clip.duration, 1e-6)
        hook_end = min(b, a + HOOK_SECONDS)
        hook = (
            self._level(self.loudness, self.loud_rank, a, hook_end)
            + self._level(self.motion, self.motion_rank, a, hook_end)
        ) / 2
        cuts = bisect.bisect_left(self.cuts, b) - bisect.bisect_right(self.cuts, a)
        silence_ratio = _clamp(self.silences.covered(a, b) / length)
        if t.words is not None:
            spoken = bisect.bisect_left(self.word_starts, b) - bisect.bisect_left(
                self.word_starts, a
            )
            speech = _clamp(spoken / length / WORDS_PER_SECOND_FULL)
        else:
            speech = 1.0 - silence_ratio if t.loudness else 0.0  # audible time as a stand-in
        return {
            "hook": round(_clamp(hook), 4),
            "cut_rate": round(_clamp(cuts / (length / 60) / CUTS_PER_MINUTE_FULL), 4),
            "speech_density": round(speech, 4),
            "silence_ratio": round(silence_ratio, 4),
            "motion": round(self._level(self.motion, self.motion_rank, a, b), 4),
            "faces": round(self.faces.mean(a, b) or 0.0, 4),
        }


def duration_fit(duration: float, rules: dict[str, Any]) -> float:
    """1 inside the platform's ideal range, falling linearly to 0 at its hard limits."""
    low, high = rules.get("ideal_duration_seconds", [15, 60])
    hard_low = float(rules.get("min_duration_seconds", 0))
    hard_high = float(rules.get("max_duration_seconds", high * 2))
    if duration < hard_low or duration > hard_high:
        return 0.0
    if low <= duration <= high:
        return 1.0
    if duration < low:
        return _clamp((duration - hard_low) / max(low - hard_low, 1e-6))
    return _clamp((hard_high - duration) / max(hard_high - high, 1e-6))


def score_clip(
    extractor: FeatureExtractor,
    clip: Candidate,
    weights: dict[str, dict[str, float]],
    rules: dict[str, dict[str, Any]],
) -> ScoredClip:
    features = extractor.features(clip)
    fits = {
        platform: round(duration_fit(clip.duration, rules[platform]), 4) for platform in weights
    }
    scores = {}
    for platform, platform_weights in weights.items():
        values = {**features, "duration_fit": fits[platform], BASELINE: 1.0}
        total = sum(w * values.get(name, 0.0) for name, w in platform_weights.items())
        scores[platform] = round(total, 4)
    return ScoredClip(clip.start, clip.end, features, fits, scores)
