"""Running ffmpeg: one subprocess per call, bounded in time, cancellable, with its stderr tail kept
for the error message. Internal to the cut/reframe/render modules (``runner.py`` belongs to
another part of the pipeline; this one stays deliberately minimal)."""

from __future__ import annotations

import subprocess
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import IO

import structlog

from backend.errors import PermanentError, RetryableError
from workers.media.ffmpeg import find_ffmpeg

log = structlog.get_logger(__name__)

STDERR_TAIL_LINES = 40
_POLL_SECONDS = 0.1

ProgressCallback = Callable[[float], None]


class MediaError(PermanentError):
    """The input or the requested output cannot be processed; retrying will not help."""


class FfmpegFailed(MediaError):
    def __init__(self, message: str, *, returncode: int | None, stderr_tail: str) -> None:
        super().__init__(f"{message}: {stderr_tail[-2000:]}" if stderr_tail else message)
        self.returncode = returncode
        self.stderr_tail = stderr_tail


class FfmpegTimeout(RetryableError):
    """ffmpeg ran past its time limit: usually a busy machine, worth another try later."""

    def __init__(self, message: str, *, stderr_tail: str) -> None:
        super().__init__(message)
        self.stderr_tail = stderr_tail


class MediaCancelled(Exception):
    """The caller's cancel event was set; the ffmpeg process has been killed."""


@dataclass(frozen=True)
class RunResult:
    stdout: bytes
    stderr_tail: str
    elapsed_seconds: float


class _Process:
    """A started ffmpeg with a thread draining stderr into a bounded tail (so a chatty process
    never blocks on a full pipe and a failure still says what went wrong) and a watchdog that
    kills it on timeout or cancel, even while the caller is blocked reading its stdout."""

    def __init__(
        self,
        args: Sequence[str],
        *,
        what: str,
        timeout: float,
        cancel: threading.Event | None,
        tail_lines: int = STDERR_TAIL_LINES,
    ) -> None:
        self.what = what
        self.timeout = timeout
        self.argv = [find_ffmpeg(), "-hide_banner", "-nostdin", *args]
        self.started = time.monotonic()
        self.proc = subprocess.Popen(  # noqa: S603  (an argument list, no shell)
            self.argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        self._tail: deque[str] = deque(maxlen=tail_lines)
        self._stopped_for: str | None = None
        self._done = threading.Event()
        self._stderr = threading.Thread(target=self._drain, args=(self.proc.stderr,), daemon=True)
        self._stderr.start()
        threading.Thread(target=self._watch, args=(cancel,), daemon=True).start()

    def _drain(self, stream: IO[bytes] | None) -> None:
        assert stream is not None
        for raw in stream:
            self._tail.append(raw.decode("utf-8", "replace").rstrip())

    def _watch(self, cancel: threading.Event | None) -> None:
        deadline = self.started + self.timeout
        while not self._done.wait(_POLL_SECONDS):
            if self.proc.poll() is not None:  # exited on its own: finish() decides the outcome
                return
            if cancel is not None and cancel.is_set():
                self._stopped_for = "cancelled"
            elif time.monotonic() > deadline:
                self._stopped_for = "timeout"
            else:
                continue
            self.proc.kill()
            return

    def tail(self) -> str:
        self._stderr.join(timeout=2)
        return "\n".join(self._tail)

    def kill(self) -> None:
        self._done.set()
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()

    def finish(self, *, check: bool = True) -> str:
        """Wait for the exit; raise if it was cancelled, timed out or (with check) failed."""
        returncode = self.proc.wait()
        self._done.set()
        tail = self.tail()
        if self._stopped_for == "cancelled":
            log.info("media.ffmpeg.cancelled", what=self.what)
            raise MediaCancelled(f"{self.what} was cancelled")
        if self._stopped_for == "timeout":
            log.warning("media.ffmpeg.timeout", what=self.what, timeout_seconds=self.timeout)
            raise FfmpegTimeout(
                f"{self.what} took longer than {self.timeout:.0f} s", stderr_tail=tail
            )
        if returncode != 0 and check:
            log.warning(
                "media.ffmpeg.failed", what=self.what, returncode=returncode, tail=tail[-500:]
            )
            raise FfmpegFailed(
                f"{self.what} failed (ffmpeg exit {returncode})",
                returncode=returncode,
                stderr_tail=tail,
            )
        return tail


def run_ffmpeg(
    args: Sequence[str],
    *,
    what: str,
    timeout: float,
    capture_stdout: bool = False,
    progress: ProgressCallback | None = None,
    duration: float | None = None,
    cancel: threading.Event | None = None,
    check: bool = True,
    tail_lines: int = STDERR_TAIL_LINES,
) -> RunResult:
    """Run ``ffmpeg <args>``. With ``progress`` (and the expected output ``duration``), ffmpeg
    reports ``out_time_us`` on stdout and the callback gets a fraction in [0, 1]; progress and
    ``capture_stdout`` are exclusive because they share the pipe. ``check=False`` returns even
    when ffmpeg exits non-zero (``ffmpeg -i`` alone always does)."""
    if progress is not None and capture_stdout:
        raise ValueError("progress and capture_stdout both need stdout")
    if progress is not None:
        args = ["-progress", "pipe:1", "-nostats", *args]
    process = _Process(args, what=what, timeout=timeout, cancel=cancel, tail_lines=tail_lines)
    chunks: list[bytes] = []
    reader = threading.Thread(
        target=_read_stdout, args=(process.proc.stdout, chunks, progress, duration), daemon=True
    )
    reader.start()
    try:
        reader.join()
    finally:
        if reader.is_alive():  # interrupted (KeyboardInterrupt): leave no orphan ffmpeg behind
            process.kill()
    tail = process.finish(check=check)
    if progress is not None:
        progress(1.0)
    return RunResult(b"".join(chunks), tail, time.monotonic() - process.started)


def _read_stdout(
    stream: IO[bytes] | None,
    chunks: list[bytes],
    progress: ProgressCallback | None,
    duration: float | None,
) -> None:
    assert stream is not None
    if progress is None:
        while chunk := stream.read(1 << 16):
            chunks.append(chunk)
        return
    for raw in stream:
        key, _, value = raw.decode("ascii", "replace").strip().partition("=")
        if key == "out_time_us" and duration and value.lstrip("-").isdigit():
            try:
                progress(min(1.0, max(0.0, int(value) / 1e6 / duration)))
            except Exception:  # a broken callback must not kill the reader and stall ffmpeg
                log.exception("media.ffmpeg.progress_callback_failed")


def iter_frames(
    args: Sequence[str],
    *,
    frame_bytes: int,
    what: str,
    timeout: float,
    cancel: threading.Event | None = None,
) -> Iterator[bytes]:
    """Stream fixed-size raw frames from ``ffmpeg <args> ... pipe:1`` without holding them all
    in memory. Stopping the iteration early kills the process."""
    process = _Process(args, what=what, timeout=timeout, cancel=cancel)
    stdout = process.proc.stdout
    assert stdout is not None
    finished = False
    try:
        while len(frame := stdout.read(frame_bytes)) == frame_bytes:
            yield frame
        finished = True
    finally:
        if not finished:
            process.kill()
    process.finish()
