"""Finding clip candidates whose edges fall on natural boundaries.

A clip may start or end only at a shot cut, in a gap of the sound (a silence, or a pause the
energy envelope shows between words), at a pause between transcribed words, or at the very start
or end of the video — and never inside a spoken word. Before a transcript exists, a shot cut in
the middle of a short run of sound between two gaps is taken for a cut inside a word and not
used; once words are known, they decide. A cut in a gap sits a little into it, so the sound on
either side keeps its attack and its decay.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from workers.media.timeline import Timeline, Word

WORD_GAP_SECONDS = 0.25  # a pause this long between words is a place to cut
EDGE_PAD_SECONDS = 0.15  # how far into a gap a cut sits from the sound it borders
SPEECH_RUN_SECONDS = 3.0  # sound between two gaps closer than this is taken for speech
MAX_PAIRS = 20_000  # candidates examined per video: keeps a 3-hour source fast


@dataclass(frozen=True)
class Candidate:
    start: float
    end: float

    @property
    def duration(self) -> float:
        return self.end - self.start


def _start_in(gap: tuple[float, float]) -> float:
    """Where a clip starting in this gap begins: just before the sound after it."""
    a, b = gap
    return round(b - min(EDGE_PAD_SECONDS, (b - a) / 2), 3)


def _end_in(gap: tuple[float, float]) -> float:
    """Where a clip ending in this gap stops: just after the sound before it."""
    a, b = gap
    return round(a + min(EDGE_PAD_SECONDS, (b - a) / 2), 3)


class _Words:
    """Answers "is this instant inside a spoken word?" in O(log n)."""

    def __init__(self, words: list[Word] | None) -> None:
        self.words = sorted(words or [], key=lambda w: w.start)
        self.starts = [w.start for w in self.words]

    def index_containing(self, t: float) -> int | None:
        index = bisect.bisect_left(self.starts, t) - 1
        # Words do not overlap, so only the last one starting before t can contain it.
        if index >= 0 and self.words[index].start + 0.02 < t < self.words[index].end - 0.02:
            return index
        return None

    def contain(self, t: float) -> bool:
        return self.index_containing(t) is not None


class _Gaps:
    """Silences and envelope pauses merged: quiet spans, and the sound runs between them."""

    def __init__(self, timeline: Timeline) -> None:
        merged: list[tuple[float, float]] = []
        for a, b in sorted([*timeline.silences, *timeline.pauses]):
            if merged and a <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], b))
            else:
                merged.append((a, b))
        self.spans = merged
        self.starts = [a for a, _ in merged]
        self.duration = timeline.duration

    def inside_short_sound(self, t: float) -> bool:
        """t lies in sound, in a run short enough between two gaps to be speech."""
        if not self.spans:
            return False
        index = bisect.bisect_right(self.starts, t) - 1
        if index >= 0 and t <= self.spans[index][1]:
            return False  # in a gap
        before = self.spans[index][1] if index >= 0 else None
        after = self.spans[index + 1][0] if index + 1 < len(self.spans) else None
        if before is None or after is None:
            return False  # the run reaches the start or the end of the video
        return after - before < SPEECH_RUN_SECONDS


def boundaries(timeline: Timeline) -> tuple[list[float], list[float]]:
    """Times a clip may start at, and times it may end at."""
    gaps = _Gaps(timeline)
    starts = {0.0, *timeline.shots, *(_start_in(g) for g in gaps.spans)}
    ends = {timeline.duration, *timeline.shots, *(_end_in(g) for g in gaps.spans)}
    words = sorted(timeline.words or [], key=lambda w: w.start)
    for before, after in itertools.pairwise(words):
        if after.start - before.end >= WORD_GAP_SECONDS:
            starts.add(_start_in((before.end, after.start)))
            ends.add(_end_in((before.end, after.start)))
    if words:
        starts.add(_start_in((max(0.0, words[0].start - 2 * EDGE_PAD_SECONDS), words[0].start)))
        ends.add(_end_in((words[-1].end, min(timeline.duration, words[-1].end + 1.0))))
    valid = _valid(timeline, _Words(timeline.words), gaps)
    return sorted(t for t in starts if valid(t)), sorted(t for t in ends if valid(t))


def _valid(timeline: Timeline, spoken: _Words, gaps: _Gaps) -> Callable[[float], bool]:
    def valid(t: float) -> bool:
        if not 0.0 <= t <= timeline.duration:
            return False
        if t in (0.0, timeline.duration):
            return True
        if timeline.words is not None:
            return not spoken.contain(t)  # the transcript knows better than the envelope
        return not gaps.inside_short_sound(t)

    return valid


def _speech_span(timeline: Timeline) -> tuple[float, float]:
    """The source without leading and trailing silence (a little of it kept at each end)."""
    start, end = 0.0, timeline.duration
    # Silences only: a pause at the very end may be the quiet tail of the last word.
    gaps = sorted(timeline.silences)
    if gaps and gaps[0][0] <= 0.05:
        start = _start_in(gaps[0])
    if gaps and gaps[-1][1] >= timeline.duration - 0.05:
        end = _end_in(gaps[-1])
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


def snap_to_words(clip: Candidate, timeline: Timeline) -> Candidate:
    """The clip with an edge that falls inside a word moved outwards into the gap beside that
    word, so the whole word is heard; edges already between words stay where they are."""
    spoken = _Words(timeline.words)
    words = spoken.words
    start, end = clip.start, clip.end
    inside = spoken.index_containing(start)
    if inside is not None:
        previous_end = words[inside - 1].end if inside > 0 else 0.0
        start = _start_in(
            (max(previous_end, words[inside].start - 2 * EDGE_PAD_SECONDS), words[inside].start)
        )
    inside = spoken.index_containing(end)
    if inside is not None:
        following = words[inside + 1].start if inside + 1 < len(words) else timeline.duration
        end = _end_in((words[inside].end, min(following, words[inside].end + 2 * EDGE_PAD_SECONDS)))
    return Candidate(max(0.0, start), min(timeline.duration, end))


def pick_without_overlap(
    ranked: list[tuple[Candidate, float]], top_n: int, taken: Sequence[Candidate] = ()
) -> list[Candidate]:
    """Best first; a candidate overlapping an already chosen one, or one of ``taken``, is
    skipped. ``taken`` count towards ``top_n`` but are not returned."""
    chosen: list[Candidate] = list(taken)
    if len(chosen) >= top_n:
        return []
    for candidate, _ in sorted(ranked, key=lambda item: (-item[1], item[0].start)):
        if all(candidate.end <= c.start or candidate.start >= c.end for c in chosen):
            chosen.append(candidate)
            if len(chosen) == top_n:
                break
    return chosen[len(taken) :]
