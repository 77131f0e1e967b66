"""One video's analysis, in two stages so that the first clips need not wait for speech.

``analyze_picture_and_sound`` is the fast stage: cuts and motion from the picture, with the
audio-only pass (loudness, silences, the pauses between words) on a thread beside it. Clips can
be found and rendered from its timeline at once. ``refine_analysis`` is the slow stage: speech
recognition (and faces) afterwards, adding words and faces to the same timeline. ``analyze_media``
runs both, speech beside the picture, for callers that want everything before any clip
(``stakazo clip``). Pure: a file in, a timeline out.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Protocol, TypeVar

import structlog
from pydantic import SecretStr

from workers.media.audio import AudioAnalysis, analyze_audio
from workers.media.faces import detect_faces
from workers.media.frames import analyze_frames
from workers.media.info import MediaInfo
from workers.media.speech import NoTranscript, Transcript, TranscriptionServer, transcribe
from workers.media.timeline import Timeline, Word

log = structlog.get_logger(__name__)
T = TypeVar("T")

# Share of each stage's time its steps take, roughly, for the progress bar (measured on the
# bench source: the audio pass runs beside the picture and finishes long before it).
PICTURE_SHARE = 1.0
# ffmpeg's priority for an analysis that should leave the cores to a render running beside it.
BACKGROUND_NICE = 10
SPEECH_SHARE, FACES_SHARE = 0.75, 0.25


class AnalysisSettings(Protocol):
    """What the analysis reads from the settings (``backend.config.Settings`` has it): named
    here so that media code stays free of the backend."""

    @property
    def ffmpeg_path(self) -> str | None: ...
    @property
    def ffmpeg_timeout_seconds(self) -> float: ...
    @property
    def openai_api_key(self) -> SecretStr | None: ...
    @property
    def speech_engine(self) -> str: ...
    @property
    def transcription_base_url(self) -> str | None: ...
    @property
    def transcription_model(self) -> str: ...
    @property
    def transcription_api_key(self) -> SecretStr | None: ...


@dataclass(frozen=True)
class Analysis:
    timeline: Timeline
    transcript_status: str  # "pending" (speech still to come) | "available" | "unavailable"
    transcript_reason: str | None


def _common(settings: AnalysisSettings, cancel: threading.Event | None) -> dict[str, object]:
    return {
        "ffmpeg_path": settings.ffmpeg_path,
        "timeout": settings.ffmpeg_timeout_seconds,
        "cancel": cancel,
    }


class _Beside:
    """Runs one call on its own thread; ``result()`` hands back its value or its exception."""

    def __init__(self, name: str, work: Callable[[], T]) -> None:
        self.outcome: list[object] = []

        def run() -> None:
            try:
                self.outcome.append(work())
            except BaseException as error:  # handed over to the caller's thread below
                self.outcome.append(error)

        self.thread = threading.Thread(target=run, name=name, daemon=True)
        self.thread.start()

    def result(self, timeout: float) -> object:
        self.thread.join(timeout=timeout)
        if not self.outcome:
            return None
        if isinstance(self.outcome[0], BaseException):
            raise self.outcome[0]
        return self.outcome[0]


def _fraction(
    duration: float, sink: Callable[[float], None] | None, low: float, share: float
) -> Callable[[float], None]:
    """Seconds of the source done, as a fraction of the stage: ``low`` + ``share`` times done."""

    def report(seconds: float) -> None:
        if sink is not None and duration > 0:
            sink(low + share * min(1.0, seconds / duration))

    return report


def analyze_picture_and_sound(
    source: Path,
    info: MediaInfo,
    *,
    settings: AnalysisSettings,
    progress: Callable[[float], None] | None = None,
    cancel: threading.Event | None = None,
    until: float | None = None,
    nice: int = 0,
) -> Timeline:
    """Cuts, motion, loudness, silences and pauses: everything clip finding needs, no words.

    ``until``: only the opening seconds, on a timeline that long (a first clip can be found in
    it while the rest is still to analyse). ``nice``: the ffmpeg runs yield the cores to work of
    normal priority (a first clip's render)."""
    if until is not None and until >= info.duration:
        until = None
    common = {**_common(settings, cancel), "until": until, "nice": nice}
    # The audio-only pass is hundreds of times faster than real time: beside the picture decode
    # it costs the first clip nothing.
    sound = _Beside("audio", lambda: analyze_audio(source, info, **common))  # type: ignore[arg-type]
    frames = analyze_frames(
        source,
        info,
        progress=_fraction(until or info.duration, progress, 0.0, PICTURE_SHARE),
        **common,  # type: ignore[arg-type]
    )
    audio = sound.result(settings.ffmpeg_timeout_seconds)
    if not isinstance(audio, AudioAnalysis):
        audio = AudioAnalysis(has_audio=False)
    if progress is not None:
        progress(1.0)
    log.info(
        "media.analyzed.picture_and_sound",
        shots=len(frames.shots),
        silences=len(audio.silences),
        pauses=len(audio.pauses),
    )
    return Timeline(
        duration=until or info.duration,
        shots=frames.shots,
        silences=audio.silences,
        loudness=audio.loudness,
        motion=frames.motion,
        pauses=audio.pauses,
    )


def _speech(
    source: Path, info: MediaInfo, settings: AnalysisSettings, cancel: threading.Event | None
) -> Transcript | NoTranscript:
    key = settings.openai_api_key.get_secret_value() if settings.openai_api_key else None
    server = None
    if settings.transcription_base_url:
        server_key = settings.transcription_api_key
        server = TranscriptionServer(
            settings.transcription_base_url.rstrip("/"),
            settings.transcription_model,
            server_key.get_secret_value() if server_key else None,
        )
    return transcribe(
        source,
        info,
        engine=settings.speech_engine,
        openai_api_key=key,
        server=server,
        ffmpeg_path=settings.ffmpeg_path,
        timeout=settings.ffmpeg_timeout_seconds,
        cancel=cancel,
    )


def _with_speech(
    timeline: Timeline, speech: Transcript | NoTranscript | None, faces: list[tuple[float, int]]
) -> Analysis:
    if speech is None:
        speech = NoTranscript("Speech recognition did not finish in time.")
    words = (
        None
        if isinstance(speech, NoTranscript)
        else [Word(w.text, w.start, w.end) for w in speech.words]
    )
    engine = None if isinstance(speech, NoTranscript) else speech.engine
    refined = replace(timeline, words=words, faces=faces, speech_engine=engine)
    log.info("media.analyzed.speech", words=None if words is None else len(words))
    if isinstance(speech, NoTranscript):
        return Analysis(refined, "unavailable", speech.reason)
    return Analysis(refined, "available", None)


def refine_analysis(
    source: Path,
    info: MediaInfo,
    timeline: Timeline,
    *,
    settings: AnalysisSettings,
    progress: Callable[[float], None] | None = None,
    cancel: threading.Event | None = None,
) -> Analysis:
    """The slow stage: speech with word times, then faces, added to the fast stage's timeline.
    Speech runs first (its words change clip edges and captions); faces only move scores."""
    speech = _speech(source, info, settings, cancel)
    if progress is not None:
        progress(SPEECH_SHARE)
    found = detect_faces(
        source,
        info,
        progress=_fraction(info.duration, progress, SPEECH_SHARE, FACES_SHARE),
        **_common(settings, cancel),  # type: ignore[arg-type]
    )
    if progress is not None:
        progress(1.0)
    return _with_speech(timeline, speech, [(s.time, s.count) for s in found])


def analyze_media(
    source: Path,
    info: MediaInfo,
    *,
    workdir: Path,
    settings: AnalysisSettings,
    progress: Callable[[float], None] | None = None,
    cancel: threading.Event | None = None,
) -> Analysis:
    """Both stages at once, speech on its own core beside the picture work."""
    speaker = _Beside("speech", lambda: _speech(source, info, settings, cancel))
    timeline = analyze_picture_and_sound(
        source,
        info,
        settings=settings,
        progress=None if progress is None else (lambda f: progress(0.7 * f)),
        cancel=cancel,
    )
    found = detect_faces(
        source,
        info,
        progress=_fraction(info.duration, progress, 0.7, 0.2),
        **_common(settings, cancel),  # type: ignore[arg-type]
    )
    speech = speaker.result(settings.ffmpeg_timeout_seconds)
    if progress is not None:
        progress(1.0)
    return _with_speech(
        timeline,
        speech if isinstance(speech, Transcript | NoTranscript) else None,
        [(s.time, s.count) for s in found],
    )
