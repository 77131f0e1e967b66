"""A run end to end against local model servers over real HTTP: the answer streams as events and
is stored with its citations; malformed output, timeouts, outages and the cost caps each leave
the deterministic result standing, and say why."""

from __future__ import annotations

import json
import uuid
from datetime import timedelta

import pytest

from backend.events import DomainEvent, set_publisher
from backend.health import service
from backend.models import AIHealthRun, Job, TelemetrySnapshot
from core.clock import utcnow
from tests.factories import create_workspace
from tests.health.incidents import HERE, load
from tests.health.model_servers import Script, gemini_app, openai_app
from tests.servers import serving
from workers.health import runner
from workers.health.providers import GeminiProvider, OpenAIProvider

SECRET = "sk-proj-abcdefghijklmnopqrstuvwxyz0123456789"
REDIS = "redis.exceptions.ConnectionError: Error 111 connecting to 127.0.0.1:6379."


def good_answer(*, bogus: bool = False) -> str:
    hypotheses = [
        {
            "cause": "redis_down",
            "statement": "Redis refuses connections, so tasks and events stop.",
            "evidence": ["E1"],
            "confidence": "high",
        }
    ]
    if bogus:
        hypotheses.append({"cause": "disk_full", "statement": "invented", "evidence": ["E99"]})
    return json.dumps(
        {
            "summary": "Redis is down; everything queued waits for it.",
            "hypotheses": hypotheses,
            "recommendations": [{"action": "Restart Redis", "reason": "E1", "evidence": ["E1"]}],
            "plan": [{"action": "Restart Redis, then watch the queues", "evidence": ["E1"]}],
        }
    )


@pytest.fixture
def published():
    seen: list[DomainEvent] = []
    set_publisher(seen.extend)
    yield seen
    set_publisher(None)


@pytest.fixture
async def run(session):
    workspace = await create_workspace(session)
    data = load(HERE / "incidents" / "redis-down.json")
    data["snapshot"]["workspace_id"] = str(workspace.id)
    session.add(
        TelemetrySnapshot(
            id=uuid.uuid4(), workspace_id=workspace.id, taken_at=utcnow(), data=data["snapshot"]
        )
    )
    for _ in range(3):
        session.add(
            Job(
                id=uuid.uuid4(),
                workspace_id=workspace.id,
                type="render",
                state="failed",
                error=f"{REDIS} (while calling with key {SECRET} for ops@brand.example)",
            )
        )
    row = AIHealthRun(id=uuid.uuid4(), workspace_id=workspace.id, trigger="manual")
    session.add(row)
    await session.commit()
    return row


def configured(settings, **overrides):
    base = {"ai_timeout_seconds": 2.0, "ai_max_attempts": 2, "ai_max_tool_calls": 2}
    return settings.model_copy(update={**base, **overrides})


def openai(url, settings):
    return OpenAIProvider("test-key", f"{url}/v1", "gpt-4o-mini", settings.ai_timeout_seconds)


def gemini(url, settings):
    return GeminiProvider("test-key", url, "gemini-2.0-flash", settings.ai_timeout_seconds)


async def stored(session, run_id):
    return await session.get(AIHealthRun, run_id, populate_existing=True)


async def test_the_answer_streams_and_is_stored_with_its_citations(
    session, session_factory, settings, run, published
):
    settings = configured(settings)
    script = Script(
        ("tool", "recent_failures", {"job_type": "render"}), ("text", good_answer(bogus=True))
    )
    with serving(openai_app(script)) as url:
        result = await runner.run_health(session_factory, settings, run.id, [openai(url, settings)])
    assert result == "succeeded"

    done = await stored(session, run.id)
    assert (done.state, done.outcome, done.fallback_reason) == ("succeeded", "model", None)
    assert (done.provider, done.model) == ("openai", "gpt-4o-mini")
    assert done.dropped_claims == 1
    assert [h["evidence"] for h in done.answer["hypotheses"]] == [["E1"]]
    assert done.findings[0]["id"] == "E1"
    assert done.findings[0]["cause"] == "redis_down"
    assert done.tool_calls == [
        {"name": "recent_failures", "arguments": {"job_type": "render"}, "ok": True}
    ]
    assert (done.tokens_in, done.tokens_out) == (2400, 600)
    assert done.cost_usd == pytest.approx((2400 * 0.15 + 600 * 0.60) / 1e6)
    assert done.score is not None
    assert done.score < 70
    assert done.critical
    assert len(done.inputs_digest) == 64
    assert done.duration_ms is not None

    tokens = [e for e in published if e.type == "ai.health.token"]
    assert len(tokens) >= 2, "the answer arrives in several committed batches"
    assert "".join(e.data["text"] for e in tokens) == good_answer(bogus=True)
    states = [e.data["state"] for e in published if e.type == "ai.health.state"]
    assert states[0] == "running"
    assert states[-1] == "succeeded"
    assert all(e.workspace_id == run.workspace_id and e.subject_id == run.id for e in published)

    # The model saw the tool's answer, and no secret ever left the machine.
    assert "tool" in script.sent
    assert "render" in script.sent
    for secret in (SECRET, "ops@brand.example"):
        assert secret not in script.sent
        assert secret not in json.dumps(done.findings)


async def test_malformed_output_gets_one_repair_then_falls_back(
    session, session_factory, settings, run, published
):
    settings = configured(settings, ai_max_tool_calls=0)
    script = Script(("text", "Redis is down, I think."), ("text", '{"summary": "still wrong"}'))
    with serving(openai_app(script)) as url:
        await runner.run_health(session_factory, settings, run.id, [openai(url, settings)])
    done = await stored(session, run.id)
    assert len(script.requests) == 2
    assert "not valid" in script.requests[1]["messages"][-1]["content"]
    assert done.outcome == "deterministic"
    assert done.fallback_reason.startswith("malformed_output")
    assert done.answer["hypotheses"][0]["evidence"] == ["E1"]  # the deterministic answer
    assert any(e.data.get("restart") for e in published if e.type == "ai.health.token")


async def test_a_repaired_answer_stands(session, session_factory, settings, run):
    settings = configured(settings, ai_max_tool_calls=0)
    script = Script(("text", "```\nnot json\n```"), ("text", good_answer()))
    with serving(openai_app(script)) as url:
        await runner.run_health(session_factory, settings, run.id, [openai(url, settings)])
    done = await stored(session, run.id)
    assert (done.outcome, done.dropped_claims) == ("model", 0)


async def test_a_timeout_falls_back_to_gemini(session, session_factory, settings, run):
    settings = configured(settings, ai_timeout_seconds=0.5)
    slow = Script(("hang",))
    fallback = Script(("tool", "open_alerts", {}), ("text", good_answer()))
    with serving(openai_app(slow)) as first, serving(gemini_app(fallback)) as second:
        providers = [openai(first, settings), gemini(second, settings)]
        await runner.run_health(session_factory, settings, run.id, providers)
    done = await stored(session, run.id)
    assert len(slow.requests) == 2  # the retry budget: ai_max_attempts
    assert (done.outcome, done.provider, done.model) == ("model", "gemini", "gemini-2.0-flash")
    assert done.tool_calls[0]["name"] == "open_alerts"
    declared = fallback.requests[0]["tools"][0]["functionDeclarations"]
    assert {tool["name"] for tool in declared} >= {"recent_failures", "metric_series"}
    assert "functionResponse" in json.dumps(fallback.requests[1])
    assert (done.tokens_in, done.tokens_out) == (1800, 500)


async def test_both_providers_down_leaves_the_deterministic_result(
    session, session_factory, settings, run
):
    settings = configured(settings)
    down, refused = Script(("status", 503)), Script(("status", 500))
    with serving(openai_app(down)) as first, serving(gemini_app(refused)) as second:
        providers = [openai(first, settings), gemini(second, settings)]
        await runner.run_health(session_factory, settings, run.id, providers)
    done = await stored(session, run.id)
    assert (len(down.requests), len(refused.requests)) == (2, 2)
    assert (done.state, done.outcome) == ("succeeded", "deterministic")
    assert done.fallback_reason.startswith("providers_failed")
    assert "openai: HTTP 503" in done.fallback_reason
    assert "gemini: HTTP 500" in done.fallback_reason
    assert done.findings
    assert done.score is not None


async def test_a_refused_key_is_not_retried(session, session_factory, settings, run):
    settings = configured(settings)
    refused = Script(("status", 401))
    with serving(openai_app(refused)) as url:
        await runner.run_health(session_factory, settings, run.id, [openai(url, settings)])
    done = await stored(session, run.id)
    assert len(refused.requests) == 1
    assert done.fallback_reason == "providers_failed: openai: HTTP 401: scripted failure" or (
        done.fallback_reason.startswith("providers_failed: openai: HTTP 401")
    )


async def test_no_provider_configured(session, session_factory, settings, run):
    await runner.run_health(session_factory, configured(settings), run.id, [])
    done = await stored(session, run.id)
    assert (done.outcome, done.fallback_reason) == ("deterministic", "no_provider_configured")
    assert runner.providers_from(settings.model_copy(update={"openai_api_key": None})) == []


async def test_the_run_cost_cap_stops_before_asking(session, session_factory, settings, run):
    settings = configured(settings, ai_cost_cap_run_usd=0.0001)
    script = Script(("text", good_answer()))
    with serving(openai_app(script)) as url:
        await runner.run_health(session_factory, settings, run.id, [openai(url, settings)])
    done = await stored(session, run.id)
    assert script.requests == []
    assert (done.outcome, done.fallback_reason, done.cost_usd) == (
        "deterministic",
        "cost_cap_run",
        0.0,
    )


async def test_the_day_cost_cap_counts_every_run_of_the_day(
    session, session_factory, settings, run
):
    settings = configured(settings, ai_cost_cap_day_usd=0.5)
    session.add(
        AIHealthRun(
            id=uuid.uuid4(),
            workspace_id=run.workspace_id,
            trigger="schedule",
            state="succeeded",
            cost_usd=0.4999,
            finished_at=utcnow() - timedelta(minutes=1),
        )
    )
    await session.commit()
    script = Script(("text", good_answer()))
    with serving(openai_app(script)) as url:
        await runner.run_health(session_factory, settings, run.id, [openai(url, settings)])
    done = await stored(session, run.id)
    assert script.requests == []
    assert done.fallback_reason == "cost_cap_day"


async def test_a_finished_run_is_not_run_again(session, session_factory, settings, run):
    await runner.run_health(session_factory, configured(settings), run.id, [])
    assert await runner.run_health(session_factory, configured(settings), run.id, []) == "skipped"
    held = await stored(session, run.id)
    assert held.state == "succeeded"
    assert await service.spent_today(session) == 0.0
