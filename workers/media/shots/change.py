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
    """(count, 36, 64) uint8, as decoded: converted per pair, never as a whole."""
    chroma: np.ndarray
    """(count, 2, 18, 32) uint8."""
    edges: np.ndarray
    """(count, 9, 16) float32: mean gradient per 4x4 block, 0..1."""
    detail: np.ndarray
    cumulative: np.ndarray
    """(count, 3, bins) float32: cumulative histograms of Y, U and V, 0..1."""

    def __len__(self) -> int:
        return len(self.luma)

    @staticmethod
    def take(parts: list[Features], pick: np.ndarray) -> Features:
        """The frames ``pick`` of the parts joined end to end (see ``merge_order``)."""
        return Features(
            *(
                np.concatenate([getattr(part, name) for part in parts])[pick]
                for name in ("luma", "chroma", "edges", "detail", "cumulative")
            )
        )


def _edges(luma: np.ndarray) -> np.ndarray:
    picture = luma.astype(np.int16)
    # The last column and row repeat themselves: no gradient there, shapes stay block-aligned.
    across = np.abs(np.diff(picture, axis=2, append=picture[:, :, -1:]))
    down = np.abs(np.diff(picture, axis=1, append=picture[:, -1:, :]))
    count, height, width = picture.shape
    blocks = (across + down).reshape(count, height // _BLOCK, _BLOCK, width // _BLOCK, _BLOCK)
    sums = blocks.sum(axis=(2, 4), dtype=np.int32)
    density: np.ndarray = (sums / (_BLOCK * _BLOCK * 255.0)).astype(np.float32)
    return density


def _cumulative_histograms(luma: np.ndarray, chroma: np.ndarray) -> np.ndarray:
    count = len(luma)
    # Every other luma sample: as many as each colour plane has, plenty for a histogram.
    planes = np.concatenate(
        [luma[:, ::2, ::2].reshape(count, 1, -1), chroma.reshape(count, 2, -1)], axis=1
    )
    codes = (planes >> (8 - int(np.log2(_BINS)))).astype(np.int32)
    codes += (np.arange(count * 3, dtype=np.int32) * _BINS).reshape(count, 3, 1)
    flat = np.bincount(codes.ravel(), minlength=count * 3 * _BINS)
    histograms = flat.reshape(count, 3, _BINS).astype(np.float32) / planes.shape[2]
    return np.cumsum(histograms, axis=2)


def features(frames: TinyFrames) -> Features:
    edges = _edges(frames.luma)
    return Features(
        luma=frames.luma,
        chroma=frames.chroma,
        edges=edges,
        detail=edges.mean(axis=(1, 2)),
        cumulative=_cumulative_histograms(frames.luma, frames.chroma),
    )


def light_change(feats: Features, earlier: np.ndarray, later: np.ndarray) -> np.ndarray:
    """Mean absolute luminance difference, 0..1: the motion measure."""
    difference = feats.luma[later].astype(np.int16) - feats.luma[earlier]
    change: np.ndarray = np.abs(difference).mean(axis=(1, 2)) / 255.0
    return change


def change_between(feats: Features, earlier: np.ndarray, later: np.ndarray) -> np.ndarray:
    """The cut score of each pair (earlier[i], later[i]) of frame indexes, about 0..2."""
    light = light_change(feats, earlier, later)
    colour_difference = feats.chroma[later].astype(np.int16) - feats.chroma[earlier]
    colour = np.abs(colour_difference).mean(axis=(1, 2, 3)) / 255.0
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
