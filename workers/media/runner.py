"""Running ffmpeg with a hard deadline, cancellation and progress, leaving no process behind.

ffmpeg runs in its own process group so that a kill reaches anything it (or a wrapper script
configured as the binary) started. Its pipes are drained on threads, because a full pipe would
stall it; callbacks (progress) run on the calling thread, because callers hold thread-bound things
like database sessions. Progress travels on a pipe of its own, so stdout stays free for media data.
"""

from __future__ import annotations

import contextlib
import os
import queue
import re
import signal
import subprocess
import threading
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Final, Literal, TypeAlias

import structlog

from core.ffmpeg import find_ffmpeg
from workers.media.errors import Cancelled, FfmpegFailed, FfmpegTimeout

__all__ = [
    "CancelSignal",
    "Cancelled",
    "FfmpegFailed",
    "FfmpegResult",
    "FfmpegTimeout",
    "ProgressCallback",
    "ProgressParser",
    "is_cancelled",
    "percent_progress",
    "run_ffmpeg",
]

log = structlog.get_logger(__name__)

STDERR_TAIL_LINES: Final = 40
# A hostile file can make ffmpeg print a lot (a warning per packet); what we parse comes first.
STDERR_CAPTURE_LIMIT: Final = 1 << 20
# How often a pending cancellation is noticed when ffmpeg is quiet.
POLL_SECONDS: Final = 0.05
# After SIGKILL the kernel reaps promptly unless the process is stuck in uninterruptible I/O.
_REAP_SECONDS: Final = 10.0
_JOIN_SECONDS: Final = 2.0
_CHUNK: Final = 1 << 16

ProgressCallback: TypeAlias = Callable[[float], None]
CancelSignal: TypeAlias = threading.Event | Callable[[], bool]

_Event: TypeAlias = (
    tuple[Literal["progress"], float]
    | tuple[Literal["eof"], str]
    | tuple[Literal["error"], BaseException]
)


@dataclass(frozen=True, slots=True)
class FfmpegResult:
    argv: tuple[str, ...]
    returncode: int
    stdout: bytes
    """Everything ffmpeg wrote to stdout; empty when a ``stdout_sink`` consumed it."""
    stderr: str
    """The whole stderr (up to ``STDERR_CAPTURE_LIMIT``) with ``capture_stderr=True``, else ""."""
    stderr_tail: str
    """The last ``STDERR_TAIL_LINES`` lines of stderr, always kept for error messages."""
    elapsed: float


def percent_progress(total_seconds: float, on_percent: Callable[[float], None]) -> ProgressCallback:
    """Turn "seconds processed" into 0-100 for a known length (the probed duration, a clip's)."""
    if total_seconds <= 0:
        raise ValueError("total_seconds must be positive")

    def report(seconds: float) -> None:
        on_percent(min(100.0, max(0.0, 100.0 * seconds / total_seconds)))

    return report


_CLOCK = re.compile(r"^(-?)(\d+):(\d{2}):(\d{2}(?:\.\d+)?)$")


class ProgressParser:
    """Reads ``-progress`` output: blocks of ``key=value`` lines, each closed by ``progress=…``.

    ``out_time_us`` is preferred; ``out_time_ms`` is a fallback only, and read as microseconds
    because that is what ffmpeg has always written under that name.
    """

    def __init__(self) -> None:
        self._values: dict[str, str] = {}
        self._last = -1.0

    def feed(self, line: str) -> float | None:
        """Returns seconds processed when a block closes with more progress than before."""
        key, sep, value = line.strip().partition("=")
        if not sep:
            return None
        if key != "progress":
            self._values[key] = value.strip()
            return None
        seconds = self._seconds()
        self._values.clear()
        if seconds is None or seconds <= self._last:
            return None
        self._last = seconds
        return seconds

    def _seconds(self) -> float | None:
        for key in ("out_time_us", "out_time", "out_time_ms"):
            raw = self._values.get(key)
            if raw is None or raw == "N/A":
                continue
            if key == "out_time":
                match = _CLOCK.match(raw)
                if match is None:
                    continue
                sign, hours, minutes, seconds = match.groups()
                value = int(hours) * 3600 + int(minutes) * 60 + float(seconds)
                # Copying B-frame streams starts slightly below zero; that is still "nothing done".
                return 0.0 if sign else value
            try:
                return max(0.0, int(raw) / 1_000_000)
            except ValueError:
                continue
        return None


def is_cancelled(cancel: CancelSignal | None) -> bool:
    if cancel is None:
        return False
    if isinstance(cancel, threading.Event):
        return cancel.is_set()
    return bool(cancel())


class _Pipes:
    """The reader threads and what they collected; each thread ends with an "eof" event."""

    def __init__(
        self,
        process: subprocess.Popen[bytes],
        progress_file: IO[bytes] | None,
        stdout_sink: Callable[[bytes], None] | None,
        capture_stderr: bool,
    ) -> None:
        self.events: queue.SimpleQueue[_Event] = queue.SimpleQueue()
        self.stdout = bytearray()
        self._tail: deque[str] = deque(maxlen=STDERR_TAIL_LINES)
        # On timeout or cancel the tail is read while the reader may still be appending to it.
        self._tail_lock = threading.Lock()
        self.stderr: list[str] = []
        self._stderr_size = 0
        self._capture_stderr = capture_stderr
        self._sink = stdout_sink
        stdout, stderr = process.stdout, process.stderr
        assert stdout is not None
        assert stderr is not None
        streams: list[tuple[str, Callable[[], None]]] = [
            ("stdout", lambda: self._read_stdout(stdout)),
            ("stderr", lambda: self._read_stderr(stderr)),
        ]
        if progress_file is not None:
            streams.append(("progress", lambda: self._read_progress(progress_file)))
        self.threads = [
            threading.Thread(target=self._guard, args=(name, body), name=f"ffmpeg-{name}")
            for name, body in streams
        ]
        for thread in self.threads:
            thread.daemon = True
            thread.start()

    def _guard(self, name: str, body: Callable[[], None]) -> None:
        try:
            body()
        except BaseException as error:  # handed to the calling thread, which re-raises it
            self.events.put(("error", error))
        finally:
            self.events.put(("eof", name))

    def _read_stdout(self, stream: IO[bytes]) -> None:
        with stream:
            while chunk := os.read(stream.fileno(), _CHUNK):
                if self._sink is not None:
                    self._sink(chunk)
                else:
                    self.stdout += chunk

    def _read_stderr(self, stream: IO[bytes]) -> None:
        with stream:
            for raw in stream:
                line = raw.decode("utf-8", errors="replace").rstrip("\r\n")
                with self._tail_lock:
                    self._tail.append(line)
                if self._capture_stderr and self._stderr_size < STDERR_CAPTURE_LIMIT:
                    self.stderr.append(line)
                    self._stderr_size += len(line) + 1

    def _read_progress(self, stream: IO[bytes]) -> None:
        parser = ProgressParser()
        with stream:
            for raw in stream:
                seconds = parser.feed(raw.decode("ascii", errors="replace"))
                if seconds is not None:
                    self.events.put(("progress", seconds))

    def tail(self) -> str:
        with self._tail_lock:
            return "\n".join(self._tail)

    def join(self) -> None:
        for thread in self.threads:
            thread.join(_JOIN_SECONDS)


def _lower_priority(pid: int, nice: int) -> None:
    """Set right after the start, before ffmpeg has opened its input and started the decoding
    threads that inherit it; a process that already ended needs nothing. ffmpeg runs in a
    session of its own, and where Linux groups the scheduling by session (autogroup), a nice
    value counts only inside the group: the group's own nice value is what yields the cores."""
    with contextlib.suppress(OSError):
        os.setpriority(os.PRIO_PROCESS, pid, nice)
    with contextlib.suppress(OSError):
        Path(f"/proc/{pid}/autogroup").write_text(str(nice))


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    # Only while the leader is unreaped is its pid (= the group id) certainly still ours.
    if process.returncode is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    try:
        process.wait(_REAP_SECONDS)
    except subprocess.TimeoutExpired:
        log.error("media.ffmpeg.unreaped", pid=process.pid)


def run_ffmpeg(
    args: Sequence[str],
    *,
    timeout: float,
    what: str | None = None,
    ffmpeg_path: str | None = None,
    progress: ProgressCallback | None = None,
    progress_interval: float | None = None,
    cancel: CancelSignal | None = None,
    stdout_sink: Callable[[bytes], None] | None = None,
    capture_stderr: bool = False,
    check: bool = True,
    nice: int = 0,
) -> FfmpegResult:
    """Run ``ffmpeg -hide_banner -nostdin -nostats [progress options] *args``.

    - ``timeout``: hard wall-clock limit; the process group is killed and ``FfmpegTimeout`` raised.
    - ``what``: names the step in logs and error messages ("render", "cut concat").
    - ``progress``: called on this thread with seconds of media processed, strictly increasing;
      wrap it with ``percent_progress(total, …)`` for a percentage. ``progress_interval`` sets
      ffmpeg's ``-stats_period`` (default 0.5 s).
    - ``cancel``: an Event or a cheap callable, checked every ``POLL_SECONDS``; when it fires the
      process group is killed and ``Cancelled`` raised.
    - ``stdout_sink``: receives stdout chunks (on a reader thread) instead of collecting them.
    - ``check``: raise ``FfmpegFailed`` on a non-zero exit; with False the result is returned.
    - ``nice``: run ffmpeg at this lower priority (work that should yield the cores to others).
    Exceptions from callbacks propagate after the process has been killed.
    """
    argv = [find_ffmpeg(ffmpeg_path), "-hide_banner", "-nostdin", "-nostats"]
    progress_read: int | None = None
    progress_write: int | None = None
    if progress is not None:
        progress_read, progress_write = os.pipe()
        argv += ["-progress", f"pipe:{progress_write}"]
        if progress_interval is not None:
            argv += ["-stats_period", f"{progress_interval:g}"]
    argv += list(args)
    env = {**os.environ, "AV_LOG_FORCE_NOCOLOR": "1"}

    started = time.monotonic()
    deadline = started + timeout
    try:
        process = subprocess.Popen(  # noqa: S603 - an argv list, never a shell
            argv,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            pass_fds=() if progress_write is None else (progress_write,),
            start_new_session=True,
            env=env,
        )
    except BaseException:
        if progress_read is not None:
            os.close(progress_read)
        raise
    finally:
        # The child holds its own copy; ours would keep the progress pipe from ever ending.
        if progress_write is not None:
            os.close(progress_write)

    if nice:
        _lower_priority(process.pid, nice)
    log.debug("media.ffmpeg.started", pid=process.pid, what=what, argv=argv)
    progress_file = None if progress_read is None else os.fdopen(progress_read, "rb")
    pipes: _Pipes | None = None
    try:
        try:
            pipes = _Pipes(process, progress_file, stdout_sink, capture_stderr)
        except BaseException:
            if progress_file is not None:
                progress_file.close()
            raise
        open_pipes = len(pipes.threads)
        while open_pipes:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                _kill_group(process)
                log.warning("media.ffmpeg.timeout", pid=process.pid, what=what, timeout=timeout)
                raise FfmpegTimeout(timeout, pipes.tail(), what=what)
            try:
                event = pipes.events.get(timeout=min(POLL_SECONDS, remaining))
            except queue.Empty:
                event = None
            if event is not None:
                if event[0] == "progress" and progress is not None:
                    progress(event[1])
                elif event[0] == "eof":
                    open_pipes -= 1
                elif event[0] == "error":
                    raise event[1]
            if is_cancelled(cancel):
                _kill_group(process)
                log.info("media.ffmpeg.cancelled", pid=process.pid, what=what)
                raise Cancelled(f"{what or 'ffmpeg'} was cancelled")
        # All pipes closed: ffmpeg has exited (or is about to); reap it within the deadline.
        try:
            returncode = process.wait(max(0.0, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            _kill_group(process)
            raise FfmpegTimeout(timeout, pipes.tail(), what=what) from None
    finally:
        _kill_group(process)
        if pipes is not None:
            pipes.join()

    elapsed = time.monotonic() - started
    result = FfmpegResult(
        argv=tuple(argv),
        returncode=returncode,
        stdout=bytes(pipes.stdout),
        stderr="\n".join(pipes.stderr),
        stderr_tail=pipes.tail(),
        elapsed=elapsed,
    )
    if check and returncode != 0:
        log.warning(
            "media.ffmpeg.failed",
            pid=process.pid,
            what=what,
            returncode=returncode,
            stderr_tail=result.stderr_tail,
        )
        raise FfmpegFailed(returncode, result.stderr_tail, what=what)
    log.debug(
        "media.ffmpeg.finished", pid=process.pid, what=what, returncode=returncode, elapsed=elapsed
    )
    return result
