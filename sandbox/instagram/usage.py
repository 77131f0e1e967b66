"""Rate limits in the emulator, as Meta reports them [M11]: every Graph call counts against the
app (rolling hour) and against the Instagram account it is about (rolling 24 h, the business use
case). Each answer says how much is used, in percent, in ``X-App-Usage`` and
``X-Business-Use-Case-Usage``; a call past either limit is refused (code 4 for the app, 80002 for
the account) until the window lets old calls go. Poll pace itself is not enforced: Meta's "once
per minute" is guidance, and what it enforces are these limits."""

from __future__ import annotations

import json
import math
from collections import deque

from sandbox.instagram.config import SandboxConfig
from sandbox.instagram.errors import GraphFault

HOUR, DAY = 3600.0, 86400.0


class Usage:
    def __init__(self) -> None:
        self.app: deque[float] = deque()
        self.accounts: dict[str, deque[float]] = {}

    def count(self, config: SandboxConfig, account_id: str, now: float) -> dict[str, str]:
        """Counts one call; returns the usage headers for its answer. Raises the throttling
        fault (the headers are on it) when a limit is used up."""
        app = _window(self.app, now - HOUR)
        mine = _window(self.accounts.setdefault(account_id, deque()), now - DAY)
        app_full = len(app) >= config.app_calls_per_hour
        mine_full = len(mine) >= config.account_calls_per_day
        if not (app_full or mine_full):
            app.append(now)
            mine.append(now)
        headers = {
            "X-App-Usage": json.dumps(_figures(len(app), config.app_calls_per_hour)),
            "X-Business-Use-Case-Usage": json.dumps(
                {
                    account_id: [
                        {
                            "type": "instagram",
                            **_figures(len(mine), config.account_calls_per_day),
                            "estimated_time_to_regain_access": (
                                math.ceil((mine[0] + DAY - now) / 60) if mine_full else 0
                            ),
                        }
                    ]
                }
            ),
        }
        if app_full:
            raise Throttled(headers, GraphFault(4, "(#4) Application request limit reached"))
        if mine_full:
            raise Throttled(
                headers,
                GraphFault(
                    80002,
                    "There have been too many calls to this Instagram account. Wait a bit and "
                    "try again.",
                ),
            )
        return headers


class Throttled(Exception):
    def __init__(self, headers: dict[str, str], fault: GraphFault) -> None:
        super().__init__(fault.message)
        self.headers = headers
        self.fault = fault


def _window(calls: deque[float], since: float) -> deque[float]:
    while calls and calls[0] <= since:
        calls.popleft()
    return calls


def _figures(used: int, limit: int) -> dict[str, int]:
    percent = min(100, used * 100 // limit)
    return {"call_count": percent, "total_cputime": percent // 2, "total_time": percent // 2}
