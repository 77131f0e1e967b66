"""Which changes are cuts: a change that stands out against its neighbourhood and lasts.

- Contrast: a cut's change is several times the typical change around it, so fast motion,
  fades and slow morphs (high change over many frames) are not cuts.
- Alone: within a tenth of a second, at most one other change comes near a cut's (the next
  cut around a very short shot, or motion starting with the new shot); three in a row is
  fast motion.
- Flicker: a burst of similar spikes (lightning, a strobe, a hologram) is not a cut, while a
  cut (even two, around a very short shot) stands almost alone.
- Flash: a picture that comes back within half a second to what it was before the spike (a
  camera flash, one white frame) was never left.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import numpy as np

from workers.media.shots.change import Features, change_between


@dataclass(frozen=True)
class Thresholds:
    min_change: float = 0.2
    """The least cut score a cut reaches."""
    contrast: float = 2.0
    """...and how many times the typical change around it."""

    def loosened(self, factor: float) -> Thresholds:
        return Thresholds(self.min_change * factor, 1 + (self.contrast - 1) * factor)


STRICT: Final = Thresholds()
NEIGHBOURHOOD_SECONDS: Final = 0.5  # each side, what "typical" is measured over
TYPICAL_FLOOR: Final = 0.02
MIN_SHOT_SECONDS: Final = 0.1  # the shortest real shot seen in trailers is 3 frames
FLICKER_SECONDS: Final = 0.33
FLICKER_SIMILAR: Final = 0.8
# The cuts around a 3-frame shot and the motion after them make up to three; a burst has more.
FLICKER_SISTERS: Final = 4
ALONE_SECONDS: Final = 0.1
ALONE_SIMILAR: Final = 0.6
FLASH_SECONDS: Final = 0.5
FLASH_RETURN: Final = 0.4  # back to within this share of the spike: the picture came back


def _window(times: np.ndarray, index: int, seconds: float) -> tuple[int, int]:
    low = int(np.searchsorted(times, times[index] - seconds, side="left"))
    high = int(np.searchsorted(times, times[index] + seconds, side="right"))
    return max(1, low), min(len(times), high)


def _flickers(times: np.ndarray, score: np.ndarray, index: int) -> bool:
    low, high = _window(times, index, FLICKER_SECONDS)
    similar = np.count_nonzero(score[low:high] >= FLICKER_SIMILAR * score[index]) - 1
    return bool(similar >= FLICKER_SISTERS)


def _crowded(times: np.ndarray, score: np.ndarray, index: int) -> bool:
    low, high = _window(times, index, ALONE_SECONDS)
    return bool(np.count_nonzero(score[low:high] >= ALONE_SIMILAR * score[index]) - 1 >= 2)


def _flashes(feats: Features, times: np.ndarray, score: np.ndarray, index: int) -> bool:
    _, high = _window(times, index, FLASH_SECONDS)
    later = np.arange(index + 1, high)
    if not len(later):
        return False
    back = change_between(feats, np.full(len(later), index - 1), later)
    return bool(back.min() < FLASH_RETURN * score[index])


def find_cuts(
    feats: Features,
    times: np.ndarray,
    score: np.ndarray,
    thresholds: Thresholds = STRICT,
) -> list[int]:
    """Indexes of the frames where a new shot starts."""
    cuts: list[int] = []
    for index in (int(found) for found in np.flatnonzero(score >= thresholds.min_change)):
        if index == 0:
            continue
        value = score[index]
        if value < score[max(1, index - 1) : index + 2].max():
            continue
        low, high = _window(times, index, NEIGHBOURHOOD_SECONDS)
        around = np.delete(score[low:high], index - low)
        typical = float(np.median(around)) if len(around) else 0.0
        if value < thresholds.contrast * max(typical, TYPICAL_FLOOR):
            continue
        if (
            _crowded(times, score, index)
            or _flickers(times, score, index)
            or _flashes(feats, times, score, index)
        ):
            continue
        if cuts and times[index] - times[cuts[-1]] < MIN_SHOT_SECONDS - 1e-3:
            if value > score[cuts[-1]]:
                cuts[-1] = index
            continue
        cuts.append(index)
    return cuts
