"""What the health worker reads (``Evidence``), what it finds (``Finding``), what a model must
answer (``Answer``), and what the API shows of a run."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from backend.health.causes import CauseName
from backend.telemetry.schemas import Snapshot

Severity = Literal["critical", "warning", "info"]
Outcome = Literal["model", "deterministic"]
RunState = Literal["queued", "running", "succeeded", "failed"]


class AlertFact(BaseModel):
    rule: str
    key: str
    severity: Severity
    title: str
    message: str
    details: dict[str, Any] = Field(default_factory=dict)
    first_seen_at: datetime | None = None
    count: int = 1


class FailedJob(BaseModel):
    id: uuid.UUID | None = None
    type: str
    error: str | None
    finished_at: datetime | None = None
    attempts: int = 1
    duration_seconds: float | None = None


class FailedPublication(BaseModel):
    id: uuid.UUID | None = None
    platform: str
    account_id: uuid.UUID | None = None
    state: str = "failed"
    error: str | None
    error_reason: str | None = None
    at: datetime | None = None


class LogLine(BaseModel):
    """A stored line of what went wrong: Stakazo keeps no log lines in the database, so these
    are the errors its rows keep (webhook deliveries, dead outbox rows, accounts)."""

    source: str = Field(description="webhook, outbox, account, worker...")
    message: str
    at: datetime | None = None
    level: Literal["error", "warning", "info"] = "error"


class Evidence(BaseModel):
    """Everything one run looks at, redacted before it is hashed, stored or sent."""

    now: datetime
    snapshot: Snapshot | None
    history: list[Snapshot] = Field(
        default_factory=list, description="Earlier snapshots, oldest first, for trends."
    )
    alerts: list[AlertFact] = Field(default_factory=list)
    failed_jobs: list[FailedJob] = Field(default_factory=list)
    failed_publications: list[FailedPublication] = Field(default_factory=list)
    log_lines: list[LogLine] = Field(default_factory=list)


class Finding(BaseModel):
    id: str = Field(description="E1, E2...: stable within the run, cited by the answer.")
    cause: CauseName
    severity: Severity
    title: str
    facts: list[str] = Field(description="What the finding rests on, redacted.")
    count: int = Field(default=1, description="How many observations back it.")


# The model's answer. Every claim cites the findings it rests on; unknown ids drop the claim.
class Hypothesis(BaseModel):
    model_config = ConfigDict(extra="ignore")

    cause: str = Field(max_length=80)
    statement: str = Field(min_length=1, max_length=2000)
    evidence: list[str] = Field(min_length=1, max_length=20)
    confidence: Literal["high", "medium", "low"] = "medium"


class Recommendation(BaseModel):
    model_config = ConfigDict(extra="ignore")

    action: str = Field(min_length=1, max_length=1000)
    reason: str = Field(default="", max_length=2000)
    evidence: list[str] = Field(min_length=1, max_length=20)


class PlanStep(BaseModel):
    model_config = ConfigDict(extra="ignore")

    action: str = Field(min_length=1, max_length=1000)
    evidence: list[str] = Field(default_factory=list, max_length=20)


class Answer(BaseModel):
    model_config = ConfigDict(extra="ignore")

    summary: str = Field(min_length=1, max_length=4000)
    hypotheses: list[Hypothesis] = Field(max_length=20)
    recommendations: list[Recommendation] = Field(default_factory=list, max_length=20)
    plan: list[PlanStep] = Field(default_factory=list, max_length=20)


@dataclass(frozen=True)
class RunFilters:
    min_score: int | None = None
    max_score: int | None = None
    outcome: str | None = None
    created_after: datetime | None = None
    created_before: datetime | None = None
    critical_only: bool = False


class RunOut(BaseModel):
    """One run, without its findings (GET /v1/ai/health/runs/{id} has them)."""

    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    trigger: Literal["schedule", "manual"]
    state: RunState
    outcome: Outcome | None
    fallback_reason: str | None = Field(
        description="Why the deterministic analysis stands: no_provider_configured, "
        "providers_failed, malformed_output, cost_cap_run, cost_cap_day."
    )
    score: int | None = Field(description="0 (down) to 100 (healthy); see docs/ai-health.md.")
    critical: bool
    provider: str | None
    model: str | None
    tokens_in: int
    tokens_out: int
    cost_usd: float
    dropped_claims: int = Field(description="Model claims dropped for citing unknown evidence.")
    duration_ms: int | None
    error: str | None
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None


class CitedHypothesis(Hypothesis):
    cited: list[Finding] = Field(description="The findings its evidence ids name.")


class CitedRecommendation(Recommendation):
    cited: list[Finding]


class CitedAnswer(BaseModel):
    summary: str
    hypotheses: list[CitedHypothesis]
    recommendations: list[CitedRecommendation]
    plan: list[PlanStep]


class ToolCallOut(BaseModel):
    name: str
    arguments: dict[str, Any]
    ok: bool


class RunDetail(RunOut):
    inputs_digest: str | None = Field(description="sha256 of the redacted inputs.")
    findings: list[Finding]
    answer: CitedAnswer | None = Field(
        description="The model's answer (outcome model) or the deterministic one, each claim "
        "with the findings it cites."
    )
    tool_calls: list[ToolCallOut]
