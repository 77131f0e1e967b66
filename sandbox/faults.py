"""Faults the sandbox injects, so every failure the real platforms produce can be rehearsed.

A plan is a list of rules, from ``STAKAZO_SANDBOX_FAULTS`` (JSON) or
``PUT /sandbox/_control/faults``:

    {"platform": "tiktok", "operation": "upload_chunk", "fault": "drop", "times": 1}
    {"platform": "*", "operation": "*", "fault": "error", "probability": 0.2, "status": 503}

``fault`` is one of:
  error           answer ``status`` (5xx by default) in the platform's error format
  rate_limit      429 with ``Retry-After: retry_after``
  timeout         hold the request ``delay_seconds`` before answering (the client should give up)
  drop            close the connection without an answer; uploads keep the bytes read so far
  lost_response   do the work, then close the connection without an answer
  slow_processing processing of the upload takes ``delay_seconds`` instead of the usual time

``times`` bounds how often a rule fires (absent: every time); ``probability`` makes it random
(seeded by ``seed`` on the plan, so a benchmark run is repeatable).
"""

from __future__ import annotations

import json
import random
import threading
from typing import Literal

from pydantic import BaseModel, Field

FaultKind = Literal["error", "rate_limit", "timeout", "drop", "lost_response", "slow_processing"]


class FaultRule(BaseModel):
    platform: str = "*"
    operation: str = "*"
    fault: FaultKind
    times: int | None = Field(default=None, ge=0)
    probability: float = Field(default=1.0, ge=0.0, le=1.0)
    status: int = Field(default=503, ge=400, le=599)
    retry_after: int = Field(default=1, ge=0)
    delay_seconds: float = Field(default=30.0, ge=0)

    def matches(self, platform: str, operation: str) -> bool:
        return self.platform in ("*", platform) and self.operation in ("*", operation)


class FaultPlanBody(BaseModel):
    rules: list[FaultRule] = []
    seed: int | None = None


class DropConnection(Exception):
    """Raised by a handler to close the connection without a response (see app.DropMiddleware)."""


def lost(rule: FaultRule | None) -> None:
    """``lost_response``: the work is done, the answer never arrives."""
    if rule is not None and rule.fault == "lost_response":
        raise DropConnection()


class FaultPlan:
    """Thread-safe: the sandbox may serve requests from several threads (tests run it in one)."""

    def __init__(self, rules: list[FaultRule] | None = None, seed: int | None = None) -> None:
        self._lock = threading.Lock()
        self.replace(rules or [], seed)

    @classmethod
    def from_json(cls, text: str) -> FaultPlan:
        data = json.loads(text or "[]")
        if isinstance(data, dict):
            body = FaultPlanBody.model_validate(data)
            return cls(body.rules, body.seed)
        return cls([FaultRule.model_validate(item) for item in data])

    def replace(self, rules: list[FaultRule], seed: int | None = None) -> None:
        with self._lock:
            self._rules = [rule.model_copy() for rule in rules]
            self._random = random.Random(seed)  # noqa: S311 - fault dice, not security
            self.fired: dict[str, int] = {}

    def rules(self) -> list[FaultRule]:
        with self._lock:
            return [rule.model_copy() for rule in self._rules]

    def take(self, platform: str, operation: str) -> FaultRule | None:
        """The fault to inject into this call, if any; a rule with ``times`` is used up by it."""
        with self._lock:
            for rule in self._rules:
                if not rule.matches(platform, operation) or rule.times == 0:
                    continue
                if rule.probability < 1.0 and self._random.random() >= rule.probability:
                    continue
                if rule.times is not None:
                    rule.times -= 1
                key = f"{platform}.{operation}.{rule.fault}"
                self.fired[key] = self.fired.get(key, 0) + 1
                return rule.model_copy()
        return None
