"""One AI health run, end to end, in short transactions: claim it and store the deterministic
findings (committed before any model is asked), reason with no transaction open (tokens are
committed in small batches so the dashboard sees them arrive), then store the outcome."""

from __future__ import annotations

import time
import uuid
from typing import Any

import structlog
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from backend.config import Settings
from backend.health import service, tools
from backend.health.service import Analysis, Outcome
from backend.models import AIHealthRun
from workers.health.pricing import Budget
from workers.health.providers import GeminiProvider, OpenAIProvider, Provider
from workers.health.reasoning import Reasoner

log = structlog.get_logger(__name__)

Sessions = async_sessionmaker[AsyncSession]
# How often streamed text is committed (and so published): often enough to look live, seldom
# enough that a long answer is a few dozen small transactions.
FLUSH_SECONDS = 0.2


def providers_from(settings: Settings) -> list[Provider]:
    """OpenAI first, Gemini as its fallback; a provider without a key is left out."""
    found: list[Provider] = []
    if settings.openai_api_key and settings.openai_api_key.get_secret_value():
        found.append(
            OpenAIProvider(
                settings.openai_api_key.get_secret_value(),
                settings.ai_openai_base_url,
                settings.ai_openai_model,
                settings.ai_timeout_seconds,
            )
        )
    if settings.gemini_api_key and settings.gemini_api_key.get_secret_value():
        found.append(
            GeminiProvider(
                settings.gemini_api_key.get_secret_value(),
                settings.ai_gemini_base_url,
                settings.ai_gemini_model,
                settings.ai_timeout_seconds,
            )
        )
    return found


class TokenStream:
    """Collects streamed text and commits it as ``ai.health.token`` events every
    ``FLUSH_SECONDS``; events are published after commit, so each batch is its own commit."""

    def __init__(self, sessions: Sessions, run: AIHealthRun) -> None:
        self.sessions, self.run = sessions, run
        self.pending: list[str] = []
        self.last_flush = time.monotonic()
        self.batches = 0

    async def text(self, chunk: str) -> None:
        self.pending.append(chunk)
        if time.monotonic() - self.last_flush >= FLUSH_SECONDS:
            await self.flush()

    async def restart(self) -> None:
        self.pending.clear()  # text of an answer that is void: never shown
        await self._commit("", restart=True)

    async def flush(self) -> None:
        if self.pending:
            text, self.pending = "".join(self.pending), []
            await self._commit(text, restart=False)

    async def _commit(self, text: str, *, restart: bool) -> None:
        async with self.sessions() as session:
            service.record_tokens(session, self.run, text, restart)
            await session.commit()
        self.last_flush = time.monotonic()
        self.batches += 1


async def _claim(
    sessions: Sessions, settings: Settings, run_id: uuid.UUID
) -> tuple[AIHealthRun, Analysis, float] | None:
    async with sessions() as session:
        try:
            run = await service.start(session, settings, run_id)
            if run is None:
                await session.commit()
                return None
            analysis = await service.analyze(session, run)
            spent_today = await service.spent_today(session)
        except BaseException:
            await session.rollback()
            raise
        await session.commit()
        return run, analysis, spent_today


async def run_health(
    sessions: Sessions,
    settings: Settings,
    run_id: uuid.UUID,
    providers: list[Provider] | None = None,
) -> str:
    """Says how it ended: succeeded, failed, or skipped (finished already, or another worker
    holds it)."""
    try:
        claimed = await _claim(sessions, settings, run_id)
    except Exception as error:
        log.exception("health.analysis_failed", run_id=str(run_id))
        async with sessions() as session:
            await service.fail(session, run_id, f"{type(error).__name__}: {error}")
            await session.commit()
        return "failed"
    if claimed is None:
        return "skipped"
    run, analysis, spent_today = claimed
    stream = TokenStream(sessions, run)

    async def run_tool(name: str, arguments: dict[str, Any]) -> dict[str, Any]:
        async with sessions() as session:
            return await tools.call(session, run.workspace_id, name, arguments)

    reasoner = Reasoner(
        providers=providers_from(settings) if providers is None else providers,
        budget=Budget(settings.ai_cost_cap_run_usd, settings.ai_cost_cap_day_usd, spent_today),
        run_tool=run_tool,
        sink=stream,
        max_attempts=settings.ai_max_attempts,
        max_tool_calls=settings.ai_max_tool_calls,
    )
    try:
        outcome = await reasoner.reason(analysis.findings, analysis.score)
    except Exception as error:  # the deterministic result must stand whatever the model did
        log.exception("health.reasoning_failed", run_id=str(run_id))
        outcome = Outcome(
            answer=None,
            fallback_reason=f"reasoning_failed: {error}"[:1000],
            tokens_in=reasoner.budget.tokens_in,
            tokens_out=reasoner.budget.tokens_out,
            cost_usd=reasoner.budget.spent,
            tool_calls=reasoner.tool_calls,
        )
    await stream.flush()
    async with sessions() as session:
        current = await service.get_run(session, run_id)
        if current is None:  # its workspace was deleted meanwhile
            return "skipped"
        await service.finish(session, current, analysis, outcome)
        await session.commit()
    return "succeeded"
