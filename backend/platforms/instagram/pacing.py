"""Pacing calls by the usage Meta reports, instead of running into its throttling errors.

Meta sends usage as JSON in response headers, in percent of the allowance [M11]:

    X-App-Usage: {"call_count": 28, "total_time": 25, "total_cputime": 25}
    X-Business-Use-Case-Usage: {"<ig-user-id>": [{"type": "instagram", "call_count": 95,
        "total_cputime": 20, "total_time": 20, "estimated_time_to_regain_access": 0}]}

App usage covers every call of the app on a host; business use case (BUC) usage covers the calls
about one Instagram account. Once any figure reaches the pause threshold, calls of that scope
stop here with a ``RetryableError`` until the platform's estimate of regained access (minutes)
or, without one, ``PAUSE_SECONDS``; the first call after that reads fresh figures. The memory is
per process: each worker paces itself by what its own answers said.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Mapping
from typing import Any

import structlog

from backend.platforms.base import RetryableError
from backend.platforms.instagram.errors import PLATFORM

log = structlog.get_logger(__name__)

PAUSE_SECONDS = 300.0
APP = "app"


class Pacer:
    def __init__(self) -> None:
        self._paused_until: dict[tuple[str, str], float] = {}
        self._lock = threading.Lock()

    def check(self, host: str, account: str | None, *, now: float | None = None) -> None:
        """Raise ``RetryableError`` when the app or the account is paused on this host."""
        moment = time.monotonic() if now is None else now
        with self._lock:
            scopes = [APP] + ([account] if account else [])
            waits = [self._paused_until.get((host, scope), 0.0) - moment for scope in scopes]
        wait = max(waits)
        if wait > 0:
            raise RetryableError(
                PLATFORM,
                f"paused: usage reached the threshold; {wait:.0f} s left",
                "Stakazo is close to Instagram's call limit and waits before calling again.",
                retry_after_seconds=wait,
            )

    def observe(
        self,
        host: str,
        headers: Mapping[str, str],
        threshold: float,
        *,
        now: float | None = None,
    ) -> None:
        moment = time.monotonic() if now is None else now
        for scope, percent, regain_minutes in usage_of(headers):
            if percent < threshold:
                continue
            pause = regain_minutes * 60 if regain_minutes > 0 else PAUSE_SECONDS
            with self._lock:
                until = max(self._paused_until.get((host, scope), 0.0), moment + pause)
                self._paused_until[(host, scope)] = until
            log.warning("instagram.usage_pause", scope=scope, percent=percent, seconds=pause)


def usage_of(headers: Mapping[str, str]) -> list[tuple[str, float, float]]:
    """(scope, highest percent, minutes to regain access) for each usage the headers report."""
    found: list[tuple[str, float, float]] = []
    app = _json(headers.get("x-app-usage"))
    if isinstance(app, dict):
        found.append((APP, _highest(app), 0.0))
    buc = _json(headers.get("x-business-use-case-usage"))
    if isinstance(buc, dict):
        for account, entries in buc.items():
            for entry in entries if isinstance(entries, list) else []:
                if isinstance(entry, dict):
                    regain = _number(entry.get("estimated_time_to_regain_access"))
                    found.append((str(account), _highest(entry), regain))
    return found


def _highest(figures: dict[str, Any]) -> float:
    return max(
        (_number(figures.get(name)) for name in ("call_count", "total_time", "total_cputime")),
        default=0.0,
    )


def _number(value: Any) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return 0.0


def _json(value: str | None) -> Any:
    if not value:
        return None
    try:
        return json.loads(value)
    except ValueError:
        return None


PACER = Pacer()
