"""What a probe learns about a media file: plain frozen values, safe to pass between processes."""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Literal, TypeAlias


@dataclass(frozen=True, slots=True)
class VideoStream:
    index: int
    codec: str
    width: int
    """Coded (stored) size in pixels; 0 when ffmpeg could not tell."""
    height: int
    pixel_format: str | None
    frame_rate: float | None
    """As the container states it: ffmpeg's average rate ("fps"), else its guess ("tbr")."""
    rotation: int = 0
    """0, 90, 180 or 270: the clockwise turn that shows the picture upright. It is what ffmpeg's
    autorotation applies (the display matrix's counter-clockwise angle, negated)."""
    bit_rate: int | None = None
    attached_picture: bool = False
    """Cover art or a thumbnail inside the file, not a moving picture."""
    profile: str | None = None
    """The codec profile as ffmpeg names it ("High", "Main 10"), if it says."""
    sar: Fraction = Fraction(1)
    """Sample (pixel) aspect ratio: a DVD's 704x576 at 16:11 is shown 1024 wide."""
    color: dict[str, str] = field(default_factory=dict)
    """"range", "space", "primaries", "trc" as far as the file states them."""
    kind: Literal["video"] = field(default="video", init=False)

    @property
    def square_width(self) -> int:
        """The stored width with square pixels: rounded down to even as the renderer's
        ``scale=trunc(iw*sar/2)*2`` does, so analysis and render agree to the pixel."""
        if self.sar == 1:
            return self.width
        return int(self.width * self.sar / 2) * 2

    @property
    def display_width(self) -> int:
        """Width as a viewer sees it: pixel aspect and display rotation applied."""
        return self.height if self.rotation in (90, 270) else self.square_width

    @property
    def display_height(self) -> int:
        return self.square_width if self.rotation in (90, 270) else self.height


@dataclass(frozen=True, slots=True)
class AudioStream:
    index: int
    codec: str
    sample_rate: int | None
    channels: int | None
    channel_layout: str | None
    bit_rate: int | None = None
    kind: Literal["audio"] = field(default="audio", init=False)


@dataclass(frozen=True, slots=True)
class OtherStream:
    index: int
    codec: str
    media_type: str
    """"subtitle", "data", "attachment" or "unknown"."""
    kind: Literal["other"] = field(default="other", init=False)


Stream: TypeAlias = VideoStream | AudioStream | OtherStream


@dataclass(frozen=True, slots=True)
class MediaInfo:
    path: Path
    size_bytes: int
    format_name: str
    """ffmpeg's demuxer name, e.g. "mov,mp4,m4a,3gp,3g2,mj2" or "matroska,webm"."""
    duration: float
    """Seconds: the container's own figure, or measured from packets when it has none."""
    start_time: float
    """Where the file's timeline starts, in seconds (0 unless the container says otherwise)."""
    bit_rate: int | None
    """Overall bits per second as the container states it."""
    streams: tuple[Stream, ...]
    video: VideoStream
    """The stream clips are cut from: the first video stream that is not cover art."""
    frame_rate: float
    """The video's frame rate: the container's figure, else measured from packet timestamps."""
    is_vfr: bool
    """Frame timestamps of the first packets are unevenly spaced (phones, screen recorders);
    frame-exact work must not assume ``frame_rate`` then."""

    @property
    def audio(self) -> AudioStream | None:
        return next((s for s in self.streams if isinstance(s, AudioStream)), None)

    @property
    def has_video(self) -> bool:
        return any(isinstance(s, VideoStream) and not s.attached_picture for s in self.streams)

    @property
    def has_audio(self) -> bool:
        return self.audio is not None

    @property
    def width(self) -> int:
        """Stored (coded) width; analysis works in ``display_width``."""
        return self.video.width

    @property
    def height(self) -> int:
        return self.video.height

    @property
    def rotation(self) -> int:
        return self.video.rotation

    @property
    def display_width(self) -> int:
        return self.video.display_width

    @property
    def display_height(self) -> int:
        return self.video.display_height

    def display_size_within(self, max_width: int) -> tuple[int, int]:
        """An even frame size of the displayed shape at most ``max_width`` wide: what analysis
        asks the decoder for, so positions found in it are positions as people see them."""
        display_width, display_height = max(self.display_width, 1), max(self.display_height, 1)
        width = max(2, min(max_width, display_width) // 2 * 2)
        height = max(2, round(width * display_height / display_width / 2) * 2)
        return width, height
