"""An independent reader for checking what the media code produced: PyAV, which links FFmpeg's
libraries directly. It shares no code with the probe under test (which runs the ffmpeg binary
and parses its text), so a parsing mistake cannot confirm itself."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import av


@dataclass(frozen=True)
class VideoFacts:
    codec: str
    profile: str | None
    pixel_format: str | None
    width: int
    height: int
    sar: Fraction
    rotation: int
    """Clockwise quarter turns a player applies, in degrees (0, 90, 180, 270)."""
    start: float | None

    @property
    def display_size(self) -> tuple[int, int]:
        width = int(self.width * self.sar / 2) * 2 if self.sar != 1 else self.width
        return (self.height, width) if self.rotation in (90, 270) else (width, self.height)


@dataclass(frozen=True)
class AudioFacts:
    codec: str
    sample_rate: int
    channels: str
    """The layout's name ("stereo")."""
    start: float | None


@dataclass(frozen=True)
class Facts:
    format_name: str
    duration: float | None
    video: VideoFacts | None
    audio: AudioFacts | None


@dataclass(frozen=True)
class StreamPackets:
    time_base: Fraction
    pts: list[int]
    key: list[bool]


def _seconds(ticks: int | None, time_base: Fraction | None) -> float | None:
    return None if ticks is None or time_base is None else float(ticks * time_base)


def probe(path: Path | str) -> Facts:
    with av.open(str(path)) as container:
        video = audio = None
        if container.streams.video:
            stream = container.streams.video[0]
            first = next(container.decode(stream), None)
            context = stream.codec_context
            video = VideoFacts(
                codec=context.name,
                profile=stream.profile,
                pixel_format=context.pix_fmt,
                width=context.width,
                height=context.height,
                sar=Fraction(stream.sample_aspect_ratio or 1),
                # PyAV gives the display matrix's counter-clockwise angle.
                rotation=round(-(first.rotation if first is not None else 0) / 90) % 4 * 90,
                start=_seconds(stream.start_time, stream.time_base),
            )
        if container.streams.audio:
            sound = container.streams.audio[0]
            audio = AudioFacts(
                codec=sound.codec_context.name,
                sample_rate=sound.rate,
                channels=sound.layout.name,
                start=_seconds(sound.start_time, sound.time_base),
            )
        duration = container.duration / 1_000_000 if container.duration else None
        return Facts(container.format.name, duration, video, audio)


def decoded_frame_times(path: Path | str) -> list[float]:
    """Presentation time of every decoded video frame, in seconds."""
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        return [
            float(frame.pts * stream.time_base)
            for frame in container.decode(stream)
            if frame.pts is not None and stream.time_base is not None
        ]


def count_frames(path: Path | str) -> int:
    return len(decoded_frame_times(path))


def scan_packets(path: Path | str) -> list[StreamPackets]:
    """The first video stream's packets in decode order (demux only)."""
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        assert stream.time_base is not None
        pts: list[int] = []
        key: list[bool] = []
        for packet in container.demux(stream):
            if packet.size and packet.pts is not None:
                pts.append(packet.pts)
                key.append(packet.is_keyframe)
        return [StreamPackets(Fraction(stream.time_base), pts, key)]
