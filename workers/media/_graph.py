"""Filtergraph pieces for a vertical render: the moving 9:16 crop and the cover pick."""

from __future__ import annotations

import itertools
from collections.abc import Sequence

Keypoints = Sequence[tuple[float, float]]

SIMPLIFY_TOLERANCE = 0.002  # of the width: far below a visible step after the crop
# ffmpeg's expression parser refuses a sum of more than about 95 terms (the crop filter then
# fails to configure, measured on ffmpeg 5.1): one term per keypoint, with room to spare.
MAX_KEYPOINTS = 80


def simplify(points: Keypoints, tolerance: float = SIMPLIFY_TOLERANCE) -> list[tuple[float, float]]:
    """Ramer-Douglas-Peucker on (t, x): drop keypoints the straight line already passes
    within ``tolerance``, so a steady camera costs two points, not one per sample."""
    points = sorted((float(t), float(x)) for t, x in points)
    if len(points) <= 2:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (t0, x0), (t1, x1) = points[first], points[last]
        worst, worst_error = -1, tolerance
        for i in range(first + 1, last):
            t, x = points[i]
            line = x0 + (x1 - x0) * (t - t0) / (t1 - t0) if t1 > t0 else x0
            if abs(x - line) > worst_error:
                worst, worst_error = i, abs(x - line)
        if worst >= 0:
            keep[worst] = True
            stack += [(first, worst), (worst, last)]
    return [p for p, k in zip(points, keep, strict=True) if k]


def centre_expression(points: Keypoints) -> str:
    """x-centre fraction as an ffmpeg expression of ``t``, piecewise linear through the
    keypoints and constant outside them. Written as a flat sum of clipped ramps,
    x0 + sum(slope_i * (clip(t, t_i, t_i+1) - t_i)): nested if() chains hit the expression
    parser's depth limit sooner. Even the sum has a limit (``MAX_KEYPOINTS``)."""
    tolerance = SIMPLIFY_TOLERANCE
    simple = simplify(points, tolerance)
    # A subject that never stops moving keeps too many points: coarser, never cut short.
    while len(simple) > MAX_KEYPOINTS:
        tolerance *= 1.5
        simple = simplify(points, tolerance)
    if not simple:
        return "0.5"
    terms = [f"{simple[0][1]:.5f}"]
    for (t0, x0), (t1, x1) in itertools.pairwise(simple):
        if t1 > t0 and x1 != x0:
            slope = (x1 - x0) / (t1 - t0)
            terms.append(f"{slope:+.6f}*(clip(t,{t0:.4f},{t1:.4f})-{t0:.4f})")
    return "+".join(terms).replace("+-", "-").replace("++", "+")


def crop_filter(points: Keypoints | None, aspect: tuple[int, int] = (9, 16)) -> str:
    """The largest ``aspect`` window of the (already upright) frame, its centre following
    ``points`` horizontally and centred vertically; even sizes for 4:2:0."""
    num, den = aspect
    centre = centre_expression(points) if points else "0.5"
    width = f"floor(min(iw,ih*{num}/{den})/2)*2"
    height = f"floor(min(ih,iw*{den}/{num})/2)*2"
    x = f"clip(({centre})*iw-ow/2,0,iw-ow)"
    # Quoted: the expressions' commas must not split the filtergraph.
    return f"crop=w='{width}':h='{height}':x='{x}':y='(ih-oh)/2'"


def cover_frames(duration: float, fps: float, candidates: int = 5) -> list[int]:
    """The output frame numbers of the cover candidates: around a third of the clip, spaced a
    quarter second apart, in order (the order their images are written in)."""
    total = max(1, int(duration * fps))
    centre = min(total - 1, int(total / 3))
    spacing = max(1, int(fps / 4))
    return sorted({min(total - 1, max(0, centre + (k - candidates // 2) * spacing))
                   for k in range(candidates)})  # fmt: skip


def cover_select(duration: float, fps: float, candidates: int = 5) -> tuple[str, int]:
    """A select filter keeping the cover candidates, and how many it keeps: the sharpest
    becomes the cover."""
    frames = cover_frames(duration, fps, candidates)
    condition = "+".join(f"eq(n,{n})" for n in frames)
    return f"select='{condition}'", len(frames)
