"""Stretches cut out of a clip by the transcript editor: filler words and long pauses. Pure
functions on the source timeline (seconds), no database.

A clip's ``removed`` ranges are sorted, non-overlapping and strictly inside its edges: a range
that reaches an edge moves the edge instead (the clip would play the same), see ``fit``."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from backend.clips.edits import Word

Range = tuple[float, float]

FILLERS = frozenset({"um", "umm", "uh", "uhh", "er", "erm", "ah", "hmm", "mm", "mhm"})
# Shorter than this is no cut at all (rounding leftovers); a frame at 30 fps is 33 ms.
MIN_RANGE = 0.01


def is_filler(text: str) -> bool:
    """ "Um,", "UH..." and "Hmm?" count: only the lowercase letters are compared."""
    return re.sub(r"[^a-z]", "", text.lower()) in FILLERS


def ranges_of(value: Iterable[Sequence[float]] | None) -> list[Range]:
    """The ranges as stored (JSON lists) -> tuples."""
    return [(float(a), float(b)) for a, b in value or []]


def union(*groups: Iterable[Range]) -> list[Range]:
    """All ranges merged: sorted, overlapping or touching ones joined, empty ones dropped."""
    merged: list[Range] = []
    for a, b in sorted(r for group in groups for r in group):
        if b - a < MIN_RANGE:
            continue
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], b))
        else:
            merged.append((a, b))
    return merged


def fit(start: float, end: float, ranges: Iterable[Range]) -> tuple[float, float, list[Range]]:
    """Edges and ranges of a clip, ranges clipped to [start, end] and rounded like the edges; a
    range reaching an edge becomes the new edge (cutting a clip's first second out is starting
    it a second later), so the ranges left are strictly inside."""
    clipped = union((round(max(a, start), 3), round(min(b, end), 3)) for a, b in ranges)
    while clipped and clipped[0][0] <= start:
        start = clipped.pop(0)[1]
    while clipped and clipped[-1][1] >= end:
        end = clipped.pop()[0]
    return start, end, clipped


def played(start: float, end: float, ranges: Iterable[Range]) -> float:
    """How long the clip plays: its span less what is cut out of it."""
    return (end - start) - sum(b - a for a, b in ranges)


def is_removed(word: Word, ranges: Sequence[Range]) -> bool:
    # By the word's middle: a cut placed in the silence may touch its edges.
    middle = (float(word["start"]) + float(word["end"])) / 2
    return any(a <= middle <= b for a, b in ranges)


def without_removed(words: Iterable[Word], ranges: Sequence[Range]) -> list[Word]:
    return [w for w in words if not is_removed(w, ranges)]


def filler_ranges(
    words: Sequence[Word], neighbours: Sequence[Word], start: float, end: float
) -> tuple[list[Range], list[str]]:
    """The filler words among ``words`` inside [start, end], each as the range to cut (the word
    and the silence around it halfway to the neighbouring words, so the cut lands in the quiet
    and never in a real word), and their texts in order."""
    spans = sorted({(float(w["start"]), float(w["end"])) for w in neighbours})
    ranges: list[Range] = []
    texts: list[str] = []
    for word in words:
        a, b = float(word["start"]), float(word["end"])
        if not (is_filler(str(word["text"])) and start <= a and b <= end):
            continue
        before = max((e for s, e in spans if e <= a and (s, e) != (a, b)), default=start)
        after = min((s for s, e in spans if s >= b and (s, e) != (a, b)), default=end)
        ranges.append((max(before, (before + a) / 2), min(after, (b + after) / 2)))
        texts.append(str(word["text"]))
    return union(ranges), texts


def pause_ranges(words: Sequence[Word], start: float, end: float, keep: float) -> list[Range]:
    """Every gap between consecutive words inside [start, end] longer than ``keep``, as the
    middle to cut out of it so ``keep`` seconds of it stay (half on each side)."""
    inside = sorted(
        (float(w["start"]), float(w["end"]))
        for w in words
        if start <= float(w["start"]) and float(w["end"]) <= end
    )
    ranges = []
    reach = None  # the latest end so far: overlapping words leave no gap
    for a, b in inside:
        if reach is not None and a - reach > keep:
            ranges.append((reach + keep / 2, a - keep / 2))
        reach = b if reach is None else max(reach, b)
    return union(ranges)


def as_json(ranges: Sequence[Range]) -> list[list[float]] | None:
    return [[a, b] for a, b in ranges] or None
