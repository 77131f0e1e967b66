"""From a timeline to the best clips: candidates on boundaries, scored, top N without overlap."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from workers.media.scoring import FeatureExtractor, ScoredClip, score_clip
from workers.media.segment import Candidate, candidates, pick_without_overlap, snap_to_words
from workers.media.timeline import Timeline

# A first clip is looked for in this opening while the rest is analysed, in sources at least
# twice as long (a shorter one is analysed whole about as fast).
OPENING_SECONDS = 90.0
# A first clip ends this early: in the opening's last seconds a cut or a pause is not settled
# until what follows is seen.
OPENING_CLIPS_END_BY = OPENING_SECONDS - 3.0


def find_clips(
    timeline: Timeline,
    *,
    weights: dict[str, dict[str, float]],
    rules: dict[str, dict[str, Any]],
    min_seconds: float,
    max_seconds: float,
    top_n: int,
    kept: Sequence[tuple[float, float]] = (),
    end_by: float | None = None,
) -> list[ScoredClip]:
    """The ``top_n`` best non-overlapping clips, best first.

    ``kept``: (start, end) of clips that exist already (a first clip found in the opening):
    they stay among the ``top_n``, scored on this timeline, and nothing may overlap them.
    ``end_by``: only clips that end by then (an analysed opening's end is not a real one)."""
    extractor = FeatureExtractor(timeline)
    held = [score_clip(extractor, Candidate(start, end), weights, rules) for start, end in kept]
    pool = candidates(timeline, min_seconds, max_seconds)
    if end_by is not None:
        pool = [candidate for candidate in pool if candidate.end <= end_by]
    scored = [score_clip(extractor, candidate, weights, rules) for candidate in pool]
    by_span = {(clip.start, clip.end): clip for clip in scored}
    ranked = [(Candidate(clip.start, clip.end), clip.score) for clip in scored]
    taken = [Candidate(clip.start, clip.end) for clip in held]
    picked = [by_span[(c.start, c.end)] for c in pick_without_overlap(ranked, top_n, taken)]
    return sorted([*held, *picked], key=lambda clip: -clip.score)


def refine_clips(
    spans: list[Candidate],
    timeline: Timeline,
    *,
    weights: dict[str, dict[str, float]],
    rules: dict[str, dict[str, Any]],
) -> list[ScoredClip]:
    """Clips already found, once words (and faces) are known: an edge inside a word moves out
    to the gap beside it, and each is scored again. Same order as ``spans``; the clips stay
    the same clips, so whoever is looking at one keeps looking at it."""
    extractor = FeatureExtractor(timeline)
    return [score_clip(extractor, snap_to_words(span, timeline), weights, rules) for span in spans]
