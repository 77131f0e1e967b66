"""What analysis knows about a video over time; the input of clip finding and scoring."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Word:
    text: str
    start: float
    end: float


@dataclass(frozen=True)
class Timeline:
    duration: float
    shots: list[float] = field(default_factory=list)  # hard-cut times
    silences: list[tuple[float, float]] = field(default_factory=list)
    loudness: list[tuple[float, float]] = field(default_factory=list)  # (t, momentary LUFS)
    motion: list[tuple[float, float]] = field(default_factory=list)  # (t, energy ≥ 0)
    faces: list[tuple[float, int]] = field(default_factory=list)  # (t, faces seen)
    words: list[Word] | None = None  # None: no transcript (yet)
    # Gaps in the sound (valleys of the 10 ms energy envelope): places to cut before any words.
    pauses: list[tuple[float, float]] = field(default_factory=list)
    speech_engine: str | None = None  # which engine heard the words (core/speech_quality.py)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Timeline:
        words = data.get("words")
        return cls(
            duration=float(data["duration"]),
            shots=[float(t) for t in data.get("shots", [])],
            silences=[(float(a), float(b)) for a, b in data.get("silences", [])],
            pauses=[(float(a), float(b)) for a, b in data.get("pauses", [])],
            loudness=[(float(t), float(v)) for t, v in data.get("loudness", [])],
            motion=[(float(t), float(v)) for t, v in data.get("motion", [])],
            faces=[(float(t), int(n)) for t, n in data.get("faces", [])],
            words=None if words is None else [Word(w["text"], w["start"], w["end"]) for w in words],
            speech_engine=data.get("speech_engine"),
        )
