"""probe(): facts about real and generated media, and refusals a marketer can act on."""

from __future__ import annotations

import time
from fractions import Fraction
from pathlib import Path

import pytest

from core.errors import PermanentError, RetryableError
from tests.media import reader
from workers.media.dump import channel_count, normalize_rotation, parse_input_dump
from workers.media.errors import FfmpegTimeout, MediaError
from workers.media.info import AudioStream, MediaInfo, OtherStream, VideoStream
from workers.media.packets import Packets, is_variable_frame_rate, typical_frame_interval
from workers.media.probe import InvalidMedia, probe


def _wheel_ffmpeg() -> str | None:
    try:
        import imageio_ffmpeg

        return str(imageio_ffmpeg.get_ffmpeg_exe())
    except (ImportError, RuntimeError):
        return None


@pytest.fixture(scope="module", params=["configured", "wheel"])
def ffmpeg_binary(request: pytest.FixtureRequest) -> str | None:
    """The shared clips are read by both ffmpegs we ship with: the system's and the wheel's,
    whose human-readable output differs in details (ffmpeg 5 vs 9)."""
    if request.param == "configured":
        return None
    wheel = _wheel_ffmpeg()
    if wheel is None or not Path(wheel).is_file():
        pytest.fail("imageio-ffmpeg's binary is not installed, yet it is a dependency")
    return wheel


def _reject(path: Path) -> InvalidMedia:
    with pytest.raises(InvalidMedia) as caught:
        probe(path)
    return caught.value


# --- accepted media ------------------------------------------------------------------------


def test_normal_mp4(normal_mp4: Path) -> None:
    info = probe(normal_mp4)

    assert info.path == normal_mp4
    assert info.size_bytes == normal_mp4.stat().st_size
    assert "mp4" in info.format_name.split(",")
    assert info.duration == pytest.approx(5.0, abs=0.05)
    assert info.bit_rate is not None
    assert info.bit_rate > 0
    assert info.has_video
    assert info.has_audio
    assert [stream.kind for stream in info.streams] == ["video", "audio"]
    video = info.video
    assert (video.index, video.codec, video.pixel_format) == (0, "h264", "yuv420p")
    assert (info.width, info.height) == (640, 360)
    assert (info.display_width, info.display_height) == (640, 360)
    assert info.rotation == 0
    assert info.frame_rate == pytest.approx(30.0)
    assert not info.is_vfr
    audio = info.audio
    assert audio is not None
    assert (audio.codec, audio.sample_rate, audio.channels) == ("aac", 48000, 2)
    assert audio.channel_layout == "stereo"


def test_video_without_audio(video_only_mp4: Path) -> None:
    info = probe(video_only_mp4)

    assert info.has_video
    assert not info.has_audio
    assert info.audio is None
    assert info.frame_rate == pytest.approx(25.0)
    assert info.duration == pytest.approx(2.0, abs=0.05)


def test_variable_frame_rate_is_detected(vfr_mp4: Path, normal_mp4: Path) -> None:
    assert probe(vfr_mp4).is_vfr
    assert not probe(normal_mp4).is_vfr


def test_uhd_60fps_is_probed_quickly_without_decoding(uhd_60_mp4: Path) -> None:
    started = time.monotonic()
    info = probe(uhd_60_mp4)
    elapsed = time.monotonic() - started

    assert (info.width, info.height) == (3840, 2160)
    assert info.frame_rate == pytest.approx(60.0)
    assert info.duration == pytest.approx(2.0, abs=0.05)
    assert not info.is_vfr
    # Decoding 120 UHD frames would take seconds on two cores; copying packets does not.
    assert elapsed < 2.0


def test_duration_is_measured_when_the_container_has_none(no_duration_mkv: Path) -> None:
    info = probe(no_duration_mkv)

    assert "matroska" in info.format_name
    assert info.duration == pytest.approx(4.0, abs=0.05)
    assert info.frame_rate == pytest.approx(30.0)


# --- the real clips (ground truth in tests/fixtures/media/ATTRIBUTION.md) ------------------


def test_his_girl_friday_audio_first(shared_media: Path, ffmpeg_binary: str | None) -> None:
    info = probe(shared_media / "his_girl_friday_dialogue.mp4", ffmpeg_binary)

    assert isinstance(info.streams[0], AudioStream)
    assert isinstance(info.streams[1], VideoStream)
    assert info.video.index == 1
    assert (info.width, info.height) == (640, 480)
    assert (info.display_width, info.display_height) == (640, 480)
    assert info.frame_rate == pytest.approx(30.0)
    assert info.duration == pytest.approx(6.17, abs=0.02)
    assert not info.is_vfr
    audio = info.audio
    assert audio is not None
    assert (audio.codec, audio.sample_rate, audio.channels) == ("aac", 44100, 2)


def test_portrait_phone_video_is_turned_upright(
    shared_media: Path, ffmpeg_binary: str | None
) -> None:
    info = probe(shared_media / "portrait_rot-90_from_friday.mp4", ffmpeg_binary)

    assert (info.width, info.height) == (480, 270)
    # Its display matrix says -90°: ffmpeg's autorotation turns it 90° clockwise.
    assert info.rotation == 90
    assert (info.display_width, info.display_height) == (270, 480)
    assert info.duration == pytest.approx(6.17, abs=0.02)
    assert info.has_audio


def test_grid_mpeg1_program_stream(shared_media: Path, ffmpeg_binary: str | None) -> None:
    info = probe(shared_media / "grid_swwp2s_talking_head.mpg", ffmpeg_binary)

    assert info.format_name == "mpeg"
    assert info.video.codec == "mpeg1video"
    assert (info.width, info.height) == (360, 288)
    # ffmpeg 9 guesses 50 "tbr" for this stream; the stated 25 fps is the truth.
    assert info.frame_rate == pytest.approx(25.0)
    assert info.duration == pytest.approx(3.0, abs=0.05)
    audio = info.audio
    assert audio is not None
    assert audio.codec == "mp2"
    assert not info.is_vfr


@pytest.mark.parametrize(
    "name", ["tears_of_steel_cuts_640x360.mp4", "sintel_fast_cuts_640x360.mp4"]
)
def test_clips_without_audio(shared_media: Path, ffmpeg_binary: str | None, name: str) -> None:
    info = probe(shared_media / name, ffmpeg_binary)

    assert not info.has_audio
    assert (info.width, info.height) == (640, 360)
    assert info.frame_rate == pytest.approx(24.0)
    assert info.duration == pytest.approx(10.0, abs=0.05)
    assert not info.is_vfr


# --- refusals ------------------------------------------------------------------------------


def test_zero_byte_file(zero_byte_mp4: Path) -> None:
    error = _reject(zero_byte_mp4)
    assert error.reason == "empty"
    assert "empty" in str(error)
    assert "upload it again" in str(error)


def test_random_bytes(random_bytes_mp4: Path) -> None:
    error = _reject(random_bytes_mp4)
    assert error.reason == "unrecognized"
    assert "not a video we can read" in str(error)


def test_mp4_cut_before_its_moov_box(truncated_mp4: Path) -> None:
    error = _reject(truncated_mp4)
    assert error.reason == "incomplete"
    assert "the file is incomplete" in str(error).lower()
    assert "cut off" in str(error)


def test_audio_only(audio_only_m4a: Path) -> None:
    error = _reject(audio_only_m4a)
    assert error.reason == "no_video"
    assert "only sound" in str(error)


def test_music_with_cover_art_is_not_a_video(cover_art_m4a: Path) -> None:
    error = _reject(cover_art_m4a)
    assert error.reason == "no_video"


def test_still_image(still_png: Path) -> None:
    error = _reject(still_png)
    assert error.reason == "still_image"
    assert "still image" in str(error)


def test_tiny_file_claiming_six_hours(six_hour_claim_mkv: Path) -> None:
    error = _reject(six_hour_claim_mkv)
    assert error.reason == "implausible_duration"
    assert "6 h 0 min" in str(error)
    assert "KB" in str(error)


def test_playlist_that_would_read_other_files_is_refused(
    playlist_disguised_as_mp4: Path,
) -> None:
    error = _reject(playlist_disguised_as_mp4)
    # ffmpeg 5 names the refused demuxer; 9 no longer recognises the script without its extension.
    assert error.reason in {"unsupported_format", "unrecognized"}


def test_refusals_are_permanent_media_errors(zero_byte_mp4: Path) -> None:
    error = _reject(zero_byte_mp4)
    assert isinstance(error, MediaError)
    assert isinstance(error, PermanentError)
    assert not isinstance(error, RetryableError)


def test_missing_file(media_dir: Path) -> None:
    with pytest.raises(FileNotFoundError):
        probe(media_dir / "does-not-exist.mp4")


def test_path_with_control_characters_is_refused(media_dir: Path) -> None:
    with pytest.raises(ValueError, match="control characters"):
        probe(media_dir / "two\nlines.mp4")


def test_probe_has_a_deadline(normal_mp4: Path) -> None:
    started = time.monotonic()
    with pytest.raises(FfmpegTimeout) as caught:
        probe(normal_mp4, timeout=0.001)
    assert isinstance(caught.value, RetryableError)
    assert time.monotonic() - started < 5


def test_media_info_is_frozen(normal_mp4: Path) -> None:
    info: MediaInfo = probe(normal_mp4)
    with pytest.raises(AttributeError):
        info.duration = 1.0  # type: ignore[misc]


# --- reading ffmpeg's text -----------------------------------------------------------------

HEVC_STREAM = (
    "  Stream #0:0[0x1](eng): Video: hevc (Main) (hvc1 / 0x31637668), "
    "yuv420p10le(tv, bt2020nc/bt2020/smpte2084), 1920x1080 [SAR 1:1 DAR 16:9], 8000 kb/s, "
    "29.97 fps, 29.97 tbr, 90k tbn (default)"
)
# What a hostile file could make ffmpeg print: metadata shaped like stream and side-data lines.
FORGED_DUMP = f"""\
[mov,mp4,m4a,3gp,3g2,mj2 @ 0x1] some warning
Input #0, mov,mp4,m4a,3gp,3g2,mj2, from 'file:/uploads/x.mp4':
  Metadata:
    title           : first line
                    :   Stream #0:7: Video: h264, yuv420p, 9999x9999, 1 fps
  Duration: 01:02:03.50, start: 0.000000, bitrate: 1234 kb/s
{HEVC_STREAM}
    Metadata:
      displaymatrix: rotation of 90.00 degrees
      Stream #0:8: Video: h264, yuv420p, 8888x8888, 1 fps
    Side data:
      displaymatrix: rotation of 180.00 degrees
  Stream #0:1[0x2](und): Audio: eac3 (ec-3 / 0x332D6365), 48000 Hz, 5.1(side), fltp, 640 kb/s
  Stream #0:2[0x3](eng): Subtitle: mov_text (tx3g / 0x67337874), 0 kb/s (forced)
Stream mapping:
  Stream #0:0 -> #0:0 (copy)
Output #0, framecrc, to 'pipe:':
  Stream #0:0: Video: h264, yuv420p, 320x240, q=2-31, 30 fps
"""


def test_dump_parser_reads_fields_and_ignores_forged_lines() -> None:
    dump = parse_input_dump(FORGED_DUMP)

    assert dump is not None
    assert dump.format_name == "mov,mp4,m4a,3gp,3g2,mj2"
    assert dump.duration == pytest.approx(3723.5)
    assert dump.bit_rate == 1_234_000
    assert [stream.index for stream in dump.streams] == [0, 1, 2]
    video, audio, subtitle = dump.streams
    assert isinstance(video, VideoStream)
    assert (video.codec, video.width, video.height) == ("hevc", 1920, 1080)
    assert video.pixel_format == "yuv420p10le"
    assert video.frame_rate == pytest.approx(29.97)
    assert video.bit_rate == 8_000_000
    assert video.rotation == 180  # from side data, not from the metadata tag that looks like it
    assert isinstance(audio, AudioStream)
    assert (audio.sample_rate, audio.channels, audio.channel_layout) == (48000, 6, "5.1(side)")
    assert isinstance(subtitle, OtherStream)
    assert (subtitle.media_type, subtitle.codec) == ("subtitle", "mov_text")


def test_dump_parser_reads_profile_colour_and_pixel_aspect() -> None:
    dump = parse_input_dump(FORGED_DUMP)
    assert dump is not None
    video = dump.streams[0]
    assert isinstance(video, VideoStream)
    assert video.profile == "Main"
    assert video.sar == 1
    assert video.color == {
        "range": "tv", "space": "bt2020nc", "primaries": "bt2020", "trc": "smpte2084",
    }  # fmt: skip


DVD_DUMP = """\
Input #0, mpeg, from 'file:/uploads/dvd.mpg':
  Duration: 00:00:04.00, start: 0.500000, bitrate: 2000 kb/s
  Stream #0:0[0x1e0]: Video: mpeg2video (Main), yuv420p(tv, top first), 704x576 [SAR 16:11 DAR 16:9], 25 fps, 25 tbr, 90k tbn
    Side data:
      displaymatrix: rotation of -90.00 degrees
"""  # noqa: E501


def test_non_square_pixels_are_displayed_wider_and_then_rotated() -> None:
    dump = parse_input_dump(DVD_DUMP)
    assert dump is not None
    video = dump.streams[0]
    assert isinstance(video, VideoStream)
    assert (video.width, video.height, video.sar) == (704, 576, Fraction(16, 11))
    assert video.profile == "Main"
    assert video.color == {"range": "tv"}  # the field order is not a colour
    assert video.square_width == 1024
    assert (video.display_width, video.display_height) == (576, 1024)


@pytest.mark.parametrize(
    "name",
    [
        "his_girl_friday_dialogue.mp4",
        "portrait_rot-90_from_friday.mp4",
        "grid_swwp2s_talking_head.mpg",
        "sintel_fast_cuts_640x360.mp4",
    ],
)
def test_probe_agrees_with_an_independent_reader(shared_media: Path, name: str) -> None:
    """PyAV reads the file through FFmpeg's libraries, not through ffmpeg's printed text."""
    info = probe(shared_media / name)
    facts = reader.probe(shared_media / name)
    video = facts.video
    assert video is not None
    assert (info.width, info.height, info.video.sar) == (video.width, video.height, video.sar)
    assert info.rotation == video.rotation
    assert (info.display_width, info.display_height) == video.display_size
    assert info.video.codec == video.codec
    assert (info.video.profile or "").lower() == (video.profile or "").lower()
    assert info.video.pixel_format == video.pixel_format
    assert facts.duration is not None
    # MPEG-PS carries no duration: both readers estimate it from timestamps, one frame apart.
    assert info.duration == pytest.approx(facts.duration, abs=0.045)
    assert (info.audio is None) == (facts.audio is None)
    if info.audio is not None and facts.audio is not None:
        assert (info.audio.codec, info.audio.sample_rate) == (
            facts.audio.codec, facts.audio.sample_rate,
        )  # fmt: skip


def test_dump_parser_without_input() -> None:
    assert parse_input_dump("x.mp4: Invalid data found when processing input\n") is None


@pytest.mark.parametrize(
    ("layout", "channels"),
    [
        ("mono", 1),
        ("stereo", 2),
        ("5.1(side)", 6),
        ("7.1.4", 12),
        ("quad(side)", 4),
        ("3 channels", 3),
        ("22.2", 24),
        ("mystery", None),
    ],
)
def test_channel_count(layout: str, channels: int | None) -> None:
    assert channel_count(layout) == channels


@pytest.mark.parametrize(
    ("clockwise", "normalized"),
    [(0, 0), (90, 90), (-90, 270), (180, 180), (-180, 180), (270, 270), (359.6, 0), (88, 90)],
)
def test_rotation_is_a_quarter_turn(clockwise: float, normalized: int) -> None:
    assert normalize_rotation(clockwise) == normalized


def _scan(
    pts: list[int], time_base: Fraction, *, dts: list[int] | None = None, complete: bool = True
) -> Packets:
    count = len(pts)
    return Packets(
        time_base, "video", tuple(dts or pts), tuple(pts), (0,) * count, (0,) * count,
        (True,) * count, complete=complete,
    )  # fmt: skip


def test_millisecond_rounding_is_not_vfr() -> None:
    # 29.97 fps stored in milliseconds (Matroska/WebM): 33, 34, 33, 33, 34 …
    pts = [round(i * 1001 / 30) for i in range(90)]
    scan = _scan(pts, Fraction(1, 1000))
    assert not is_variable_frame_rate(scan)
    interval = typical_frame_interval(scan)
    assert interval is not None
    assert 1 / interval == pytest.approx(29.97, rel=0.04)


def test_one_long_gap_is_vfr() -> None:
    pts = [i * 512 for i in range(50)] + [50 * 512 + 1024 + i * 512 for i in range(50)]
    assert is_variable_frame_rate(_scan(pts, Fraction(1, 12288)))


def test_b_frame_reordering_in_a_partial_scan_is_not_vfr() -> None:
    # Decode order P B B P B B …: each P is presented after the two B-frames decoded after it.
    # The scan stopped right after a P, so the two B-frames presented before it are unread.
    pts: list[int] = []
    dts: list[int] = []
    for group in range(20):
        base = group * 3
        pts += [base + 2, base, base + 1]
        dts += [base - 2, base - 1, base]
    pts, dts = pts[:-2], dts[:-2]
    time_base = Fraction(1, 30)

    assert not is_variable_frame_rate(_scan(pts, time_base, dts=dts, complete=False))
    # Read as the whole stream, the same packets would show a 3-frame hole at the end.
    assert is_variable_frame_rate(_scan(pts, time_base, dts=dts))
