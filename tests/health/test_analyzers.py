"""The deterministic analysis on the evaluation set: the expected cause comes first for at least
90% of the incidents, and a healthy system scores high with nothing critical."""

from __future__ import annotations

import pytest

from backend.health import analyzers
from backend.health.causes import CAUSES
from backend.health.evidence import digest
from tests.health.incidents import HERE, INCIDENTS, evidence, load

ACCURACY_FLOOR = 0.9


def test_the_evaluation_set_is_large_and_covers_the_causes():
    assert len(INCIDENTS) >= 30
    expected = {load(path)["expected_cause"] for path in INCIDENTS}
    assert expected <= {cause.name for cause in CAUSES}
    assert len(expected) >= 15


def test_the_expected_cause_is_the_top_finding_of_at_least_90_percent():
    misses = []
    for path in INCIDENTS:
        data = load(path)
        findings = analyzers.analyze(evidence(data))
        top = findings[0].cause if findings else None
        if top != data["expected_cause"]:
            misses.append((path.stem, data["expected_cause"], top))
    accuracy = 1 - len(misses) / len(INCIDENTS)
    print(f"top-finding accuracy: {accuracy:.1%} of {len(INCIDENTS)} incidents; misses: {misses}")
    assert accuracy >= ACCURACY_FLOOR, misses


@pytest.mark.parametrize("path", INCIDENTS, ids=lambda path: path.stem)
def test_every_incident_lowers_the_score_and_numbers_its_findings(path):
    findings = analyzers.analyze(evidence(load(path)))
    assert findings
    assert [f.id for f in findings] == [f"E{i}" for i in range(1, len(findings) + 1)]
    assert analyzers.score(findings) < 100
    assert all(f.facts for f in findings)


def test_a_healthy_system_scores_high_with_nothing_critical():
    findings = analyzers.analyze(evidence(load(HERE / "healthy.json")))
    assert analyzers.score(findings) >= 90
    assert not analyzers.is_critical(findings)
    assert findings == []


def test_the_score_formula():
    data = load(HERE / "incidents" / "redis-down-with-backlog.json")
    findings = analyzers.analyze(evidence(data))
    penalty = {"critical": 35, "warning": 12, "info": 3}
    assert analyzers.score(findings) == max(0, 100 - sum(penalty[f.severity] for f in findings))
    assert analyzers.is_critical(findings)


def test_the_digest_ignores_when_the_evidence_was_gathered():
    data = load(INCIDENTS[0])
    first, second = evidence(data), evidence(data)
    second.now = second.now.replace(year=2030)
    assert digest(first) == digest(second)
    second.failed_jobs = []
    assert digest(first) != digest(second) or not first.failed_jobs


def test_every_alert_rule_points_at_a_cause_of_its_own():
    from typing import get_args

    from backend.alerts.schemas import RuleName
    from backend.health.causes import CAUSES
    from backend.health.patterns import ALERT_RULE_CAUSES, alert_cause

    assert set(ALERT_RULE_CAUSES) == set(get_args(RuleName))
    for rule in get_args(RuleName):
        assert alert_cause(rule, f"{rule}:anything") in {cause.name for cause in CAUSES}
