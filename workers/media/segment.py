"""Finding clip candidates whose edges fall on natural boundaries.

A clip may start or end only at a shot cut, at the edge of a silence, or at the very start or
end of the video — and never inside a spoken word. When a transcript exists, the pauses between
words are boundaries too, which is what keeps long single-shot talks cuttable.
"""

from __future__ import annotations

import bisect
import itertools
from dataclasses import dataclass

from workers.media.timeline import Timeline

WORD_GAP_SECONDS = 0.25  # a pause this long between words is a place to cut
MAX_PAIRS = 20_000  # candidates examined per video: keeps a 3-hour source fast


@dataclass(frozen=True)
class Candidate:
    start: float
    end: float

    @property
    def duration(self) -> float:
        return self.end - self.start


class _Words:
    """Answers "is this instant inside a spoken word?" in O(log n)."""

    def __init__(self, timeline: Timeline) -> None:
        self.words = sorted(timeline.words or [], key=lambda w: w.start)
        self.starts = [w.start for w in self.words]

    def contain(self, t: float) -> bool:
        index = bisect.bisect_left(self.starts, t) - 1
        # Words do not overlap, so only the last one starting before t can contain it.
        return index >= 0 and self.words[index].start + 0.02 < t < self.words[index].end - 0.02


def boundaries(timeline: Timeline) -> tuple[list[float], list[float]]:
    """Times a clip may start at, and times it may end at."""
    starts = {0.0, *timeline.shots, *(end for _, end in timeline.silences)}
    ends = {timeline.duration, *timeline.shots, *(start for start, _ in timeline.silences)}
    words = timeline.words or []
    for before, after in itertools.pairwise(words):
        if after.start - before.end >= WORD_GAP_SECONDS:
            starts.add(after.start)
            ends.add(before.end)
    if words:
        starts.add(words[0].start)
        ends.add(words[-1].end)

    spoken = _Words(timeline)

    def valid(t: float) -> bool:
        return 0.0 <= t <= timeline.duration and not spoken.contain(t)

    return sorted(t for t in starts if valid(t)), sorted(t for t in ends if valid(t))


def _speech_span(timeline: Timeline) -> tuple[float, float]:
    """The source without leading and trailing silence."""
    start, end = 0.0, timeline.duration
    for a, b in sorted(timeline.silences):
        if a <= start + 0.05:
            start = max(start, b)
    for a, b in sorted(timeline.silences, reverse=True):
        if b >= end - 0.05:
            end = min(end, a)
    if end - start < 0.5:  # silent throughout: keep the whole thing rather than nothing
        return 0.0, timeline.duration
    return start, end


def candidates(timeline: Timeline, min_seconds: float, max_seconds: float) -> list[Candidate]:
    if timeline.duration <= min_seconds:
        start, end = _speech_span(timeline)
        return [Candidate(round(start, 3), round(end, 3))]
    starts, ends = boundaries(timeline)
    found: list[Candidate] = []
    for start in starts:
        low = bisect.bisect_left(ends, start + min_seconds)
        high = bisect.bisect_right(ends, start + max_seconds)
        found.extend(Candidate(start, end) for end in ends[low:high])
        if len(found) >= MAX_PAIRS:
            break
    if not found:
        found = _windows_between(timeline, starts, ends, min_seconds, max_seconds)
    return found


def _windows_between(
    timeline: Timeline, starts: list[float], ends: list[float], min_s: float, max_s: float
) -> list[Candidate]:
    """Too few boundaries (one long take without pauses): take the longest clip that still
    starts on a boundary, ending at the boundary nearest the maximum length, else at it."""
    windows = []
    word_ends = [w.end for w in timeline.words or []]
    for start in starts:
        reachable = [e for e in ends if start + min_s <= e <= start + max_s]
        # Even without a pause, the end of a word is never the middle of one.
        reachable = reachable or [e for e in word_ends if start + min_s <= e <= start + max_s]
        end = reachable[-1] if reachable else min(start + max_s, timeline.duration)
        if end - start >= min_s:
            windows.append(Candidate(start, end))
    if not windows:
        windows.append(Candidate(0.0, min(max_s, timeline.duration)))
    return windows


def pick_without_overlap(ranked: list[tuple[Candidate, float]], top_n: int) -> list[Candidate]:
    """Best first; a candidate overlapping an already chosen one is skipped."""
    chosen: list[Candidate] = []
    for candidate, _ in sorted(ranked, key=lambda item: (-item[1], item[0].start)):
        if all(candidate.end <= c.start or candidate.start >= c.end for c in chosen):
            chosen.append(candidate)
            if len(chosen) == top_n:
                break
    return chosen
