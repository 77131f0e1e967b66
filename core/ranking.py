"""Learning a clip score from results: a linear pairwise ranking model, NDCG, and the linear
scorer that explains itself. Pure numpy, no database: the scoring domain feeds it rows.

The model compares clips of the same source video (a group): for every pair whose results
differ, the logistic loss of ``w . (x_better - x_worse)``. An L2 penalty pulls ``w`` toward the
default weights (scaled to the logit range), with a strength that fades as results accumulate:
with a handful of publications the defaults decide, from about ``ENOUGH_RESULTS`` the data does.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

Vector = npt.NDArray[np.float64]

ENOUGH_RESULTS = 200  # where the data outweighs the default weights
# Default weights move a score by a few tenths between clips; in logits that says almost
# nothing, so the prior is stretched to a range where it actually orders pairs.
PRIOR_SCALE = 10.0
# The pairwise loss is a mean, whose curvature is about 0.04 per weight for features in [0, 1]:
# a penalty well above that keeps the prior, well below lets the data speak.
PRIOR_PENALTY = 0.5
MIN_PENALTY = 0.002  # never none: a few collinear features must not run off
BASELINE = "baseline"
TOP_K = 5


def prior_strength(results: int) -> float:
    """1 with no results, 0.22 at half ``ENOUGH_RESULTS`` (the prior still leads), 0.05 at
    ``ENOUGH_RESULTS`` (the data leads), next to nothing beyond."""
    return math.exp(-3.0 * results / ENOUGH_RESULTS)


def ndcg_at(scores: Sequence[float], gains: Sequence[float], k: int = TOP_K) -> float | None:
    """NDCG@k of ranking by ``scores`` when each item is worth ``gains`` (>= 0); None when
    nothing in the group is worth more than anything else (no ranking can be better)."""
    order = sorted(range(len(scores)), key=lambda i: -scores[i])
    ideal = sorted(gains, reverse=True)
    discounts = [1.0 / math.log2(rank + 2) for rank in range(min(k, len(gains)))]
    best = sum(g * d for g, d in zip(ideal, discounts, strict=False))
    if best <= 0:
        return None
    return sum(gains[i] * d for i, d in zip(order, discounts, strict=False)) / best


def mean_ndcg(
    groups: Sequence[tuple[Sequence[float], Sequence[float]]], k: int = TOP_K
) -> float | None:
    """Average NDCG@k over groups of two items or more, each as (scores, labels); a group's
    gains are its labels above its worst one, so relative labels (which may be negative) work."""
    values = []
    for scores, labels in groups:
        if len(labels) < 2:
            continue
        low = min(labels)
        value = ndcg_at(scores, [label - low for label in labels], k)
        if value is not None:
            values.append(value)
    return sum(values) / len(values) if values else None


@dataclass(frozen=True)
class LinearScorer:
    """``baseline + sum(weight * value)``; every term is a contribution, so they add up to the
    score exactly."""

    weights: Mapping[str, float]
    baseline: float = 0.0

    def contributions(self, values: Mapping[str, float]) -> list[tuple[str, float, float, float]]:
        """(feature, value, weight, contribution), the largest in size first."""
        rows = [
            (name, float(values.get(name, 0.0)), w, w * float(values.get(name, 0.0)))
            for name, w in self.weights.items()
        ]
        if self.baseline:
            rows.append((BASELINE, 1.0, self.baseline, self.baseline))
        return sorted(rows, key=lambda row: -abs(row[3]))

    def score(self, values: Mapping[str, float]) -> float:
        return math.fsum(row[3] for row in self.contributions(values))


def unit_range(names: Sequence[str], raw: Vector) -> LinearScorer:
    """The same ranking as ``raw`` with scores in [0, 1] for features in [0, 1]: weights scaled
    to absolute sum 1, the negative ones offset by the baseline."""
    total = float(np.abs(raw).sum())
    if total == 0:
        return LinearScorer(dict.fromkeys(names, 0.0), 0.0)
    scaled = raw / total
    weights = {name: round(float(w), 6) for name, w in zip(names, scaled, strict=True)}
    return LinearScorer(weights, round(-sum(min(w, 0.0) for w in weights.values()), 6))


def pair_differences(x: Vector, labels: Vector, groups: Sequence[object]) -> Vector:
    """x_better - x_worse for every pair within a group whose labels differ."""
    by_group: dict[object, list[int]] = {}
    for index, group in enumerate(groups):
        by_group.setdefault(group, []).append(index)
    rows = []
    for members in by_group.values():
        for a_pos, a in enumerate(members):
            for b in members[a_pos + 1 :]:
                if labels[a] > labels[b]:
                    rows.append(x[a] - x[b])
                elif labels[b] > labels[a]:
                    rows.append(x[b] - x[a])
    return np.array(rows, dtype=np.float64).reshape(-1, x.shape[1])


def fit_pairwise(
    x: Vector, labels: Vector, groups: Sequence[object], prior: Vector, strength: float
) -> Vector:
    """Newton's method on the mean pairwise logistic loss plus
    ``penalty / 2 * |w - PRIOR_SCALE * prior|^2``; convex, so a few steps converge."""
    target = PRIOR_SCALE * prior
    penalty = MIN_PENALTY + PRIOR_PENALTY * strength
    diffs = pair_differences(x, labels, groups)
    w = target.copy()
    if len(diffs) == 0:
        return w
    for _ in range(50):
        margin = diffs @ w
        p = 1.0 / (1.0 + np.exp(np.clip(margin, -50, 50)))  # chance the pair is ordered wrongly
        gradient = -(diffs.T @ p) / len(diffs) + penalty * (w - target)
        hessian = (diffs.T * (p * (1 - p))) @ diffs / len(diffs) + penalty * np.eye(len(w))
        step = np.linalg.solve(hessian, gradient)
        w = w - step
        if float(np.abs(step).max()) < 1e-8:
            break
    return w
