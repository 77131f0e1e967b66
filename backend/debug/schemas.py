from __future__ import annotations

from typing import Literal

from pydantic import BaseModel


class Health(BaseModel):
    status: Literal["ok"] = "ok"
    version: str


class Check(BaseModel):
    # Only the verdict: the reasons (hosts, paths, versions, errors) go to the log, not to
    # whoever can reach the probe.
    ok: bool


class Readiness(BaseModel):
    ready: bool
    checks: dict[str, Check]


class JobsSummary(BaseModel):
    pending: int
    running: int
    succeeded: int
    failed: int
    cancelled: int
