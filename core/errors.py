"""Failures sorted by what to do next: try again later, or give up.

Shared by the API's services, the platform clients, the media pipeline and the task layer, so
that retries are decided in one place whichever layer raised.
"""

from __future__ import annotations


class RetryableError(Exception):
    """A failure worth trying again later (timeouts, 429, 5xx, a busy dependency)."""

    def __init__(self, message: str, *, retry_after_seconds: float | None = None) -> None:
        super().__init__(message)
        self.retry_after_seconds = retry_after_seconds


class PermanentError(Exception):
    """A failure that will not go away by retrying (bad input, refused, missing row)."""
