"""kill -9 of a worker node: the next collections raise a critical `worker_missing` alert
(within two collection intervals of the node going silent), and starting the node again under
its name resolves it. Real processes: the API, beat (which sends telemetry.collect), the node
that is killed, and a second node that runs the collections."""

from __future__ import annotations

import os
import signal
from datetime import datetime, timedelta
from pathlib import Path

import httpx

from tests.e2e.processes import answered, free_port, stakazo_process, wait_for
from tests.e2e.test_worker_killed import _sign_in, _tail
from tests.e2e.test_worker_roundtrip import _env

INTERVAL_SECONDS = 2
HEARTBEAT_SECONDS = 0.5
DOOMED = "doomed@e2e"


def _at(text: str) -> datetime:
    return datetime.fromisoformat(text)


def _alerts(api: httpx.Client, state: str) -> list[dict]:
    answer = api.get("/v1/alerts", params={"state": state, "rule": "worker_missing"})
    assert answer.status_code == 200, answer.text
    return [a for a in answer.json()["items"] if DOOMED in a["key"]]


def _node(api: httpx.Client, state: str) -> dict | None:
    items = api.get("/v1/telemetry/workers").json()["workers"]
    return next((n for n in items if n["name"] == DOOMED and n["state"] == state), None)


def test_a_killed_worker_raises_an_alert_and_its_return_resolves_it(
    scratch_database_url: str, tmp_path: Path
) -> None:
    port = free_port()
    env = _env(scratch_database_url, "filesystem", tmp_path, port)
    env.update(
        STAKAZO_TELEMETRY_INTERVAL_SECONDS=str(INTERVAL_SECONDS),
        STAKAZO_WORKER_HEARTBEAT_SECONDS=str(HEARTBEAT_SECONDS),
        STAKAZO_BCRYPT_ROUNDS="4",
    )
    base = f"http://127.0.0.1:{port}"
    doomed_node = ["worker", "--queues", "media", "--concurrency", "1", "--name", DOOMED]
    collector_node = ["worker", "--queues", "default", "--concurrency", "1", "--name", "c@e2e"]
    with (
        stakazo_process(["api"], env, tmp_path, tmp_path / "api.log"),
        stakazo_process(["beat"], env, tmp_path, tmp_path / "beat.log"),
        stakazo_process(collector_node, env, tmp_path, tmp_path / "collector.log"),
        httpx.Client(base_url=base, timeout=30) as api,
    ):
        wait_for(answered(f"{base}/debug/health"), 60, "the API to start")
        _sign_in(api)
        try:
            with stakazo_process(doomed_node, env, tmp_path, tmp_path / "doomed-1.log") as doomed:
                alive = wait_for(lambda: _node(api, "alive"), 60, "the node's first heartbeat")
                assert alive["queues"] == ["media"]
                os.killpg(doomed.pid, signal.SIGKILL)
                doomed.wait(timeout=30)

            [raised] = wait_for(lambda: _alerts(api, "open"), 60, "a worker_missing alert")
            assert raised["severity"] == "critical"
            assert raised["scope"] == "instance"
            last_beat = _at(wait_for(lambda: _node(api, "missing"), 30, "missing")["seen_at"])
            # Missing once silent for 3 beats; raised by the first collection after that, and
            # collections come every interval: within two intervals, with a beat's slack.
            silent_for = timedelta(seconds=3 * HEARTBEAT_SECONDS)
            within = timedelta(seconds=2 * INTERVAL_SECONDS + HEARTBEAT_SECONDS)
            assert _at(raised["first_seen_at"]) - (last_beat + silent_for) <= within, raised

            with stakazo_process(doomed_node, env, tmp_path, tmp_path / "doomed-2.log"):
                [resolved] = wait_for(lambda: _alerts(api, "resolved"), 60, "the alert to resolve")
                assert resolved["id"] == raised["id"]
                assert _alerts(api, "open") == []
        except AssertionError:
            print(_tail(tmp_path))
            raise
