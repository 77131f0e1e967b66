"""`stakazo run` on the embedded default: migrates, serves docs and a green /debug/ready, runs a
job through its own worker, and stops every child cleanly on Ctrl-C."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import httpx

from tests.e2e.processes import answered, free_port, wait_for

ROOT = Path(__file__).resolve().parents[2]


def test_run_starts_everything_and_stops_on_ctrl_c(tmp_path):
    port = free_port()
    env = {key: value for key, value in os.environ.items() if not key.startswith("STAKAZO_")}
    env.update(PYTHONPATH=str(ROOT), STAKAZO_API_PORT=str(port), STAKAZO_BCRYPT_ROUNDS="4")
    log = tmp_path / "run.log"
    with log.open("wb") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "backend.cli", "run", "--concurrency", "1"],
            cwd=tmp_path,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        try:
            base = f"http://127.0.0.1:{port}"
            wait_for(answered(f"{base}/docs"), 90, "the docs page")
            ready = wait_for(
                lambda: (
                    (r := httpx.get(f"{base}/debug/ready", timeout=10)).status_code == 200 and r
                ),
                60,
                "readiness",
            )
            assert all(check["ok"] for check in ready.json()["checks"].values())
            with httpx.Client(base_url=base, timeout=10) as api:
                reg = api.post(
                    "/auth/register",
                    json={"email": "a@example.com", "password": "plum-orbit-lantern-42"},
                )
                workspace = reg.json()["workspace"]["workspace_id"]
                token = api.post(
                    "/auth/login",
                    json={"email": "a@example.com", "password": "plum-orbit-lantern-42"},
                )
                api.headers.update(
                    {
                        "Authorization": f"Bearer {token.json()['access_token']}",
                        "X-Workspace-Id": workspace,
                    }
                )
                job = api.post("/jobs", json={"type": "ledger.audit"}).json()
                done = wait_for(
                    lambda: (
                        (j := api.get(f"/jobs/{job['id']}").json())["state"] == "succeeded" and j
                    ),
                    60,
                    "the job",
                )
                assert done["result"]["intact"] is True
        finally:
            process.send_signal(signal.SIGINT)
            code = process.wait(timeout=60)
    text = log.read_text()
    assert code == 0, text[-3000:]
    for name in ("api", "worker", "beat"):
        assert f"[{name}" in text
    assert (tmp_path / "var" / "stakazo.db").exists()
