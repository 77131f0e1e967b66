"""smart_cut: frame-exact, copies the GOP-aligned middle, keeps audio in sync, falls back to a
full re-encode when the source cannot be matched, and never leaves a partial file."""

from __future__ import annotations

import itertools
import threading
from pathlib import Path

import pytest

from tests.media.cut_helpers import independent_frame_count
from tests.media.reader import decoded_frame_times, probe, scan_packets
from tests.media.render_helpers import SOURCE_FPS, beep_onsets, read_barcodes, shared
from workers.media.cut import count_frames, smart_cut
from workers.media.errors import Cancelled, FfmpegTimeout, MediaError
from workers.media.runner import run_ffmpeg

pytest_plugins = ["tests.media.conftest_render"]


def test_count_frames_of_the_source(barcode_source: Path) -> None:
    assert count_frames(barcode_source) == 300
    assert read_barcodes(barcode_source) == list(range(300))


@pytest.mark.parametrize(
    ("start", "end", "head"),
    [
        (1.0, 7.5, 30),  # both edges re-encoded
        (2.0, 6.0, 0),  # on keyframes: all copied
        (1.37, 8.91, 19),  # between frames: snapped to the nearest frame boundary
        (3.3, 10.0, 21),  # to the end of the file
        (0.0, 4.9, 0),  # from the very start
    ],
)
def test_smart_cut_is_frame_exact_and_in_sync(
    barcode_source: Path, tmp_path: Path, start: float, end: float, head: int
) -> None:
    out = tmp_path / "clip.mp4"
    result = smart_cut(barcode_source, out, start, end)

    expected = round(end * SOURCE_FPS) - round(start * SOURCE_FPS)
    assert result.method == "smart"
    assert result.head_frames == head
    # The copy runs past the last keyframe up to the last frame a copy can stop at: with the
    # source's B-frames (3 at most in a row) only those few frames are re-encoded at the end.
    assert result.tail_frames <= 3
    assert result.head_frames + result.copied_frames + result.tail_frames == expected
    assert count_frames(out) == independent_frame_count(out) == expected == result.frames
    # Every frame is the right source frame, in order: none lost or repeated at the joins.
    first = round(start * SOURCE_FPS)
    assert read_barcodes(out) == list(range(first, first + expected))
    # The beep of every whole source second lands where that second falls in the clip.
    onsets, audio_length = beep_onsets(out)
    whole = [s for s in range(11) if result.start <= s < result.end - 0.05]
    assert len(onsets) == len(whole)
    for onset, second in zip(onsets, whole, strict=True):
        assert onset == pytest.approx(second - result.start, abs=0.005)
    assert audio_length == pytest.approx(expected / SOURCE_FPS, abs=0.05)
    # Timestamps stay regular across the joins (a dts step back would show here).
    times = decoded_frame_times(out)
    steps = {round(b - a, 4) for a, b in itertools.pairwise(times)}
    assert steps == {round(1 / SOURCE_FPS, 4)}


def test_clip_without_a_keyframe_is_reencoded_whole(barcode_source: Path, tmp_path: Path) -> None:
    out = tmp_path / "short.mp4"
    result = smart_cut(barcode_source, out, 2.2, 3.9)  # keyframes every 2 s: none inside
    assert result.method == "reencode"
    assert "keyframe" in (result.reason or "")
    assert read_barcodes(out) == list(range(66, 117))
    assert independent_frame_count(out) == 51


def test_clip_with_a_keyframe_near_its_end_is_still_cut_smart(
    barcode_source: Path, tmp_path: Path
) -> None:
    out = tmp_path / "short.mp4"
    result = smart_cut(barcode_source, out, 1.0, 3.5)  # less than 2 GOPs, one keyframe at 2 s
    assert (result.method, result.head_frames) == ("smart", 30)
    assert read_barcodes(out) == list(range(30, 105))


def test_only_the_given_keyframes_bound_the_copy(barcode_source: Path, tmp_path: Path) -> None:
    out = tmp_path / "given.mp4"
    result = smart_cut(barcode_source, out, 1.0, 9.0, keyframes=[0.0, 4.0, 8.0])
    assert result.method == "smart"
    assert result.head_frames == 90  # the copy starts at 4 s, not at the keyframe at 2 s
    assert result.head_frames + result.copied_frames + result.tail_frames == 240
    assert read_barcodes(out) == list(range(30, 270))


def test_keyframe_mode_copies_without_encoding(barcode_source: Path, tmp_path: Path) -> None:
    out = tmp_path / "copy.mp4"
    result = smart_cut(barcode_source, out, 3.1, 8.5, exact=False)
    assert result.method == "keyframe"
    assert (result.head_frames, result.tail_frames) == (0, 0)
    assert result.start == pytest.approx(2.0)  # the keyframe at or before the start
    assert 8.5 - 4 / SOURCE_FPS <= result.end <= 8.5  # a few frames short at most
    assert independent_frame_count(out) == result.frames == result.copied_frames
    assert read_barcodes(out) == list(range(60, 60 + result.frames))
    onsets, audio_length = beep_onsets(out)
    assert onsets[:2] == pytest.approx([0.0, 1.0], abs=0.005)  # the beeps of 2 s and 3 s
    assert audio_length == pytest.approx(result.frames / SOURCE_FPS, abs=0.05)


def test_mpeg1_source_falls_back_to_a_full_reencode(tmp_path: Path) -> None:
    src = shared("grid_swwp2s_talking_head.mpg")
    out = tmp_path / "grid.mp4"
    result = smart_cut(src, out, 0.5, 2.5)
    assert result.method == "reencode"
    assert "mpeg1video" in (result.reason or "")
    assert count_frames(out) == 50  # 25 fps
    info = probe(out)
    assert info.video is not None
    assert info.video.codec == "h264"
    assert info.audio is not None
    assert info.audio.codec == "aac"


def test_video_that_is_not_stream_zero(tmp_path: Path) -> None:
    """his_girl_friday has its audio as stream 0: the copy must still take the video."""
    src = shared("his_girl_friday_dialogue.mp4")
    out = tmp_path / "friday.mp4"
    result = smart_cut(src, out, 0.3, 5.9)
    assert result.method == "smart"
    assert result.copied_frames > 0
    assert count_frames(out) == result.frames == 168
    info = probe(out)
    assert info.video is not None
    assert (info.video.width, info.video.height) == (640, 480)


def test_display_rotation_survives_a_smart_cut(rotated_source: Path, tmp_path: Path) -> None:
    source_info = probe(rotated_source)
    assert source_info.video is not None
    if not source_info.video.rotation:
        pytest.skip("this ffmpeg cannot tag a rotation with -metadata rotate=")
    out = tmp_path / "rotated.mp4"
    result = smart_cut(rotated_source, out, 1.0, 7.5)
    assert result.method == "smart"
    info = probe(out)
    assert info.video is not None
    assert info.video.rotation == source_info.video.rotation
    assert count_frames(out) == 195


def test_keyframe_scan_sees_the_gop(barcode_source: Path) -> None:
    video = scan_packets(barcode_source)[0]
    keys = sorted(
        float(p * video.time_base) for p, k in zip(video.pts, video.key, strict=True) if k
    )
    assert keys == [0.0, 2.0, 4.0, 6.0, 8.0]


def test_failures_leave_no_file_behind(barcode_source: Path, tmp_path: Path) -> None:
    out = tmp_path / "never.mp4"
    with pytest.raises(MediaError):
        smart_cut(barcode_source, out, 5.0, 4.0)
    with pytest.raises(MediaError):
        smart_cut(tmp_path / "missing.mp4", out, 0.0, 1.0)
    assert list(tmp_path.iterdir()) == []


def test_an_existing_destination_is_replaced_whole(barcode_source: Path, tmp_path: Path) -> None:
    out = tmp_path / "clip.mp4"
    out.write_bytes(b"old")
    smart_cut(barcode_source, out, 2.0, 6.0)
    assert count_frames(out) == 120
    assert [p.name for p in tmp_path.iterdir()] == ["clip.mp4"]


def test_runs_are_cancellable_and_bounded_in_time() -> None:
    endless = ["-f", "lavfi", "-i", "testsrc2=s=64x64:r=5", "-f", "null", "-"]
    cancel = threading.Event()
    threading.Timer(0.3, cancel.set).start()
    with pytest.raises(Cancelled):
        run_ffmpeg(endless, what="endless", timeout=30, cancel=cancel)
    with pytest.raises(FfmpegTimeout) as timeout:
        run_ffmpeg(["-re", *endless], what="endless", timeout=0.5)
    assert "longer than" in str(timeout.value)


def test_ffmpeg_errors_carry_the_stderr_tail(tmp_path: Path) -> None:
    bad = tmp_path / "bad.mp4"
    bad.write_bytes(b"not a video at all")
    with pytest.raises(MediaError) as error:
        run_ffmpeg(["-i", str(bad), "-f", "null", "-"], what="decode", timeout=10)
    assert "Invalid data" in str(error.value)
