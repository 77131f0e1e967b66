"""AI health runs: asking for one, the schedule, the outbox kind that re-sends lost ones, each
run's lifecycle as the worker drives it, and what the API shows. Advice only: nothing a run
finds or recommends is ever executed."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from backend import events
from backend.config import Settings
from backend.enqueue import enqueue
from backend.errors import Conflict, NotFound
from backend.health import analyzers, answers, evidence, repository
from backend.health.schemas import Answer, Finding, RunDetail, RunFilters, RunOut, ToolCallOut
from backend.iam.context import WorkspaceContext
from backend.models import AIHealthRun
from backend.pagination import Slice, Window
from backend.resend import backoff
from backend.resend.dead import declare_dead
from core.clock import utcnow

log = structlog.get_logger(__name__)

RUN_TASK = "ai.health_run"
KIND = "ai_health_runs"


class RunNotFound(NotFound):
    code = "ai_health_run_not_found"
    default_message = "No such AI health run in this workspace."


class RunInProgress(Conflict):
    code = "ai_health_run_in_progress"
    default_message = "A health run of this workspace is queued or running; wait for it to end."


def lease_seconds(settings: Settings) -> float:
    """The longest a run may take: every call of every turn timing out on every attempt, twice
    over. A run still running after that lost its worker, and the outbox sends it again."""
    turns = settings.ai_max_tool_calls + 2  # tool turns, the answer, its repair
    return 2 * settings.ai_timeout_seconds * settings.ai_max_attempts * turns * 2 + 60


def _send(session: AsyncSession, settings: Settings, run: AIHealthRun) -> None:
    now = utcnow()
    run.dispatched_at, run.resend_at = now, backoff.after_send(settings, run.sends, now)
    enqueue(session, RUN_TASK, run_id=run.id)


def _announce(session: AsyncSession, run: AIHealthRun, **data: Any) -> None:
    events.record(
        session,
        run.workspace_id,
        "ai.health.state",
        subject_id=run.id,
        data={"state": run.state, "trigger": run.trigger, **data},
    )


async def _create(
    session: AsyncSession,
    settings: Settings,
    workspace_id: uuid.UUID,
    trigger: str,
    requested_by_id: uuid.UUID | None,
) -> AIHealthRun:
    run = AIHealthRun(
        id=uuid.uuid4(), workspace_id=workspace_id, trigger=trigger, requested_by_id=requested_by_id
    )
    await repository.add_run(session, run)
    _send(session, settings, run)
    _announce(session, run)
    await session.flush()
    log.info("health.run_queued", run_id=str(run.id), trigger=trigger)
    return run


async def request_run(
    session: AsyncSession, ctx: WorkspaceContext, settings: Settings
) -> AIHealthRun:
    if await repository.unfinished_run(session, ctx.workspace_id) is not None:
        raise RunInProgress()
    return await _create(session, settings, ctx.workspace_id, "manual", ctx.user_id)


async def schedule(session: AsyncSession, settings: Settings) -> int:
    """Beat's periodic run of every workspace; one still unfinished is not doubled."""
    queued = 0
    for workspace_id in await repository.workspace_ids(session):
        if await repository.unfinished_run(session, workspace_id) is None:
            await _create(session, settings, workspace_id, "schedule", None)
            queued += 1
    return queued


async def resend_due(session: AsyncSession, settings: Settings) -> int:
    """The outbox's kind: runs whose message was lost, or whose worker died mid-run, are sent
    again with backoff; after ``outbox_max_sends`` sends the run fails and is dead."""
    now = utcnow()
    sent = 0
    for run in await repository.due_for_resend(session, now):
        if backoff.exhausted(settings, run.sends):
            run.state, run.finished_at = "failed", now
            run.error = run.error or "its run task never finished"
            await declare_dead(
                session, run, kind=KIND, error=run.error, workspace_id=run.workspace_id
            )
            _announce(session, run)
            continue
        run.sends += 1
        _send(session, settings, run)
        log.warning("health.run_redispatched", run_id=str(run.id), state=run.state)
        sent += 1
    await session.flush()
    return sent


# The worker's side of a run (workers/health drives it, one short transaction each).
async def start(session: AsyncSession, settings: Settings, run_id: uuid.UUID) -> AIHealthRun | None:
    """Claim the run; ``None`` when it is finished, or another worker holds its lease."""
    run = await repository.get_run(session, run_id, for_update=True)
    if run is None:
        log.error("health.run_missing", run_id=str(run_id))
        return None
    now = utcnow()
    leased = run.state == "running" and run.resend_at is not None and run.resend_at > now
    if run.state in ("succeeded", "failed") or leased or run.dead_at is not None:
        return None
    run.state, run.started_at, run.error = "running", now, None
    run.resend_at = now + timedelta(seconds=lease_seconds(settings))
    _announce(session, run)
    await session.flush()
    return run


@dataclass(frozen=True)
class Analysis:
    findings: list[Finding]
    score: int
    critical: bool
    digest: str


async def analyze(session: AsyncSession, run: AIHealthRun) -> Analysis:
    """The deterministic part, stored at once: it stands whatever the model does next."""
    gathered = await evidence.gather(session, run.workspace_id, utcnow())
    findings = analyzers.analyze(gathered)
    result = Analysis(
        findings=findings,
        score=analyzers.score(findings),
        critical=analyzers.is_critical(findings),
        digest=evidence.digest(gathered),
    )
    run.findings = [finding.model_dump(mode="json") for finding in findings]
    run.score, run.critical, run.inputs_digest = result.score, result.critical, result.digest
    _announce(session, run, score=result.score, critical=result.critical)
    await session.flush()
    return result


def record_tokens(session: AsyncSession, run: AIHealthRun, text: str, restart: bool) -> None:
    """A batch of the answer as it streams in; ``restart``: the text so far is void (the
    provider failed mid-answer, or the answer is being repaired)."""
    events.record(
        session,
        run.workspace_id,
        "ai.health.token",
        subject_id=run.id,
        data={"text": text, "restart": restart},
    )


@dataclass
class Outcome:
    """What the reasoning produced; ``answer`` None means the deterministic one stands."""

    answer: Answer | None
    fallback_reason: str | None
    provider: str | None = None
    model: str | None = None
    dropped_claims: int = 0
    tokens_in: int = 0
    tokens_out: int = 0
    cost_usd: float = 0.0
    tool_calls: list[dict[str, Any]] = field(default_factory=list)


async def finish(
    session: AsyncSession, run: AIHealthRun, analysis: Analysis, outcome: Outcome
) -> AIHealthRun:
    now = utcnow()
    answer = outcome.answer or answers.deterministic(analysis.findings, analysis.score)
    run.answer = answer.model_dump(mode="json")
    run.outcome = "model" if outcome.answer is not None else "deterministic"
    run.fallback_reason = outcome.fallback_reason
    run.provider, run.model = outcome.provider, outcome.model
    run.dropped_claims = outcome.dropped_claims
    run.tokens_in, run.tokens_out = outcome.tokens_in, outcome.tokens_out
    run.cost_usd = round(outcome.cost_usd, 6)
    run.tool_calls = outcome.tool_calls
    run.state, run.finished_at, run.resend_at = "succeeded", now, None
    run.duration_ms = int((now - (run.started_at or now)).total_seconds() * 1000)
    _announce(session, run, score=run.score, critical=run.critical, outcome=run.outcome)
    await session.flush()
    log.info(
        "health.run_finished",
        run_id=str(run.id),
        outcome=run.outcome,
        fallback_reason=run.fallback_reason,
        score=run.score,
        cost_usd=run.cost_usd,
    )
    return run


async def get_run(session: AsyncSession, run_id: uuid.UUID) -> AIHealthRun | None:
    return await repository.get_run(session, run_id, for_update=True)


async def fail(session: AsyncSession, run_id: uuid.UUID, error: str) -> None:
    run = await repository.get_run(session, run_id, for_update=True)
    if run is None or run.state in ("succeeded", "failed"):
        return
    now = utcnow()
    run.state, run.error, run.finished_at, run.resend_at = "failed", error[:2000], now, None
    run.duration_ms = int((now - (run.started_at or now)).total_seconds() * 1000)
    _announce(session, run)
    await session.flush()


async def spent_today(session: AsyncSession) -> float:
    now = utcnow()
    return await repository.spent_since(
        session, now.replace(hour=0, minute=0, second=0, microsecond=0)
    )


# What the API shows.
async def list_runs(
    session: AsyncSession, workspace_id: uuid.UUID, filters: RunFilters, window: Window
) -> Slice[AIHealthRun]:
    return await repository.list_runs(session, workspace_id, filters, window)


async def get_detail(session: AsyncSession, ctx: WorkspaceContext, run_id: uuid.UUID) -> RunDetail:
    run = await repository.get_run_in_workspace(session, ctx.workspace_id, run_id)
    if run is None:
        raise RunNotFound()
    findings = [Finding.model_validate(item) for item in run.findings]
    answer = Answer.model_validate(run.answer) if run.answer else None
    return RunDetail(
        **RunOut.model_validate(run).model_dump(),
        inputs_digest=run.inputs_digest,
        findings=findings,
        answer=answers.cite(answer, findings) if answer else None,
        tool_calls=[ToolCallOut.model_validate(call) for call in run.tool_calls],
    )
