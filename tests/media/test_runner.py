"""run_ffmpeg(): deadlines, cancellation, progress and error text, with nothing left running."""

from __future__ import annotations

import itertools
import os
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from core.errors import PermanentError, RetryableError
from core.ffmpeg import find_ffmpeg
from workers.media.errors import MediaError
from workers.media.runner import (
    STDERR_TAIL_LINES,
    Cancelled,
    FfmpegFailed,
    FfmpegTimeout,
    ProgressParser,
    percent_progress,
    run_ffmpeg,
)

# Generates and discards frames as fast as it can, forever.
ENDLESS = ["-f", "lavfi", "-i", "testsrc=size=320x240:rate=25", "-f", "null", "-"]


def _children() -> list[tuple[int, str, str]]:
    """(pid, state, name) of this process's children, zombies included."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        name = stat[stat.index("(") + 1 : stat.rindex(")")]
        state, ppid = stat[stat.rindex(")") + 2 :].split()[:2]
        if int(ppid) == os.getpid():
            found.append((int(entry.name), state, name))
    return found


def _processes_mentioning(marker: str) -> list[int]:
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        if marker.encode() in cmdline:
            pids.append(int(entry.name))
    return pids


def _within(seconds: float, condition: Callable[[], bool]) -> bool:
    """Bounded wait for something the kernel finishes asynchronously (a killed process exiting)."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)
    return True


def _no_ffmpeg_children() -> bool:
    return not [child for child in _children() if "ffmpeg" in child[2]]


def test_timeout_kills_ffmpeg_and_raises_quickly() -> None:
    started = time.monotonic()
    with pytest.raises(FfmpegTimeout) as caught:
        run_ffmpeg(ENDLESS, timeout=1)
    elapsed = time.monotonic() - started

    assert 1.0 <= elapsed < 3.0
    assert caught.value.timeout == 1
    assert isinstance(caught.value, RetryableError)
    assert "did not finish within 1 s" in str(caught.value)
    assert _no_ffmpeg_children(), _children()  # killed and reaped: not even a zombie


def test_timeout_kills_the_whole_process_group(tmp_path: Path) -> None:
    # A wrapper script configured as "ffmpeg" runs the real one as its child: killing only
    # the script would leave ffmpeg running.
    wrapper = tmp_path / "ffmpeg-wrapper"
    wrapper.write_text(f'#!/bin/sh\n"{find_ffmpeg(None)}" "$@"\nexit $?\n')
    wrapper.chmod(0o755)
    marker = "testsrc=size=322x242:rate=25"

    with pytest.raises(FfmpegTimeout):
        run_ffmpeg(
            ["-f", "lavfi", "-i", marker, "-f", "null", "-"], timeout=1, ffmpeg_path=str(wrapper)
        )

    assert _within(5, lambda: not _processes_mentioning(marker)), _processes_mentioning(marker)


def test_failure_keeps_the_end_of_stderr(tmp_path: Path) -> None:
    missing = tmp_path / "missing.mp4"
    with pytest.raises(FfmpegFailed) as caught:
        run_ffmpeg(["-i", str(missing), "-f", "null", "-"], timeout=20)

    error = caught.value
    assert error.returncode != 0
    assert "No such file or directory" in error.stderr_tail
    assert "No such file or directory" in str(error)
    assert isinstance(error, MediaError)
    assert isinstance(error, PermanentError)
    assert _no_ffmpeg_children()


def test_check_false_returns_the_failed_run(tmp_path: Path) -> None:
    result = run_ffmpeg(["-i", str(tmp_path / "missing.mp4")], timeout=20, check=False)
    assert result.returncode != 0
    assert "No such file or directory" in result.stderr_tail


def test_stderr_tail_is_the_last_lines() -> None:
    # showinfo logs a line per frame: 100 frames, far more than the tail keeps.
    result = run_ffmpeg(
        ["-f", "lavfi", "-i", "testsrc=size=64x64:rate=25:duration=4,showinfo", "-f", "null", "-"],
        timeout=20,
        capture_stderr=True,
    )
    lines = result.stderr.splitlines()
    assert len(lines) > 100
    assert result.stderr_tail.splitlines() == lines[-STDERR_TAIL_LINES:]


def test_stdout_is_collected_or_streamed() -> None:
    args = ["-f", "lavfi", "-i", "testsrc=size=64x64:rate=25:duration=1", "-f", "framecrc", "-"]
    collected = run_ffmpeg(args, timeout=20)
    chunks: list[bytes] = []
    streamed = run_ffmpeg(args, timeout=20, stdout_sink=chunks.append)

    assert b"#tb 0: 1/25" in collected.stdout
    assert collected.stdout.count(b"\n0, ") == 25
    assert streamed.stdout == b""
    assert b"".join(chunks) == collected.stdout


def test_progress_reports_increasing_seconds_on_the_calling_thread() -> None:
    seconds: list[float] = []
    percents: list[float] = []
    threads: set[int] = set()
    to_percent = percent_progress(1.0, percents.append)

    def report(value: float) -> None:
        threads.add(threading.get_ident())
        seconds.append(value)
        to_percent(value)

    # -re paces the source in real time, so there is progress to report along the way.
    run_ffmpeg(
        ["-re", "-f", "lavfi", "-i", "testsrc=size=64x64:rate=25:duration=1", "-f", "null", "-"],
        timeout=20,
        progress=report,
        progress_interval=0.1,
    )

    assert len(seconds) >= 3
    assert all(later > earlier for earlier, later in itertools.pairwise(seconds))
    assert seconds[-1] == pytest.approx(1.0, abs=0.05)
    assert percents[-1] == pytest.approx(100.0, abs=5)
    assert all(0.0 <= value <= 100.0 for value in percents)
    assert threads == {threading.get_ident()}


def test_cancel_event_kills_ffmpeg_and_raises_cancelled() -> None:
    cancel = threading.Event()
    started = time.monotonic()
    with pytest.raises(Cancelled):
        # The first progress report proves ffmpeg is running; then the user cancels.
        run_ffmpeg(
            ENDLESS,
            timeout=20,
            progress=lambda _: cancel.set(),
            progress_interval=0.1,
            cancel=cancel,
        )
    assert time.monotonic() - started < 5
    assert _no_ffmpeg_children(), _children()


def _niceness_of_threads(pid: int) -> set[int]:
    """The nice value of every thread of ``pid`` (field 19 of its stat)."""
    values = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        stat = (task / "stat").read_text()
        values.add(int(stat[stat.rindex(")") + 2 :].split()[16]))
    return values


def test_a_run_can_yield_the_cores() -> None:
    """Every thread of ffmpeg (the decoders start theirs after the run begins) at the niceness
    asked for, so work of normal priority beside it gets the cores first."""
    wanted = min(19, os.getpriority(os.PRIO_PROCESS, 0) + 5)
    seen: list[set[int]] = []
    groups: list[str] = []

    def look(_: float) -> None:
        [pid] = [pid for pid, _, name in _children() if "ffmpeg" in name]
        seen.append(_niceness_of_threads(pid))
        group = Path(f"/proc/{pid}/autogroup")
        if group.exists():  # scheduling grouped by session: the group's value counts
            groups.append(group.read_text().split()[-1])

    with pytest.raises(Cancelled):
        run_ffmpeg(ENDLESS, timeout=20, progress=look, progress_interval=0.1, nice=wanted,
                   cancel=lambda: len(seen) >= 2)  # fmt: skip
    assert seen[-1] == {wanted}
    assert groups == [str(wanted)] * len(groups)
    assert _no_ffmpeg_children()


def test_cancel_callable() -> None:
    reports: list[float] = []
    with pytest.raises(Cancelled):
        run_ffmpeg(
            ENDLESS,
            timeout=20,
            progress=reports.append,
            progress_interval=0.1,
            cancel=lambda: len(reports) >= 2,
        )
    assert len(reports) == 2
    assert _no_ffmpeg_children()


def test_an_exception_in_a_callback_kills_ffmpeg() -> None:
    def explode(_: float) -> None:
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError, match="boom"):
        run_ffmpeg(ENDLESS, timeout=20, progress=explode, progress_interval=0.1)
    assert _no_ffmpeg_children()


def test_an_exception_in_the_stdout_sink_kills_ffmpeg() -> None:
    def refuse(_: bytes) -> None:
        raise OSError("disk full")

    args = ["-f", "lavfi", "-i", "testsrc=size=64x64:rate=25", "-f", "framecrc", "-"]
    with pytest.raises(OSError, match="disk full"):
        run_ffmpeg(args, timeout=20, stdout_sink=refuse)
    assert _no_ffmpeg_children()


def test_progress_parser() -> None:
    parser = ProgressParser()
    blocks = [
        (["out_time_us=N/A", "out_time=-00:00:00.066667"], 0.0),  # B-frame copy starts below 0
        (["out_time_us=500000", "out_time=00:00:00.500000"], 0.5),
        (["out_time_us=500000"], None),  # no progress, no report
        (["out_time_ms=1500000"], 1.5),  # microseconds, despite the name
        (["out_time=00:01:02.250000"], 62.25),
        (["speed=N/A"], None),
    ]
    for lines, expected in blocks:
        assert all(parser.feed(line) is None for line in lines)
        assert parser.feed("progress=continue\n") == expected


def test_percent_progress() -> None:
    percents: list[float] = []
    report = percent_progress(10.0, percents.append)
    for seconds in (0.0, 2.5, 12.0):
        report(seconds)
    assert percents == [0.0, 25.0, 100.0]
    with pytest.raises(ValueError, match="positive"):
        percent_progress(0, percents.append)
