"""Speech to text with word times: OpenAI when a key is configured, else the offline engine
(pocketsphinx, whose wheel carries an English model), else an honest "no transcript" reason."""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass, field
from pathlib import Path

import structlog

from workers.media.info import MediaInfo
from workers.media.probe import _input_args
from workers.media.runner import CancelSignal, run_ffmpeg

log = structlog.get_logger(__name__)
SAMPLE_RATE = 16_000
_NOT_WORDS = {"<s>", "</s>", "<sil>", "[NOISE]", "[SPEECH]", "[BREATH]", "[COUGH]", "[UM]", "[UH]"}


@dataclass(frozen=True)
class SpokenWord:
    text: str
    start: float
    end: float
    confidence: float = 1.0


@dataclass(frozen=True)
class Transcript:
    engine: str
    words: list[SpokenWord] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(word.text for word in self.words)


@dataclass(frozen=True)
class NoTranscript:
    reason: str


def pcm_audio(
    path: Path, *, ffmpeg_path: str | None, timeout: float, cancel: CancelSignal | None
) -> bytes:
    """16 kHz mono 16-bit PCM of the first audio track; the picture is never decoded."""
    result = run_ffmpeg(
        [
            *_input_args(path),
            "-vn",
            "-sn",
            "-dn",
            "-ac",
            "1",
            "-ar",
            str(SAMPLE_RATE),
            "-f",
            "s16le",
            "-",
        ],
        timeout=timeout,
        ffmpeg_path=ffmpeg_path,
        cancel=cancel,
    )
    return result.stdout


def _pocketsphinx(pcm: bytes) -> list[SpokenWord]:
    from pocketsphinx import Decoder, Endpointer, set_loglevel

    set_loglevel("FATAL")  # its search warnings go straight to stderr, once per frame

    endpointer = Endpointer()
    # The second and third search passes (fwdflat, bestpath) cost 40% of the time for little
    # gain on conversational audio; the first pass already gives word times.
    decoder = Decoder(samprate=endpointer.sample_rate, fwdflat=False, bestpath=False)
    words: list[SpokenWord] = []
    frame_bytes = endpointer.frame_bytes

    def finish(offset: float) -> None:
        decoder.end_utt()
        for segment in decoder.seg():
            text = segment.word.split("(")[0]
            if text and text not in _NOT_WORDS:
                words.append(
                    SpokenWord(
                        text,
                        round(offset + segment.start_frame / 100, 2),
                        round(offset + (segment.end_frame + 1) / 100, 2),
                        round(float(segment.prob), 3),
                    )
                )

    utterance_start: float | None = None
    for index in range(0, len(pcm), frame_bytes):
        frame = pcm[index : index + frame_bytes]
        was_speaking = endpointer.in_speech
        speech = (
            endpointer.process(frame) if len(frame) == frame_bytes else endpointer.end_stream(frame)
        )
        if speech is None:
            continue
        if not was_speaking:
            utterance_start = endpointer.speech_start
            decoder.start_utt()
        decoder.process_raw(speech)
        if not endpointer.in_speech and utterance_start is not None:
            finish(utterance_start)
            utterance_start = None
    if utterance_start is not None:
        finish(utterance_start)
    return words


def offline_engine_available() -> bool:
    return importlib.util.find_spec("pocketsphinx") is not None


def transcribe(
    path: Path,
    info: MediaInfo,
    *,
    engine: str = "auto",
    openai_api_key: str | None = None,
    openai_base_url: str = "https://api.openai.com/v1",
    ffmpeg_path: str | None = None,
    timeout: float = 1800.0,
    cancel: CancelSignal | None = None,
) -> Transcript | NoTranscript:
    if engine == "none":
        return NoTranscript("Transcription is turned off (STAKAZO_SPEECH_ENGINE=none).")
    if not info.has_audio:
        return NoTranscript("The video has no audio track, so there is nothing to transcribe.")
    if engine == "openai" or (engine == "auto" and openai_api_key):
        if not openai_api_key:
            return NoTranscript(
                "OpenAI transcription is selected but STAKAZO_OPENAI_API_KEY is unset."
            )
        from workers.media.openai_speech import transcribe_with_openai

        return transcribe_with_openai(
            path,
            api_key=openai_api_key,
            base_url=openai_base_url,
            duration=info.duration,
            ffmpeg_path=ffmpeg_path,
            cancel=cancel,
        )
    if not offline_engine_available():
        return NoTranscript(
            "No speech engine is installed: install pocketsphinx, or set STAKAZO_OPENAI_API_KEY."
        )
    pcm = pcm_audio(path, ffmpeg_path=ffmpeg_path, timeout=timeout, cancel=cancel)
    words = _pocketsphinx(pcm)
    log.info("media.speech.done", engine="pocketsphinx", words=len(words))
    return Transcript("pocketsphinx", words)
