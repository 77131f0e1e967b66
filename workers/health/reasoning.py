"""The model's part of a run: reason over the findings with a few read-only tools, answer in
validated JSON citing evidence ids. OpenAI first, Gemini when it fails; each call within the
retry budget and the cost caps. Whatever goes wrong, the caller gets an ``Outcome``: an answer,
or the reason the deterministic one stands."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

import structlog

from backend.health import answers
from backend.health.schemas import Answer, Finding
from backend.health.service import Outcome
from backend.health.tools import TOOLS, ToolRefused
from core.retry import backoff_seconds
from workers.health.pricing import Budget, CapReached
from workers.health.providers import (
    Message,
    Provider,
    ProviderRefused,
    ProviderUnavailable,
    Reply,
)

log = structlog.get_logger(__name__)

BACKOFF_BASE_SECONDS = 1.0
BACKOFF_CAP_SECONDS = 8.0

SYSTEM_PROMPT = """You are the operations assistant of Stakazo, a service that cuts long videos \
into clips and publishes them. A deterministic analysis already turned the system's telemetry, \
alerts and stored errors into findings, each with an evidence id (E1, E2, ...), a severity, a \
named cause and the facts it rests on. Reason over them; you may call the read-only tools to \
look closer, a few times at most. Then answer with one JSON object and nothing else:
{"summary": "two or three sentences for the operator",
 "hypotheses": [{"cause": "a cause name", "statement": "what you think is happening and why",
   "evidence": ["E1"], "confidence": "high|medium|low"}],
 "recommendations": [{"action": "what a person should do", "reason": "why", "evidence": ["E1"]}],
 "plan": [{"action": "step, in order", "evidence": ["E1"]}]}
Every hypothesis and recommendation cites at least one evidence id from the findings, and only \
those ids: a claim citing anything else is discarded. Most likely root cause first. You advise \
a person; nothing you say is executed."""


class TokenSink(Protocol):
    async def text(self, chunk: str) -> None: ...
    async def restart(self) -> None: ...


ToolRunner = Callable[[str, dict[str, Any]], Awaitable[dict[str, Any]]]
Sleep = Callable[[float], Awaitable[None]]


class _Malformed(Exception):
    pass


@dataclass
class Reasoner:
    providers: Sequence[Provider]
    budget: Budget
    run_tool: ToolRunner
    sink: TokenSink
    max_attempts: int
    max_tool_calls: int
    sleep: Sleep = asyncio.sleep
    tool_calls: list[dict[str, Any]] = field(default_factory=list)

    async def reason(self, findings: list[Finding], score: int) -> Outcome:
        if not self.providers:
            return self._outcome(None, "no_provider_configured")
        failures: list[str] = []
        malformed = 0
        for provider in self.providers:
            try:
                answer = await self._converse(provider, findings, score)
            except CapReached as cap:
                log.warning("health.cost_cap_reached", reason=cap.reason, spent=self.budget.spent)
                return self._outcome(None, cap.reason)
            except (ProviderUnavailable, ProviderRefused) as error:
                log.warning("health.provider_failed", provider=provider.name, error=str(error))
                failures.append(f"{provider.name}: {error}")
                await self.sink.restart()
                continue
            except _Malformed as error:
                log.warning("health.answer_malformed", provider=provider.name, error=str(error))
                failures.append(f"{provider.name}: malformed answer ({error})")
                malformed += 1
                await self.sink.restart()
                continue
            checked = answers.check_citations(answer, findings)
            if findings and not checked.answer.hypotheses:
                return self._outcome(None, "ungrounded_answer", provider, dropped=checked.dropped)
            return self._outcome(checked.answer, None, provider, dropped=checked.dropped)
        code = "malformed_output" if malformed == len(self.providers) else "providers_failed"
        return self._outcome(None, f"{code}: " + "; ".join(failures))

    def _outcome(
        self,
        answer: Answer | None,
        reason: str | None,
        provider: Provider | None = None,
        *,
        dropped: int = 0,
    ) -> Outcome:
        return Outcome(
            answer=answer,
            fallback_reason=reason[:1000] if reason else None,
            provider=provider.name if provider else None,
            model=provider.model if provider else None,
            dropped_claims=dropped,
            tokens_in=self.budget.tokens_in,
            tokens_out=self.budget.tokens_out,
            cost_usd=self.budget.spent,
            tool_calls=self.tool_calls,
        )

    async def _converse(self, provider: Provider, findings: list[Finding], score: int) -> Answer:
        brief = {
            "score": score,
            "findings": [finding.model_dump(mode="json") for finding in findings],
            "tool_calls_left": self.max_tool_calls - len(self.tool_calls),
        }
        messages = [
            Message("system", SYSTEM_PROMPT),
            Message("user", json.dumps(brief, separators=(",", ":"))),
        ]
        repaired = False
        # Every tool call uses up a turn, plus the answer and its one repair.
        for _turn in range(self.max_tool_calls + 3):
            left = self.max_tool_calls - len(self.tool_calls)
            reply = await self._call(provider, messages, TOOLS if left > 0 else ())
            if reply.tool_calls:
                messages.append(Message("assistant", reply.text, tool_calls=reply.tool_calls))
                for call in reply.tool_calls:
                    result = await self._tool(call.name, call.arguments)
                    messages.append(
                        Message("tool", json.dumps(result), tool_call_id=call.id, name=call.name)
                    )
                continue
            try:
                return answers.parse(reply.text)
            except answers.MalformedAnswer as error:
                if repaired:
                    raise _Malformed(str(error)) from error
                repaired = True
                await self.sink.restart()
                messages += [
                    Message("assistant", reply.text),
                    Message(
                        "user",
                        f"That answer is not valid: {error}. Reply with the corrected JSON "
                        "object only, in the shape asked for.",
                    ),
                ]
        raise _Malformed("no answer within the turns allowed")

    async def _tool(self, name: str, arguments: dict[str, Any]) -> dict[str, Any]:
        if len(self.tool_calls) >= self.max_tool_calls:
            return {"error": "the tool budget is spent: answer with what you have"}
        record: dict[str, Any] = {"name": name, "arguments": arguments, "ok": True}
        self.tool_calls.append(record)
        try:
            return await self.run_tool(name, arguments)
        except ToolRefused as error:
            record["ok"] = False
            return {"error": str(error)}

    async def _call(
        self, provider: Provider, messages: list[Message], tools: Sequence[Any]
    ) -> Reply:
        prompt_chars = sum(len(m.content) for m in messages) + (3000 if tools else 0)
        for attempt in range(self.max_attempts):
            self.budget.check(provider.model, prompt_chars)
            try:
                reply = await provider.complete(messages, tools, self.sink.text)
            except ProviderUnavailable as error:
                if attempt + 1 >= self.max_attempts:
                    raise
                await self.sink.restart()
                delay = backoff_seconds(
                    attempt,
                    base=BACKOFF_BASE_SECONDS,
                    cap=BACKOFF_CAP_SECONDS,
                    retry_after=error.retry_after_seconds,
                )
                log.info("health.provider_retry", provider=provider.name, delay=round(delay, 2))
                await self.sleep(min(delay, BACKOFF_CAP_SECONDS))
                continue
            self.budget.add(provider.model, reply.tokens_in, reply.tokens_out)
            return reply
        raise ProviderUnavailable("no attempt left")  # max_attempts is at least 1
