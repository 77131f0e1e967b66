from __future__ import annotations

from typing import Literal

from pydantic import BaseModel


class Health(BaseModel):
    status: Literal["ok"] = "ok"
    version: str


class Check(BaseModel):
    ok: bool
    detail: str
    duration_ms: float


class Readiness(BaseModel):
    ready: bool
    checks: dict[str, Check]


class JobsSummary(BaseModel):
    pending: int
    running: int
    succeeded: int
    failed: int
    cancelled: int
