"""Moved to ``core.retry`` (the platform clients, the media pipeline and the engine share it)."""

from core.retry import (
    QUERY_BACKOFF_BASE_SECONDS,
    QUERY_MAX_WAIT_SECONDS,
    QUERY_TRIES,
    backoff_seconds,
    retry_query,
)

__all__ = [
    "QUERY_BACKOFF_BASE_SECONDS",
    "QUERY_MAX_WAIT_SECONDS",
    "QUERY_TRIES",
    "backoff_seconds",
    "retry_query",
]
