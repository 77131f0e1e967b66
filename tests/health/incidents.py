"""The evaluation set: recorded incidents (snapshot, history, alerts, failures, log lines) and
the cause each should be blamed on."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from backend.health.schemas import Evidence
from backend.telemetry.schemas import Snapshot

HERE = Path(__file__).parent
INCIDENTS = sorted((HERE / "incidents").glob("*.json"))


def load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text())
    return data


def evidence(data: dict[str, Any]) -> Evidence:
    snapshot = Snapshot.model_validate(data["snapshot"])
    return Evidence(
        now=snapshot.taken_at,
        snapshot=snapshot,
        history=[Snapshot.model_validate(item) for item in data["history"]],
        alerts=data["alerts"],
        failed_jobs=data["failed_jobs"],
        failed_publications=data["failed_publications"],
        log_lines=data["log_lines"],
    )
