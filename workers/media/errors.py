"""Media errors, sorted by what a job should do with them: give up, retry, or stop quietly."""

from __future__ import annotations

from typing import Literal

from core.errors import PermanentError, RetryableError

RejectReason = Literal[
    "empty",
    "incomplete",
    "unrecognized",
    "unsupported_format",
    "no_video",
    "still_image",
    "unreadable_video",
    "no_frames",
    "unknown_duration",
    "implausible_duration",
]


class MediaError(PermanentError):
    """The media itself is the problem: the same file will fail the same way next time."""


class InvalidMedia(MediaError):
    """An upload we refuse. ``str(error)`` is written for the person who uploaded the file;
    ``reason`` is a stable code for the API, metrics and tests."""

    def __init__(self, reason: RejectReason, message: str) -> None:
        super().__init__(message)
        self.reason: RejectReason = reason
        self.message = message


class FfmpegFailed(MediaError):
    """ffmpeg exited with an error; the last lines of its stderr say why."""

    def __init__(self, returncode: int, stderr_tail: str, *, what: str | None = None) -> None:
        if what is not None:
            # A job runs several named steps (a cut is a scan, encodes, copies and a concat):
            # its error must say which one broke, and the tail says why.
            message = f"{what} failed (ffmpeg exit {returncode})"
            super().__init__(f"{message}: {stderr_tail[-2000:]}" if stderr_tail else message)
        else:
            lines = [line for line in stderr_tail.splitlines() if line.strip()]
            last = lines[-1].strip() if lines else "no error output"
            if returncode < 0:
                summary = f"ffmpeg was killed by signal {-returncode}"
            else:
                summary = f"ffmpeg failed with exit code {returncode}"
            super().__init__(f"{summary}: {last}")
        self.returncode = returncode
        self.stderr_tail = stderr_tail


class FfmpegTimeout(RetryableError):
    """ffmpeg ran past its deadline and was killed; a busy machine may do better later."""

    def __init__(self, timeout: float, stderr_tail: str, *, what: str | None = None) -> None:
        if what is not None:
            super().__init__(f"{what} took longer than {timeout:.0f} s")
        else:
            super().__init__(f"ffmpeg did not finish within {timeout:g} s and was stopped")
        self.timeout = timeout
        self.stderr_tail = stderr_tail


class Cancelled(Exception):
    """The caller asked us to stop; ffmpeg was killed and nothing is left running."""
