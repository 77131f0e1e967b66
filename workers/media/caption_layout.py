"""Words -> caption events: what appears on screen, when, and broken into which rows.

An event shows a few words (a preset's ``words_per_line``) of one phrase at a time; phrases end
at a sentence's end or a pause, so a caption never runs across a breath. A phrase's words are
shared out evenly between its events (7 words at 3 a line: 3 + 2 + 2, never 3 + 3 + 1), so no
word is left alone on screen unless its phrase is one word. Text is put in sentence case, and a
transcript without any punctuation (an engine that gives none) gets full stops at its pauses."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from core.caption_presets import CaptionStyle
from workers.media.timeline import Word

PHRASE_BREAK_GAP = 0.6  # a pause this long ends a phrase
SENTENCE_BREAK_GAP = 0.8  # ...and, in a transcript without punctuation, a sentence
UNMARKED_SENTENCE_GAP = 0.25
EVENT_MAX_SECONDS = 3.0
# An event is held a little past its last word when the next follows close behind, so the
# screen does not flash empty between two events; never so long that it drifts off the words.
HOLD_SECONDS = 0.15
GLYPH_WIDTH = 0.6  # average advance of a bold sans glyph, as a share of the font size
SENTENCE_END = re.compile(r"[.!?…]['\")\]]*$")


@dataclass(frozen=True)
class CaptionWord:
    text: str
    start: float
    end: float


@dataclass(frozen=True)
class CaptionEvent:
    start: float
    end: float
    rows: tuple[tuple[CaptionWord, ...], ...]

    @property
    def words(self) -> list[CaptionWord]:
        return [word for row in self.rows for word in row]

    @property
    def text(self) -> str:
        return "\n".join(" ".join(word.text for word in row) for row in self.rows)

    def shifted(self, by: float, limit: float) -> CaptionEvent | None:
        """On a timeline that starts ``by`` seconds later and ends at ``limit``; None if nothing
        of it is left."""
        start, end = max(0.0, self.start - by), min(limit, self.end - by)
        if end <= start:
            return None
        rows = tuple(
            tuple(
                CaptionWord(w.text, max(0.0, w.start - by), min(limit, w.end - by))
                for w in row
                if w.start - by < limit
            )
            for row in self.rows
        )
        rows = tuple(row for row in rows if row)
        return CaptionEvent(start, end, rows) if rows else None


def sentence_case(words: Sequence[Word]) -> list[Word]:
    """Capitals where a sentence starts and for "I"; full stops at long pauses when the
    transcript has no punctuation at all."""
    if not words:
        return []
    bare = not any(re.search(r"[.,!?;:]", w.text) for w in words)
    tidy: list[Word] = []
    starts_sentence = True
    for index, word in enumerate(words):
        text = word.text.strip()
        if re.fullmatch(r"i('[a-z]+)?", text):
            text = "I" + text[1:]
        if starts_sentence and text[:1].islower():
            text = text[0].upper() + text[1:]
        following = words[index + 1] if index + 1 < len(words) else None
        if bare and (following is None or following.start - word.end >= SENTENCE_BREAK_GAP):
            text += "."
        tidy.append(Word(text, word.start, word.end))
        starts_sentence = bool(SENTENCE_END.search(text))
    return tidy


def _new_sentence(previous: Word, word: Word) -> bool:
    """A capital after a short pause starts a sentence the transcript forgot to end."""
    capital = word.text[:1].isupper() and not re.fullmatch(r"I('[a-z]+)?", word.text)
    return capital and word.start - previous.end >= UNMARKED_SENTENCE_GAP


def _phrases(words: Sequence[Word]) -> list[list[Word]]:
    phrases: list[list[Word]] = []
    current: list[Word] = []
    for word in words:
        if current and (
            word.start - current[-1].end >= PHRASE_BREAK_GAP or _new_sentence(current[-1], word)
        ):
            phrases.append(current)
            current = []
        current.append(word)
        if SENTENCE_END.search(word.text):
            phrases.append(current)
            current = []
    if current:
        phrases.append(current)
    return phrases


def _even_chunks(words: list[Word], size: int) -> list[list[Word]]:
    count = math.ceil(len(words) / size)
    base, extra = divmod(len(words), count)
    chunks, at = [], 0
    for index in range(count):
        take = base + (1 if index < extra else 0)
        chunks.append(words[at : at + take])
        at += take
    return chunks


def _rows(words: list[Word], max_chars: int, max_rows: int) -> tuple[tuple[Word, ...], ...]:
    """One row if it fits, else the split into rows that keeps the longest row shortest (each
    row at least two words where there are enough)."""
    text_length = len(" ".join(w.text for w in words))
    if text_length <= max_chars or len(words) < 2 or max_rows < 2:
        return (tuple(words),)
    best: tuple[int, int] | None = None
    for cut in range(1, len(words)):
        if len(words) >= 4 and (cut < 2 or len(words) - cut < 2):
            continue
        longest = max(
            len(" ".join(w.text for w in words[:cut])), len(" ".join(w.text for w in words[cut:]))
        )
        if best is None or longest < best[0]:
            best = (longest, cut)
    assert best is not None
    return (tuple(words[: best[1]]), tuple(words[best[1] :]))


def row_chars(style: CaptionStyle, width: int, height: int, usable_share: float) -> int:
    """How many characters fit in a row of the safe area at the style's size."""
    return max(8, int(width * usable_share / (style.size * height * GLYPH_WIDTH)))


def build_events(
    words: Sequence[Word],
    start: float,
    end: float,
    style: CaptionStyle,
    *,
    max_chars: int = 24,
) -> list[CaptionEvent]:
    """Caption events on the source timeline for the words of [start, end)."""
    inside = [w for w in words if start <= w.start and w.end <= end + 0.05]
    events: list[CaptionEvent] = []
    for phrase in _phrases(sentence_case(inside)):
        chunks = _even_chunks(phrase, max(1, style.words_per_line))
        split: list[list[Word]] = []
        for chunk in chunks:  # a slow speaker's chunk would stay up too long: halve it
            if len(chunk) > 1 and chunk[-1].end - chunk[0].start > EVENT_MAX_SECONDS:
                split += _even_chunks(chunk, math.ceil(len(chunk) / 2))
            else:
                split.append(chunk)
        for chunk in split:
            rows = _rows(chunk, max_chars, style.max_lines)
            text_rows = tuple(
                tuple(
                    CaptionWord(w.text.upper() if style.uppercase else w.text, w.start, w.end)
                    for w in row
                )
                for row in rows
            )
            events.append(CaptionEvent(chunk[0].start, chunk[-1].end, text_rows))
    return _held(events)


def _held(events: list[CaptionEvent]) -> list[CaptionEvent]:
    held = []
    for index, event in enumerate(events):
        end = event.end
        if index + 1 < len(events):
            following = events[index + 1].start
            if 0 < following - end <= HOLD_SECONDS:
                end = following
        held.append(CaptionEvent(event.start, end, event.rows))
    return held
