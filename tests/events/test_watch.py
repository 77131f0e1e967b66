"""`stakazo events`: prints each event as a JSON line, and when the network drops it reconnects
by itself with the last id it printed, so it prints what it missed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import httpx

from tests.e2e.processes import wait_for
from tests.events.proxy import cuttable_proxy
from tests.events.stack import printed, watching

ROOT = Path(__file__).resolve().parents[2]


def _job_states(out: Path, job_id: str) -> list[dict]:
    return [m for m in printed(out) if m["type"] == "job.state" and m["subject_id"] == job_id]


def test_the_script_reconnects_by_itself_and_prints_what_it_missed(stack, tmp_path):
    port = int(stack.host.rsplit(":", 1)[1])
    api = httpx.Client(base_url=f"http://{stack.host}", headers=stack.editor.headers, timeout=10)
    with (
        cuttable_proxy(port) as proxy,
        watching(f"http://127.0.0.1:{proxy.port}", stack.editor, tmp_path) as out,
    ):
        wait_for(lambda: any(m["type"] == "subscribed" for m in printed(out)), 30, "subscribed")
        before = api.post("/v1/jobs", json={"type": "ledger.audit"}).json()["id"]
        wait_for(lambda: _job_states(out, before), 10, "the first job, live")

        proxy.cut()  # the network fails: no close frame, and no way back for now
        missed = [api.post("/v1/jobs", json={"type": "ledger.audit"}).json()["id"] for _ in "ab"]
        proxy.open.set()

        wait_for(lambda: all(_job_states(out, job) for job in missed), 60, "the missed jobs")
        messages = printed(out)
        assert {"type": "resync"} not in messages
        ids = [m["id"] for m in messages if "id" in m]
        assert len(ids) == len(set(ids))  # nothing printed twice
        assert sum(m["type"] == "subscribed" for m in messages) >= 2  # it did reconnect
    assert "reconnecting" in (tmp_path / "events.err").read_text()


def test_the_script_stops_when_the_token_is_refused(stack, tmp_path):
    command = [sys.executable, "-m", "backend.cli", "events", "--url", f"http://{stack.host}"]
    command += ["--workspace", str(stack.workspace_id)]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "STAKAZO_ACCESS_TOKEN": "not-a-token"}
    finished = subprocess.run(command, env=env, capture_output=True, timeout=60, check=False)
    assert finished.returncode == 1
    assert b"closed for good (code 4401)" in finished.stderr


def test_the_script_wants_a_token():
    env = {k: v for k, v in os.environ.items() if k != "STAKAZO_ACCESS_TOKEN"}
    command = [sys.executable, "-m", "backend.cli", "events", "--workspace", "x"]
    finished = subprocess.run(
        command, env={**env, "PYTHONPATH": str(ROOT)}, capture_output=True, timeout=60, check=False
    )
    assert finished.returncode != 0
    assert b"STAKAZO_ACCESS_TOKEN" in finished.stderr
