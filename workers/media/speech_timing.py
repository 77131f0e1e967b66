"""Word edges moved onto the voice. Whisper times words from attention, not from the signal: a
word after a silence tends to start where that silence starts. Clip edges snap to word gaps, so the
gaps must be where the pauses are. (Boundaries between two touching words are left as Whisper put
them: moving them into the nearest quiet stretch also moved them into stop consonants.)"""

from __future__ import annotations

import numpy as np

from workers.media.speech import SAMPLE_RATE, SpokenWord

FRAME_SECONDS = 0.01
# Word edges move onto the voice only where the audio has real pauses: its loud frames (95th
# percentile) stand this far above its quiet ones (10th). Dialogue over a noisy track is left
# as Whisper timed it.
PAUSE_CONTRAST_DB = 20.0
# Between the quiet and the loud level, this far up counts as voice: low enough for a soft
# consonant at a word's edge (GRID's "s" of "set" sits ~40% up), high enough for breath noise.
VOICE_FRACTION = 0.35


def loud_frames(pcm: bytes) -> np.ndarray | None:
    """Per 10 ms frame: is it voice rather than pause, judged against the source's own quiet and
    loud levels; None when the source has no clear pauses to judge by."""
    samples = np.frombuffer(pcm, dtype=np.int16).astype(np.float32)
    per_frame = int(SAMPLE_RATE * FRAME_SECONDS)
    count = len(samples) // per_frame
    if count == 0:
        return None
    frames = samples[: count * per_frame].reshape(count, per_frame)
    level = 10 * np.log10(np.mean(frames**2, axis=1) + 1.0)
    quiet, loud = float(np.percentile(level, 10)), float(np.percentile(level, 95))
    if loud - quiet < PAUSE_CONTRAST_DB:
        return None
    voiced: np.ndarray = level > quiet + VOICE_FRACTION * (loud - quiet)
    return voiced


def tighten_to_voice(words: list[SpokenWord], loud: np.ndarray | None) -> list[SpokenWord]:
    """Move each word's edges off silent frames onto its first and last loud frame. A word with
    no loud frame at all is left as it is (too quiet to judge, not a reason to drop it)."""
    if loud is None:
        return words
    tightened = []
    for word in words:
        first = int(word.start / FRAME_SECONDS)
        last = min(len(loud), int(np.ceil(word.end / FRAME_SECONDS)))
        voiced = np.flatnonzero(loud[first:last])
        if voiced.size == 0:
            tightened.append(word)
            continue
        start = round((first + voiced[0]) * FRAME_SECONDS, 2)
        end = round((first + voiced[-1] + 1) * FRAME_SECONDS, 2)
        tightened.append(SpokenWord(word.text, start, end, word.confidence))
    return tightened
