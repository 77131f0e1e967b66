"""A clip with stretches cut out of it (filler words, long pauses): source time -> the time it
plays at in the rendered clip, and the crop path and captions moved onto that timeline.

``removed`` ranges are (start, end) on the source timeline, sorted, non-overlapping and inside
the clip; the rendered clip is the kept segments played back to back. Pure functions."""

from __future__ import annotations

import math
from collections.abc import Sequence

from workers.media.caption_layout import CaptionEvent, CaptionWord

Ranges = Sequence[tuple[float, float]] | Sequence[Sequence[float]]


def tidy_ranges(start: float, end: float, removed: Ranges | None) -> list[tuple[float, float]]:
    """The removed ranges clipped to [start, end], sorted, overlaps merged, empty ones dropped:
    callers may pass what the database holds without trusting it to be tidy."""
    clipped = sorted((max(float(a), start), min(float(b), end)) for a, b in removed or [] if b > a)
    merged: list[tuple[float, float]] = []
    for a, b in clipped:
        if b <= a:
            continue
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], b))
        else:
            merged.append((a, b))
    return merged


def kept_segments(start: float, end: float, removed: Ranges | None) -> list[tuple[float, float]]:
    """The stretches of [start, end] that play, on the source timeline, in order."""
    kept: list[tuple[float, float]] = []
    at = start
    for a, b in tidy_ranges(start, end, removed):
        if a > at:
            kept.append((at, a))
        at = max(at, b)
    if end > at:
        kept.append((at, end))
    return kept


def played_duration(start: float, end: float, removed: Ranges | None) -> float:
    return sum(b - a for a, b in kept_segments(start, end, removed))


def to_played(t: float, start: float, removed: Ranges | None) -> float | None:
    """Source time ``t`` -> seconds into the rendered clip; None inside a removed range (its
    edges play: the cut joins them)."""
    cut = 0.0
    for a, b in tidy_ranges(start, math.inf, removed):
        if a < t < b:
            return None
        if b <= t:
            cut += b - a
    return t - start - cut


def _collapsed(t: float, start: float, removed: Ranges | None) -> float:
    """Like to_played, but a time inside a removed range lands on the cut: for the edges of
    events, which may reach into a removed stretch while their words do not."""
    ranges = tidy_ranges(start, math.inf, removed)
    inside = next((a for a, b in ranges if a < t < b), None)
    played = to_played(t if inside is None else inside, start, ranges)
    assert played is not None
    return max(0.0, played)


def remap_keypoints(
    points: Sequence[tuple[float, float]] | None, start: float, removed: Ranges | None
) -> list[tuple[float, float]] | None:
    """Crop keypoints (seconds from the clip start, x) onto the played timeline: those in a
    removed stretch are gone with it, the rest move earlier by what was cut before them."""
    if points is None:
        return None
    moved = []
    for t, x in points:
        played = to_played(start + float(t), start, removed)
        if played is not None:
            moved.append((played, float(x)))
    return moved


def _word_removed(word: CaptionWord, ranges: Sequence[tuple[float, float]]) -> bool:
    # By its middle: a word's edges may touch a cut placed in the silence around it.
    middle = (word.start + word.end) / 2
    return any(a <= middle <= b for a, b in ranges)


def remap_events(
    events: Sequence[CaptionEvent], start: float, removed: Ranges | None
) -> list[CaptionEvent]:
    """Caption events on the source timeline -> on the played timeline (seconds from the clip
    start): words in removed stretches dropped, the rest shifted; each event keeps its rows
    (an emptied row goes, an emptied event too)."""
    ranges = tidy_ranges(start, math.inf, removed)
    moved: list[CaptionEvent] = []
    for event in events:
        rows = tuple(
            tuple(
                CaptionWord(
                    w.text, _collapsed(w.start, start, ranges), _collapsed(w.end, start, ranges)
                )
                for w in row
                if not _word_removed(w, ranges)
            )
            for row in event.rows
        )
        rows = tuple(row for row in rows if row)
        if not rows:
            continue
        first, last = rows[0][0], rows[-1][-1]
        begin = min(_collapsed(event.start, start, ranges), first.start)
        finish = max(_collapsed(event.end, start, ranges), last.end)
        if finish > begin:
            moved.append(CaptionEvent(begin, finish, rows))
    return moved
