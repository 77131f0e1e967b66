"""One video's full analysis: cuts and motion, loudness and silences, faces, speech — gathered
into the timeline that clip finding reads. Pure: a file in, a timeline out."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import structlog
from pydantic import SecretStr

from workers.media.audio import analyze_audio
from workers.media.faces import detect_faces
from workers.media.frames import analyze_frames
from workers.media.info import MediaInfo
from workers.media.speech import NoTranscript, Transcript, transcribe
from workers.media.timeline import Timeline, Word

log = structlog.get_logger(__name__)

# Share of the analysis time each step takes, roughly, for the progress bar.
STEPS = (("frames", 0.5), ("audio", 0.05), ("faces", 0.15), ("speech", 0.3))


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


@dataclass(frozen=True)
class Analysis:
    timeline: Timeline
    transcript_status: str  # "available" | "unavailable"
    transcript_reason: str | None


def analyze_media(
    source: Path,
    info: MediaInfo,
    *,
    workdir: Path,
    settings: AnalysisSettings,
    progress: Callable[[float], None] | None = None,
    cancel: threading.Event | None = None,
) -> Analysis:
    done = 0.0

    def step(name: str) -> Callable[[float], None]:
        weight = dict(STEPS)[name]
        base = done

        def report(seconds: float) -> None:
            if progress is not None and info.duration > 0:
                progress(base + weight * min(1.0, seconds / info.duration))

        return report

    common = {
        "ffmpeg_path": settings.ffmpeg_path,
        "timeout": settings.ffmpeg_timeout_seconds,
        "cancel": cancel,
    }
    key = settings.openai_api_key.get_secret_value() if settings.openai_api_key else None
    # Speech recognition is the slowest step: it runs on its own core, beside the picture work.
    speech_result: list[Transcript | NoTranscript | BaseException] = []

    def recognise() -> None:
        try:
            speech_result.append(
                transcribe(
                    source,
                    info,
                    engine=settings.speech_engine,
                    openai_api_key=key,
                    ffmpeg_path=settings.ffmpeg_path,
                    timeout=settings.ffmpeg_timeout_seconds,
                    cancel=cancel,
                )
            )
        except BaseException as error:  # handed over to the caller's thread below
            speech_result.append(error)

    speaker = threading.Thread(target=recognise, name="speech", daemon=True)
    speaker.start()
    frames = analyze_frames(source, info, progress=step("frames"), **common)  # type: ignore[arg-type]
    done += 0.5
    audio = analyze_audio(source, info, progress=step("audio"), **common)  # type: ignore[arg-type]
    done += 0.05
    faces = detect_faces(source, info, progress=step("faces"), **common)  # type: ignore[arg-type]
    done += 0.15
    speaker.join(timeout=settings.ffmpeg_timeout_seconds)
    outcome = speech_result[0] if speech_result else None
    if isinstance(outcome, BaseException):
        raise outcome
    speech = outcome or NoTranscript("Speech recognition did not finish in time.")
    if progress is not None:
        progress(1.0)
    words = (
        None
        if isinstance(speech, NoTranscript)
        else [Word(w.text, w.start, w.end) for w in speech.words]
    )
    timeline = Timeline(
        duration=info.duration,
        shots=frames.shots,
        silences=audio.silences,
        loudness=audio.loudness,
        motion=frames.motion,
        faces=[(sample.time, sample.count) for sample in faces],
        words=words,
    )
    log.info(
        "media.analyzed",
        shots=len(frames.shots),
        silences=len(audio.silences),
        words=None if words is None else len(words),
    )
    if isinstance(speech, NoTranscript):
        return Analysis(timeline, "unavailable", speech.reason)
    return Analysis(timeline, "available", None)
