"""How much the picture changes between two decoded frames, on tiny frames.

Several views, so that a cut shows in at least one of them: luminance (the layout of light and
dark), colour (the U and V planes: hue and saturation together), edges (texture: detail per 4x4
block, so that a small shift of the same detail counts little) and the distributions of light and
colour (blind to where things are, so camera and subject motion barely move them, while a new
shot does). Distributions are compared as cumulative histograms (the earth mover's distance),
so a flat area drifting across a bin border in a dissolve moves them a little, not at once.
Grey alone is blind to a cut between two shots lit alike; colour alone to a cut between two grey
ones; pixel differences alone confuse a fast pan with a cut.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import numpy as np

from workers.media.shots.tiny import TinyFrames

# Colour differences are smaller than light ones for the same visual jump (U and V stay near
# the middle in most footage); edge change is relative to the detail present, so it runs high.
CHROMA_WEIGHT: Final = 2.0
EDGE_WEIGHT: Final = 0.25
DISTRIBUTION_WEIGHT: Final = 1.0
_BLOCK: Final = 4
_BINS: Final = 32


@dataclass(frozen=True)
class Features:
    luma: np.ndarray
    chroma: np.ndarray
    edges: np.ndarray
    detail: np.ndarray
    cumulative: np.ndarray
    """(count, 3, bins): cumulative histograms of Y, U and V, 0..1."""

    def __len__(self) -> int:
        return len(self.luma)


def _cumulative_histograms(plane: np.ndarray) -> np.ndarray:
    """(count, bins) cumulative share of each frame's pixels at or below each level."""
    count = len(plane)
    codes = (plane.reshape(count, -1) >> (8 - int(np.log2(_BINS)))).astype(np.int64)
    offsets = (np.arange(count) * _BINS)[:, None]
    flat = np.bincount((codes + offsets).ravel(), minlength=count * _BINS)
    histograms = flat.reshape(count, _BINS).astype(np.float32) / codes.shape[1]
    return np.cumsum(histograms, axis=1)


def features(frames: TinyFrames) -> Features:
    count = len(frames)
    luma = frames.luma.astype(np.float32) / 255.0
    across = np.abs(np.diff(luma, axis=2))[:, :-1, :]
    down = np.abs(np.diff(luma, axis=1))[:, :, :-1]
    gradient = np.zeros_like(luma)
    gradient[:, :-1, :-1] = across + down
    _, height, width = gradient.shape
    edges = gradient.reshape(count, height // _BLOCK, _BLOCK, width // _BLOCK, _BLOCK).mean(
        axis=(2, 4)
    )
    cumulative = np.stack(
        [
            _cumulative_histograms(frames.luma),
            _cumulative_histograms(frames.chroma[:, 0]),
            _cumulative_histograms(frames.chroma[:, 1]),
        ],
        axis=1,
    )
    return Features(
        luma=luma,
        chroma=frames.chroma.astype(np.float32) / 255.0,
        edges=edges,
        detail=edges.mean(axis=(1, 2)),
        cumulative=cumulative,
    )


def light_change(feats: Features, earlier: np.ndarray, later: np.ndarray) -> np.ndarray:
    """Mean absolute luminance difference, 0..1: the motion measure."""
    change: np.ndarray = np.abs(feats.luma[later] - feats.luma[earlier]).mean(axis=(1, 2))
    return change


def change_between(feats: Features, earlier: np.ndarray, later: np.ndarray) -> np.ndarray:
    """The cut score of each pair (earlier[i], later[i]) of frame indexes, about 0..2."""
    light = light_change(feats, earlier, later)
    colour = np.abs(feats.chroma[later] - feats.chroma[earlier]).mean(axis=(1, 2, 3))
    texture = np.abs(feats.edges[later] - feats.edges[earlier]).mean(axis=(1, 2))
    # Relative to how much detail there is: new texture between two soft shots counts as much
    # as between two busy ones.
    detail = np.maximum(feats.detail[later] + feats.detail[earlier], 0.02)
    texture = np.minimum(1.0, texture / detail)
    moved = np.abs(feats.cumulative[later] - feats.cumulative[earlier]).mean(axis=2)
    distribution = moved[:, 0] + CHROMA_WEIGHT * (moved[:, 1] + moved[:, 2])
    score: np.ndarray = (
        light + CHROMA_WEIGHT * colour + EDGE_WEIGHT * texture + DISTRIBUTION_WEIGHT * distribution
    )
    return score


def consecutive_changes(feats: Features) -> tuple[np.ndarray, np.ndarray]:
    """(cut score, luminance change) of every frame against the one before; the first gets 0."""
    if len(feats) < 2:
        return np.zeros(len(feats)), np.zeros(len(feats))
    earlier, later = np.arange(len(feats) - 1), np.arange(1, len(feats))
    pad = np.zeros(1)
    return (
        np.concatenate([pad, change_between(feats, earlier, later)]),
        np.concatenate([pad, light_change(feats, earlier, later)]),
    )
