"""Pauses from a fine energy envelope: where a clip may start or end before any transcript.

Between phrases, and often between words, speech drops towards the room's noise floor for a
tenth of a second or more. Levels are judged against the source's own floor and speaking level,
so a noisy film soundtrack and a clean studio recording both show their gaps. A steady sound
(music, a tone, constant noise) has no such valleys and yields no pauses.
"""

from __future__ import annotations

ENVELOPE_STEP = 0.01  # seconds per envelope frame
PAUSE_MIN_SECONDS = 0.1  # shorter dips happen inside words (the closure before a "p")
QUIET_SHARE = 0.3  # a frame is quiet below floor + this share of (speaking level - floor)
MIN_RANGE_DB = 10.0  # less contrast than this between quiet and loud: no speech-like gaps
SMOOTH_FRAMES = 3
BRIDGE_FRAMES = 2  # a click this short inside a pause does not end it


def _smoothed(levels: list[float]) -> list[float]:
    half = SMOOTH_FRAMES // 2
    out = []
    for index in range(len(levels)):
        window = levels[max(0, index - half) : index + half + 1]
        out.append(sum(window) / len(window))
    return out


def _quiet_runs(quiet: list[bool]) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    start: int | None = None
    for index, is_quiet in enumerate([*quiet, False]):
        if is_quiet and start is None:
            start = index
        elif not is_quiet and start is not None:
            if runs and start - runs[-1][1] <= BRIDGE_FRAMES:
                start = runs.pop()[0]
            runs.append((start, index))
            start = None
    return runs


def pauses_in(levels: list[float], step: float = ENVELOPE_STEP) -> list[tuple[float, float]]:
    """Spans (seconds) where the envelope (dB per ``step``) sits near the noise floor."""
    if len(levels) < SMOOTH_FRAMES:
        return []
    smooth = _smoothed(levels)
    ordered = sorted(smooth)
    floor, speaking = ordered[len(ordered) // 10], ordered[len(ordered) * 9 // 10]
    if speaking - floor < MIN_RANGE_DB:
        return []
    threshold = floor + QUIET_SHARE * (speaking - floor)
    min_frames = round(PAUSE_MIN_SECONDS / step)
    return [
        (round(a * step, 2), round(b * step, 2))
        for a, b in _quiet_runs([value < threshold for value in smooth])
        if b - a >= min_frames
    ]
