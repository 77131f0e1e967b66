"""Loudness over time (EBU R128 momentary), silences and the short pauses between words, in one
audio-only ffmpeg pass.

Audio analysis never decodes the picture: with ``-vn`` it runs hundreds of times faster than
real time, where the same filters on a full decode are bound by the video decoder.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from workers.media.envelope import ENVELOPE_STEP, pauses_in
from workers.media.info import MediaInfo
from workers.media.probe import _input_args
from workers.media.runner import CancelSignal, ProgressCallback, run_ffmpeg

SILENCE_NOISE_DB = -35.0
SILENCE_MIN_SECONDS = 0.3
QUIET_LUFS = -70.0  # ebur128 reports -120.7 for digital silence; clamp for sane averages
QUIET_DB = -100.0  # astats says -inf for digital silence
LOUDNESS_STEP = 0.1  # ebur128 updates its momentary loudness every 100 ms
ENVELOPE_RATE = 48_000


@dataclass(frozen=True)
class AudioAnalysis:
    has_audio: bool
    silences: list[tuple[float, float]] = field(default_factory=list)
    loudness: list[tuple[float, float]] = field(default_factory=list)  # (t, momentary LUFS)
    pauses: list[tuple[float, float]] = field(default_factory=list)  # gaps between sounds


class _MetadataReader:
    """Parses ``ametadata=mode=print`` output: a ``frame:… pts_time:T`` line, then key=value."""

    def __init__(self) -> None:
        self.buffer = b""
        self.time = 0.0
        self.loudness: list[tuple[float, float]] = []
        self.levels: list[float] = []  # RMS dB of each 10 ms frame, in order
        self.silences: list[tuple[float, float]] = []
        self.open_silence: float | None = None

    def feed(self, chunk: bytes) -> None:
        self.buffer += chunk
        *lines, self.buffer = self.buffer.split(b"\n")
        for raw in lines:
            self._line(raw.decode("ascii", errors="replace").strip())

    def _line(self, line: str) -> None:
        if line.startswith("frame:"):
            for part in line.split():
                if part.startswith("pts_time:"):
                    self.time = float(part.split(":", 1)[1])
            return
        key, _, value = line.partition("=")
        if key == "lavfi.astats.Overall.RMS_level":
            self.levels.append(_decibels(value))
        elif key == "lavfi.r128.M":
            # Each 100 ms reading is copied onto the ten 10 ms frames cut from it: keep one.
            if not self.loudness or self.time - self.loudness[-1][0] >= LOUDNESS_STEP - 0.005:
                self.loudness.append((round(self.time, 2), max(QUIET_LUFS, float(value))))
        elif key == "lavfi.silence_start":
            self.open_silence = max(0.0, float(value))
        elif key == "lavfi.silence_end" and self.open_silence is not None:
            self.silences.append((round(self.open_silence, 3), round(float(value), 3)))
            self.open_silence = None


def _decibels(value: str) -> float:
    try:
        level = float(value)
    except ValueError:
        return QUIET_DB
    return QUIET_DB if level != level else max(QUIET_DB, level)  # NaN and -inf are silence


def analyze_audio(
    path: Path,
    info: MediaInfo,
    *,
    ffmpeg_path: str | None = None,
    timeout: float = 1800.0,
    progress: ProgressCallback | None = None,
    cancel: CancelSignal | None = None,
    until: float | None = None,
    nice: int = 0,
) -> AudioAnalysis:
    """Loudness, silences and pauses of the whole sound track, or of its first ``until``
    seconds."""
    if not info.has_audio:
        return AudioAnalysis(has_audio=False)
    reader = _MetadataReader()
    frame_samples = round(ENVELOPE_RATE * ENVELOPE_STEP)
    # ebur128 hands its audio on in 100 ms frames; cutting them into 10 ms frames after it gives
    # the fine energy envelope whose valleys are the gaps between words.
    chain = (
        "ebur128=metadata=1,"
        f"aresample={ENVELOPE_RATE},asetnsamples=n={frame_samples}:p=0,"
        "astats=metadata=1:reset=1:measure_perchannel=none:measure_overall=RMS_level,"
        f"silencedetect=n={SILENCE_NOISE_DB}dB:d={SILENCE_MIN_SECONDS},"
        "ametadata=mode=print:file=-"
    )
    run_ffmpeg(
        [
            *(["-t", f"{until:.6f}"] if until is not None else []),
            *_input_args(path),
            *("-vn", "-sn", "-dn", "-af", chain, "-f", "null", "-"),
        ],
        timeout=timeout,
        ffmpeg_path=ffmpeg_path,
        progress=progress,
        cancel=cancel,
        stdout_sink=reader.feed,
        nice=nice,
    )
    reader.feed(b"\n")
    trailing = reader.open_silence
    end = until or info.duration
    if trailing is not None and end - trailing >= SILENCE_MIN_SECONDS:
        reader.silences.append((round(trailing, 3), round(end, 3)))
    return AudioAnalysis(True, reader.silences, reader.loudness, pauses_in(reader.levels))
