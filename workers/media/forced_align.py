"""Word times for a transcript that came without them: a server's segments (text with a start and
an end, accurate words) aligned to the audio.

Two sources of timing, best first: the bundled offline recogniser's own words where they match the
server's (its words are often wrong, but where it heard the same word, its time is the word's
time), and between those anchors the voice itself: the words of an unmatched run share the voiced
frames of their stretch in proportion to their length, so no word is placed on a pause."""

from __future__ import annotations

import re
import time
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path

import numpy as np
import structlog

from workers.media.runner import CancelSignal
from workers.media.speech import SpokenWord, installed_offline_engines, pcm_audio, recognise_pcm
from workers.media.speech_timing import FRAME_SECONDS, loud_frames

log = structlog.get_logger(__name__)
# A recognised word this far outside its segment belongs to another one.
SEGMENT_SLACK = 0.3
ANCHOR_TIMEOUT = 600.0
MIN_WORD_SECONDS = 0.08


@dataclass(frozen=True)
class Segment:
    text: str
    start: float
    end: float


def normal(word: str) -> str:
    """A word as compared across recognisers: lowercase letters and digits only."""
    return re.sub(r"[^a-z0-9]", "", word.lower())


def align_segments(
    path: Path, segments: Sequence[Segment], *, ffmpeg_path: str | None, cancel: CancelSignal | None
) -> list[SpokenWord]:
    pcm = pcm_audio(path, ffmpeg_path=ffmpeg_path, timeout=ANCHOR_TIMEOUT, cancel=cancel)
    return align_pcm(pcm, segments, anchors=recognised_anchors(pcm, cancel))


def recognised_anchors(pcm: bytes, cancel: CancelSignal | None) -> list[SpokenWord]:
    engines = installed_offline_engines()
    if not engines:
        return []
    deadline = time.monotonic() + ANCHOR_TIMEOUT
    return recognise_pcm(pcm, engines[0], deadline=deadline, cancel=cancel)


def align_pcm(
    pcm: bytes, segments: Sequence[Segment], *, anchors: Sequence[SpokenWord]
) -> list[SpokenWord]:
    voiced = loud_frames(pcm)
    if voiced is None:  # no clear pauses: every frame may carry a word
        voiced = np.ones(max(1, len(pcm) // int(2 * 16_000 * FRAME_SECONDS)), dtype=bool)
    words: list[SpokenWord] = []
    for segment in segments:
        words += _align_segment(segment, anchors, voiced)
    matched = sum(1 for word in words if word.confidence == 1.0)
    log.info("media.speech.aligned", words=len(words), anchored=matched)
    return words


def _align_segment(
    segment: Segment, anchors: Sequence[SpokenWord], voiced: np.ndarray
) -> list[SpokenWord]:
    tokens = _tokens(segment.text)
    nearby = [
        word
        for word in anchors
        if word.end > segment.start - SEGMENT_SLACK and word.start < segment.end + SEGMENT_SLACK
    ]
    placed: list[tuple[float, float] | None] = [None] * len(tokens)
    matcher = SequenceMatcher(
        a=[normal(t) for t in tokens], b=[normal(w.text) for w in nearby], autojunk=False
    )
    for block in matcher.get_matching_blocks():
        for k in range(block.size):
            word = nearby[block.b + k]
            if normal(word.text):
                start = max(segment.start, min(word.start, segment.end))
                end = max(start, min(word.end, segment.end))
                placed[block.a + k] = (start, end)
    anchored = [slot is not None for slot in placed]
    _fill_between_anchors(tokens, placed, segment, voiced)
    aligned: list[SpokenWord] = []
    for token, slot, heard in zip(tokens, placed, anchored, strict=True):
        start, end = slot if slot is not None else (segment.start, segment.start)
        if aligned:  # recognisers let touching words overlap by a frame or two
            start = max(start, aligned[-1].end)
            end = max(end, start)
        # confidence 1.0: timed by the recogniser; 0.5: placed on the voice between anchors
        confidence = 1.0 if heard else 0.5
        aligned.append(SpokenWord(token, round(float(start), 2), round(float(end), 2), confidence))
    return aligned


def _tokens(text: str) -> list[str]:
    """Words, with a free-standing mark ("in - in", "...") kept on the word before it."""
    tokens: list[str] = []
    for token in text.split():
        if tokens and not normal(token):
            tokens[-1] = f"{tokens[-1]} {token}"
        else:
            tokens.append(token)
    return tokens


def _runs(placed: list[tuple[float, float] | None]) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    index = 0
    while index < len(placed):
        if placed[index] is not None:
            index += 1
            continue
        first = index
        while index < len(placed) and placed[index] is None:
            index += 1
        runs.append((first, index))
    return runs


def _fill_between_anchors(
    tokens: list[str],
    placed: list[tuple[float, float] | None],
    segment: Segment,
    voiced: np.ndarray,
) -> None:
    """Give each run of unplaced words the voiced frames between its placed neighbours. A run
    with no room between them (the recogniser heard the neighbour but not this word) takes the
    next anchor in with it. Runs are found first and filled after, so a filled word never
    serves as another run's anchor."""
    while True:
        squeezed = [
            stop
            for first, stop in _runs(placed)
            if stop < len(tokens)
            and _room(placed, first, stop, segment) < MIN_WORD_SECONDS * (stop - first)
        ]
        if not squeezed:
            break
        for stop in squeezed:
            placed[stop] = None
    for first, stop in _runs(placed):
        begin, finish = _stretch(placed, first, stop, segment)
        spans = _share_voice(tokens[first:stop], begin, max(finish, begin + 0.01), voiced)
        for offset, span in enumerate(spans):
            placed[first + offset] = span


def _stretch(
    placed: list[tuple[float, float] | None], first: int, stop: int, segment: Segment
) -> tuple[float, float]:
    before = placed[first - 1] if first > 0 else None
    after = placed[stop] if stop < len(placed) else None
    return (
        before[1] if before is not None else segment.start,
        after[0] if after is not None else segment.end,
    )


def _room(
    placed: list[tuple[float, float] | None], first: int, stop: int, segment: Segment
) -> float:
    begin, finish = _stretch(placed, first, stop, segment)
    return finish - begin


def _share_voice(
    tokens: list[str], begin: float, finish: float, voiced: np.ndarray
) -> list[tuple[float, float]]:
    """Split [begin, finish) between ``tokens`` by length, counting only voiced frames."""
    first, last = int(begin / FRAME_SECONDS), int(np.ceil(finish / FRAME_SECONDS))
    frames = np.flatnonzero(voiced[first:last]) + first
    if frames.size == 0:  # nothing voiced here: spread over the whole stretch
        frames = np.arange(first, max(last, first + 1))
    weights = np.array([len(normal(t)) + 1 for t in tokens], dtype=float)
    bounds = np.concatenate([[0.0], np.cumsum(weights) / weights.sum()]) * frames.size
    spans = []
    for k in range(len(tokens)):
        lo = min(round(float(bounds[k])), frames.size - 1)
        hi = max(lo, min(round(float(bounds[k + 1])) - 1, frames.size - 1))
        start = float(frames[lo]) * FRAME_SECONDS
        end = float(frames[hi] + 1) * FRAME_SECONDS
        spans.append((max(begin, start), min(finish, max(end, start + FRAME_SECONDS))))
    return spans
