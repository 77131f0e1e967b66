"""The Grafana dashboard and the alert rules are valid and name only series the app exposes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml  # type: ignore[import-untyped]  # no types-PyYAML in the dev extra

from tests.metrics.scrape import scrape

DOCS = Path(__file__).resolve().parents[2] / "docs"
SERIES = re.compile(r"\bstakazo_[a-z_]+\b")


async def _exposed(client) -> set[str]:
    return {sample.name for samples in (await scrape(client)).values() for sample in samples}


def _rules() -> list[dict]:
    document = yaml.safe_load((DOCS / "prometheus" / "alerts.yml").read_text())
    return [rule for group in document["groups"] for rule in group["rules"]]


def _targets() -> list[dict]:
    dashboard = json.loads((DOCS / "grafana" / "stakazo.json").read_text())
    return [target for panel in dashboard["panels"] for target in panel["targets"]]


def test_alert_rules_have_the_shape_prometheus_loads():
    rules = _rules()
    assert len(rules) >= 6
    names = [rule["alert"] for rule in rules]
    assert len(set(names)) == len(names)
    for rule in rules:
        assert set(rule) <= {"alert", "expr", "for", "labels", "annotations", "keep_firing_for"}
        assert rule["expr"].strip()
        assert rule["annotations"]["summary"]
        assert rule["expr"].count("(") == rule["expr"].count(")"), rule["alert"]
        if "for" in rule:
            assert re.fullmatch(r"\d+[smhd]", rule["for"]), rule["alert"]


def test_the_dashboard_imports_with_its_datasource_input():
    dashboard = json.loads((DOCS / "grafana" / "stakazo.json").read_text())
    assert [i["name"] for i in dashboard["__inputs"]] == ["DS_PROMETHEUS"]
    ids = [panel["id"] for panel in dashboard["panels"]]
    assert len(set(ids)) == len(ids)
    for panel in dashboard["panels"]:
        assert panel["datasource"]["uid"] == "${DS_PROMETHEUS}"
        for target in panel["targets"]:
            assert target["datasource"]["uid"] == "${DS_PROMETHEUS}"
            assert target["expr"].count("(") == target["expr"].count(")"), panel["title"]


async def test_rules_and_panels_name_only_exposed_series(client):
    exposed = await _exposed(client)
    expressions = [rule["expr"] for rule in _rules()] + [t["expr"] for t in _targets()]
    named = {name for expr in expressions for name in SERIES.findall(expr)}
    assert named, "no stakazo series named"
    assert named <= exposed, named - exposed
    for family in ("stakazo_queue_depth", "stakazo_ws_subscribers", "stakazo_jobs_finished_total"):
        assert any(family in expr for expr in expressions), family
