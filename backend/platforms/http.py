"""httpx for platform calls: explicit timeouts, and transport failures as ``RetryableError``."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from email.utils import parsedate_to_datetime
from typing import Any

import httpx

from backend.config import Settings
from backend.platforms.base import RetryableError
from core.clock import utcnow


def timeouts(settings: Settings, *, upload: bool = False) -> httpx.Timeout:
    seconds = (
        settings.platform_upload_timeout_seconds if upload else settings.platform_timeout_seconds
    )
    return httpx.Timeout(seconds, connect=settings.platform_connect_timeout_seconds)


def client(settings: Settings, *, upload: bool = False) -> httpx.AsyncClient:
    return httpx.AsyncClient(timeout=timeouts(settings, upload=upload), follow_redirects=False)


def json_or_none(response: httpx.Response) -> Any:
    """The decoded body, or None when it is not JSON (a proxy's error page, a cut answer)."""
    try:
        return response.json()
    except ValueError:
        return None


def retry_after_seconds(response: httpx.Response) -> float | None:
    """``Retry-After`` as seconds (it may be a number or an HTTP date)."""
    value = response.headers.get("Retry-After")
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        return max(0.0, (parsedate_to_datetime(value) - utcnow()).total_seconds())
    except (TypeError, ValueError):
        return None


@contextmanager
def transport_errors(platform: str, operation: str) -> Iterator[None]:
    """Timeouts, refused and dropped connections: the call may or may not have happened, so the
    engine must ask the platform before doing anything irreversible again."""
    # Imported here: the registry imports the platform packages, which import this module.
    from backend.platforms.registry import display_name

    try:
        yield
    except httpx.TimeoutException as error:
        raise RetryableError(
            platform,
            f"{operation}: timed out ({type(error).__name__})",
            f"{display_name(platform)} did not answer in time.",
        ) from error
    except httpx.TransportError as error:
        raise RetryableError(
            platform,
            f"{operation}: connection failed ({type(error).__name__})",
            f"The connection to {display_name(platform)} broke off.",
        ) from error
