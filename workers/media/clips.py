"""From a timeline to the best clips: candidates on boundaries, scored, top N without overlap."""

from __future__ import annotations

from typing import Any

from workers.media.scoring import FeatureExtractor, ScoredClip, score_clip
from workers.media.segment import Candidate, candidates, pick_without_overlap, snap_to_words
from workers.media.timeline import Timeline


def find_clips(
    timeline: Timeline,
    *,
    weights: dict[str, dict[str, float]],
    rules: dict[str, dict[str, Any]],
    min_seconds: float,
    max_seconds: float,
    top_n: int,
) -> list[ScoredClip]:
    """The ``top_n`` best non-overlapping clips, best first."""
    extractor = FeatureExtractor(timeline)
    scored = [
        score_clip(extractor, candidate, weights, rules)
        for candidate in candidates(timeline, min_seconds, max_seconds)
    ]
    by_span = {(clip.start, clip.end): clip for clip in scored}
    ranked = [(Candidate(clip.start, clip.end), clip.score) for clip in scored]
    return [by_span[(c.start, c.end)] for c in pick_without_overlap(ranked, top_n)]


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
