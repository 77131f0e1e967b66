"""``probe()``: what a media file holds and whether we accept it, using ffmpeg alone (no ffprobe)
and no decoding: one ffmpeg run prints the input description and copies the first video packets.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Final

import structlog

from workers.media.dump import InputDump, mapped_input_stream, parse_input_dump
from workers.media.errors import FfmpegFailed, InvalidMedia, MediaError, RejectReason
from workers.media.info import AudioStream, MediaInfo, VideoStream
from workers.media.packets import (
    PACKETS_TO_SCAN,
    Packets,
    TimelineExtent,
    is_variable_frame_rate,
    parse_framecrc,
    typical_frame_interval,
)
from workers.media.runner import FfmpegResult, run_ffmpeg

__all__ = ["InvalidMedia", "MediaInfo", "SourceMissing", "probe"]

log = structlog.get_logger(__name__)

DEFAULT_TIMEOUT_SECONDS: Final = 30.0
# 1 kbit/s: below what even a static slide with no sound needs. A file holding less data than
# this per claimed second has a header that lies (or most of the file is missing).
MIN_PLAUSIBLE_BYTES_PER_SECOND: Final = 125
# Beyond this the stated frame rate is taken to be wrong (timestamp rounding stays well below).
FRAME_RATE_TRUST_TOLERANCE: Final = 0.05
# ffmpeg picks a demuxer by content, not by name, and some demuxers open other files: an HLS
# playlist or ffconcat script uploaded as "video.mp4" would read its neighbours (other users'
# uploads) or the network. Only formats people actually upload are allowed. Images and audio are
# allowed so that those uploads get a precise refusal rather than "unrecognized".
ALLOWED_DEMUXERS: Final = (
    "mov",  # mp4, mov, m4a, 3gp
    "matroska",  # mkv, webm
    "avi",
    "flv",
    "mpegts",
    "mpeg",
    "asf",
    "ogg",
    "mxf",
    "dv",
    "ivf",
    "gif",
    "apng",
    "h264",
    "hevc",
    "m4v",
    "mpegvideo",
    "obu",
    "image2",
    "png_pipe",
    "jpeg_pipe",
    "webp_pipe",
    "bmp_pipe",
    "tiff_pipe",
    "mjpeg",
    "mp3",
    "aac",
    "wav",
    "flac",
    "aiff",
    "amr",
    "ac3",
)
# Boxes an ISO-BMFF file (mp4, mov, m4a) can start with: such a file without a moov box was cut.
_ISO_BMFF_FIRST_BOXES: Final = frozenset({b"ftyp", b"moov", b"mdat", b"free", b"skip", b"wide"})
_IO_FAILURES: Final = ("No such file or directory", "Permission denied", "Input/output error")

_MESSAGES: Final[dict[RejectReason, str]] = {
    "empty": "The file is empty (0 bytes). The upload probably failed; please upload it again.",
    "incomplete": "The file is incomplete — the upload may have been cut off. "
    "Please upload it again.",
    "unrecognized": "This file is not a video we can read. It may be damaged, or not a video "
    "at all.",
    "unsupported_format": "This kind of file is not supported. Please upload a regular video "
    "file such as MP4, MOV, MKV or WebM.",
    "still_image": "This is a still image, not a video. Please upload a video file.",
    "unreadable_video": "The picture in this video cannot be read (its format is unsupported or "
    "damaged). Please export the video again as MP4 and upload it.",
    "no_frames": "The video track of this file holds no pictures; the file may be damaged. "
    "Please export the video again and upload it.",
    "unknown_duration": "We could not tell how long this video is; the file may be damaged. "
    "Please export the video again and upload it.",
}


class SourceMissing(MediaError, FileNotFoundError):
    """The file to probe is not there: a caller's mistake, and one that stays a mistake."""


def probe(
    path: str | os.PathLike[str],
    ffmpeg_path: str | None = None,
    *,
    timeout: float = DEFAULT_TIMEOUT_SECONDS,
) -> MediaInfo:
    """Describe a video file, or refuse it with ``InvalidMedia`` (``.reason``, plain message).

    Raises ``SourceMissing`` (a ``FileNotFoundError``) for a missing file, ``FfmpegTimeout``
    (retryable) when ffmpeg overruns ``timeout`` in total, ``FfmpegFailed`` when ffmpeg fails
    for reasons other than the file's content.
    """
    started = time.monotonic()
    deadline = started + timeout
    file = Path(path).absolute()
    if any(ord(char) < 32 for char in str(file)):
        # ffmpeg echoes the name into the text we parse; a newline there could forge lines.
        raise ValueError(f"refusing to probe a path with control characters: {file!r}")
    try:
        size = file.stat().st_size
    except FileNotFoundError:
        raise SourceMissing(f"no such file: {file}") from None
    if size == 0:
        raise _reject(file, "empty")

    scan_run = run_ffmpeg(
        [
            *_input_args(file),
            *("-map", "0:V:0", "-c", "copy", "-frames:v", str(PACKETS_TO_SCAN)),
            *("-f", "framecrc", "-"),
        ],
        ffmpeg_path=ffmpeg_path,
        timeout=timeout,
        capture_stderr=True,
        check=False,
    )
    dump = parse_input_dump(scan_run.stderr)
    if dump is None:
        raise _unreadable(file, scan_run)
    video = _primary_video(dump, mapped_input_stream(scan_run.stderr))
    if video is None:
        has_audio = any(isinstance(s, AudioStream) for s in dump.streams)
        raise _reject(
            file,
            "no_video",
            "This file has no video, only sound. Please upload a video file."
            if has_audio
            else "This file contains no video. Please upload a video file.",
        )
    if video.width <= 0 or video.height <= 0:
        raise _reject(file, "unreadable_video")
    if dump.duration:
        _check_plausible(file, size, dump.duration)

    streams = parse_framecrc(scan_run.stdout, limit=PACKETS_TO_SCAN)
    if not streams or streams[0].count == 0:
        raise _reject(file, "no_frames")
    scan = streams[0]
    if scan.count == 1:
        raise _reject(file, "still_image")
    is_vfr = is_variable_frame_rate(scan)
    frame_rate = _frame_rate(video, scan, is_vfr)
    if frame_rate is None:
        raise _reject(file, "unreadable_video")
    duration = dump.duration
    if not duration:
        duration = _measure_duration(file, video, ffmpeg_path, deadline)

    info = MediaInfo(
        path=file,
        size_bytes=size,
        format_name=dump.format_name,
        duration=duration,
        start_time=dump.start_time or 0.0,
        bit_rate=dump.bit_rate,
        streams=dump.streams,
        video=video,
        frame_rate=frame_rate,
        is_vfr=is_vfr,
    )
    log.info(
        "media.probe.done",
        path=str(file),
        format=info.format_name,
        duration=info.duration,
        size=f"{info.display_width}x{info.display_height}",
        rotation=info.rotation,
        frame_rate=round(info.frame_rate, 3),
        vfr=info.is_vfr,
        audio=info.has_audio,
        measured_duration=not dump.duration,
        elapsed_ms=round((time.monotonic() - started) * 1000),
    )
    return info


def _input_args(file: Path) -> list[str]:
    # "file:" keeps a name like "concat:a|b" or "http:…" from being read as another protocol.
    return [
        *("-protocol_whitelist", "file"),
        *("-format_whitelist", ",".join(ALLOWED_DEMUXERS)),
        *("-i", f"file:{file}"),
    ]


def _reject(file: Path, reason: RejectReason, message: str | None = None) -> InvalidMedia:
    error = InvalidMedia(reason, message or _MESSAGES[reason])
    log.info("media.probe.rejected", path=str(file), reason=reason)
    return error


def _unreadable(file: Path, run: FfmpegResult) -> InvalidMedia | FfmpegFailed:
    text = run.stderr
    if "not on whitelist" in text:
        return _reject(file, "unsupported_format")
    if "moov atom not found" in text and _starts_like_mp4(file):
        return _reject(file, "incomplete")
    if any(failure in text for failure in _IO_FAILURES):
        # Our storage's problem, not the uploader's: report it as it is.
        return FfmpegFailed(run.returncode, run.stderr_tail)
    return _reject(file, "unrecognized")


def _starts_like_mp4(file: Path) -> bool:
    # Random bytes named .mp4 also make ffmpeg say "moov atom not found"; a real (cut) MP4
    # starts with a box header: 4 bytes of size, then a known box type.
    with file.open("rb") as stream:
        head = stream.read(8)
    return len(head) == 8 and head[4:8] in _ISO_BMFF_FIRST_BOXES


def _primary_video(dump: InputDump, mapped: int | None) -> VideoStream | None:
    videos = [s for s in dump.streams if isinstance(s, VideoStream) and not s.attached_picture]
    # ffmpeg's own "0:V:0" choice decides: the packets we scanned are that stream's.
    for stream in videos:
        if stream.index == mapped:
            return stream
    return videos[0] if videos else None


def _check_plausible(file: Path, size: int, duration: float) -> None:
    if size >= duration * MIN_PLAUSIBLE_BYTES_PER_SECOND:
        return
    raise _reject(
        file,
        "implausible_duration",
        f"The file claims to last {_human_duration(duration)} but holds only "
        f"{_human_size(size)} of data, so it is damaged or its length information is wrong. "
        "Please export the video again and upload it.",
    )


def _frame_rate(video: VideoStream, scan: Packets, is_vfr: bool) -> float | None:
    interval = typical_frame_interval(scan)
    measured = 1.0 / interval if interval else None
    if video.frame_rate is None or measured is None:
        return video.frame_rate or measured
    # A steady stream's own timestamps beat the header's figure, which for raw streams is a
    # guess; with a variable rate the header's average is the better summary.
    if not is_vfr and abs(measured - video.frame_rate) > FRAME_RATE_TRUST_TOLERANCE * measured:
        log.info("media.probe.frame_rate_measured", stated=video.frame_rate, measured=measured)
        return measured
    return video.frame_rate


def _measure_duration(
    file: Path, video: VideoStream, ffmpeg_path: str | None, deadline: float
) -> float:
    """For containers that do not state a length (live-recorded WebM, raw streams): copy every
    video packet and measure from the first frame's start to the last one's end. (ffmpeg's own
    progress time is N/A for raw streams and counts the last frame differently across versions.)
    """
    extent = TimelineExtent()
    try:
        run_ffmpeg(
            [
                *_input_args(file),
                *("-map", f"0:{video.index}", "-c", "copy", "-f", "framecrc", "-"),
            ],
            ffmpeg_path=ffmpeg_path,
            timeout=max(0.1, deadline - time.monotonic()),
            stdout_sink=extent.feed,
        )
    except FfmpegFailed:
        raise _reject(file, "unknown_duration") from None
    seconds = extent.seconds()
    if not seconds or seconds <= 0:
        raise _reject(file, "unknown_duration")
    return seconds


def _human_duration(seconds: float) -> str:
    if seconds >= 3600:
        return f"{int(seconds // 3600)} h {int(seconds % 3600 // 60)} min"
    if seconds >= 60:
        return f"{int(seconds // 60)} min {int(seconds % 60)} s"
    return f"{seconds:.1f} s"


def _human_size(size: int) -> str:
    if size >= 1 << 20:
        return f"{size / (1 << 20):.1f} MB"
    if size >= 1 << 10:
        return f"{size / (1 << 10):.1f} KB"
    return f"{size} bytes"
