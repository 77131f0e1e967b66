"""Timeline arithmetic of the transcript editor: a clip's words, edges placed by words, and
dragged edges snapped to where a cut sounds clean. Pure functions, no database."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

LEAD_IN = 0.15  # seconds kept before the first word (after the last): a cut on the word clips it
CUT_SNAP = 0.3  # a dragged edge this close to a shot cut lands on it: a cut mid-shot looks odd
MIN_SECONDS = 1.0
MERGE_GAP = 3.0

Word = dict[str, Any]  # {"text": str, "start": float, "end": float}, source-timeline seconds


def timeline_words(data: dict[str, Any] | None) -> list[Word]:
    words = (data or {}).get("words") or []
    return sorted(
        (
            {"text": str(w["text"]), "start": float(w["start"]), "end": float(w["end"])}
            for w in words
        ),
        key=lambda w: (w["start"], w["end"]),
    )


def timeline_cuts(data: dict[str, Any] | None) -> list[float]:
    # Shots are hard-cut times; tolerate older rows that stored [start, end] pairs.
    cuts: set[float] = set()
    for shot in (data or {}).get("shots") or []:
        for value in shot if isinstance(shot, list | tuple) else [shot]:
            cuts.add(float(value))
    return sorted(cuts)


def timeline_pauses(data: dict[str, Any] | None) -> list[tuple[float, float]]:
    return sorted((float(a), float(b)) for a, b in (data or {}).get("pauses") or [])


def overlapping(words: Iterable[Word], start: float, end: float) -> list[Word]:
    return [w for w in words if w["end"] > start and w["start"] < end]


def words_between(
    start: float, end: float, timeline: Sequence[Word], *own: Sequence[Word]
) -> list[Word]:
    """The words of [start, end]: the timeline's, except where a clip's own (fixed) word has the
    same times, whose text wins, so fixes survive a trim, an extension, a split or a merge."""
    fixed = {(w["start"], w["end"]): w for words in own for w in words}
    found = {(w["start"], w["end"]): w for w in overlapping(timeline, start, end)}
    found.update({key: w for key, w in fixed.items() if w["end"] > start and w["start"] < end})
    return [dict(found[key]) for key in sorted(found)]


def _intervals(words: Sequence[Word]) -> list[tuple[float, float]]:
    return sorted({(w["start"], w["end"]) for w in words})


def lead_in_start(word: Word, neighbours: Sequence[Word]) -> float:
    """Just before ``word``: LEAD_IN of air, but none of the previous word's sound."""
    start = float(word["start"])
    before = [b for a, b in _intervals(neighbours) if b <= start]
    return max(start - LEAD_IN, max(before, default=0.0), 0.0)


def tail_end(word: Word, neighbours: Sequence[Word]) -> float:
    end = float(word["end"])
    after = [a for a, b in _intervals(neighbours) if a >= end]
    return min([end + LEAD_IN, *after])


def snap(at: float, neighbours: Sequence[Word], cuts: Sequence[float]) -> float:
    """A dragged edge where it can cut cleanly: on a shot cut within CUT_SNAP (unless that cut
    falls inside a word), else out of any word it lands in, to the nearer side of that word."""

    def inside(t: float) -> tuple[float, float] | None:
        return next(((a, b) for a, b in _intervals(neighbours) if a < t < b), None)

    near = [c for c in cuts if abs(c - at) <= CUT_SNAP and inside(c) is None]
    if near:
        return min(near, key=lambda c: abs(c - at))
    word = inside(at)
    if word is None:
        return at
    return word[0] if at - word[0] <= word[1] - at else word[1]


def transcript_of(words: Sequence[Word]) -> str:
    return " ".join(w["text"] for w in words)
