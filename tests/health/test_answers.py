"""The model's answer: parsed and validated, claims citing unknown evidence dropped and counted;
and the answer that stands without a model."""

from __future__ import annotations

import json

import pytest

from backend.health import answers
from backend.health.schemas import Finding

FINDINGS = [
    Finding(id="E1", cause="redis_down", severity="critical", title="Redis", facts=["x"]),
    Finding(id="E2", cause="queue_backlog", severity="warning", title="Backlog", facts=["y"]),
]


def answer(**overrides):
    body = {
        "summary": "Redis is down.",
        "hypotheses": [
            {"cause": "redis_down", "statement": "Redis refuses", "evidence": ["E1"]},
            {"cause": "disk_full", "statement": "made up", "evidence": ["E1", "E9"]},
        ],
        "recommendations": [{"action": "Restart Redis", "evidence": ["E1"]}],
        "plan": [{"action": "Restart", "evidence": ["E7"]}],
    }
    body.update(overrides)
    return json.dumps(body)


def test_claims_citing_unknown_evidence_are_dropped_and_counted():
    checked = answers.check_citations(answers.parse(answer()), FINDINGS)
    assert checked.dropped == 2
    assert [h.cause for h in checked.answer.hypotheses] == ["redis_down"]
    assert checked.answer.plan == []
    cited = answers.cite(checked.answer, FINDINGS)
    assert cited.hypotheses[0].cited[0].id == "E1"


def test_a_fenced_answer_parses():
    assert answers.parse("```json\n" + answer() + "\n```").summary == "Redis is down."


@pytest.mark.parametrize(
    "text",
    ["not json at all", '{"summary": "x"}', answer(hypotheses=[{"cause": "x", "evidence": []}])],
)
def test_malformed_answers_say_why(text):
    with pytest.raises(answers.MalformedAnswer):
        answers.parse(text)


def test_the_deterministic_answer_cites_the_top_findings():
    built = answers.deterministic(FINDINGS, 53)
    assert [h.evidence for h in built.hypotheses] == [["E1"], ["E2"]]
    assert answers.check_citations(built, FINDINGS).dropped == 0
    assert "Healthy" in answers.deterministic([], 100).summary
