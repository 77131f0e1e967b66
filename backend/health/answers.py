"""Answers: the one a model gives (parsed, validated, its citations checked) and the one that
stands without a model (built from the findings and the cause vocabulary)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from backend.health.causes import BY_NAME
from backend.health.schemas import (
    Answer,
    CitedAnswer,
    CitedHypothesis,
    CitedRecommendation,
    Finding,
    Hypothesis,
    PlanStep,
    Recommendation,
)

_FENCE = re.compile(r"^\s*```(?:json)?\s*|\s*```\s*$")
DETERMINISTIC_HYPOTHESES = 3


class MalformedAnswer(ValueError):
    """The model's text is not an ``Answer``: the reason goes back to it in the repair turn."""


@dataclass(frozen=True)
class Checked:
    answer: Answer
    dropped: int


def parse(text: str) -> Answer:
    body = _FENCE.sub("", text.strip())
    start, end = body.find("{"), body.rfind("}")
    if start < 0 or end < start:
        raise MalformedAnswer("no JSON object in the answer")
    try:
        data: Any = json.loads(body[start : end + 1])
    except json.JSONDecodeError as error:
        raise MalformedAnswer(f"invalid JSON: {error}") from error
    try:
        return Answer.model_validate(data)
    except ValidationError as error:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in item['loc'])}: {item['msg']}" for item in error.errors()
        )
        raise MalformedAnswer(problems[:1000]) from error


def check_citations(answer: Answer, findings: list[Finding]) -> Checked:
    """Keep only the claims whose every evidence id names a finding of this run; count the
    others. A model that cites what it was not shown is making it up."""
    known = {finding.id for finding in findings}
    dropped = 0

    def grounded(ids: list[str]) -> bool:
        nonlocal dropped
        if all(evidence_id in known for evidence_id in ids):
            return True
        dropped += 1
        return False

    kept = Answer(
        summary=answer.summary,
        hypotheses=[h for h in answer.hypotheses if grounded(h.evidence)],
        recommendations=[r for r in answer.recommendations if grounded(r.evidence)],
        plan=[step for step in answer.plan if grounded(step.evidence)],
    )
    return Checked(kept, dropped)


def deterministic(findings: list[Finding], score: int) -> Answer:
    """What stands without a model: the top findings as hypotheses, each cause's advice."""
    top = [f for f in findings if f.severity != "info"][:DETERMINISTIC_HYPOTHESES] or findings[:1]
    if not findings:
        summary = f"Healthy (score {score}): nothing in the evidence needs attention."
    else:
        names = ", ".join(f"{f.cause} ({f.id}, {f.severity})" for f in top)
        summary = f"Score {score}. Most likely first: {names}."
    return Answer(
        summary=summary,
        hypotheses=[
            Hypothesis(
                cause=f.cause,
                statement=f"{f.title}. {BY_NAME[f.cause].meaning}",
                evidence=[f.id],
                confidence="high" if f.severity == "critical" else "medium",
            )
            for f in top
        ],
        recommendations=[
            Recommendation(action=BY_NAME[f.cause].advice, reason=f.title, evidence=[f.id])
            for f in top
        ],
        plan=[PlanStep(action=BY_NAME[f.cause].advice, evidence=[f.id]) for f in top],
    )


def cite(answer: Answer, findings: list[Finding]) -> CitedAnswer:
    by_id = {finding.id: finding for finding in findings}

    def cited(ids: list[str]) -> list[Finding]:
        return [by_id[evidence_id] for evidence_id in ids if evidence_id in by_id]

    return CitedAnswer(
        summary=answer.summary,
        hypotheses=[
            CitedHypothesis(**h.model_dump(), cited=cited(h.evidence)) for h in answer.hypotheses
        ],
        recommendations=[
            CitedRecommendation(**r.model_dump(), cited=cited(r.evidence))
            for r in answer.recommendations
        ],
        plan=answer.plan,
    )
