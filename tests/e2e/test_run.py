"""`stakazo run` on the embedded default: migrates, serves docs and a green /debug/ready, runs a
job through its own worker, and stops every child cleanly on Ctrl-C."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from tests.e2e.processes import answered, free_port, wait_for

ROOT = Path(__file__).resolve().parents[2]


ACCOUNT = {"email": "a@example.com", "password": "plum-orbit-lantern-42"}


class RunResult:
    """What `stakazo run` left behind once it stopped: its exit code and its whole log."""

    code: int | None = None
    text: str = ""


@contextmanager
def stakazo_run(tmp_path: Path) -> Iterator[tuple[str, Path, RunResult]]:
    """`stakazo run` in ``tmp_path`` on a free port; Ctrl-C (SIGINT) when the block ends."""
    port = free_port()
    env = {key: value for key, value in os.environ.items() if not key.startswith("STAKAZO_")}
    env.update(PYTHONPATH=str(ROOT), STAKAZO_API_PORT=str(port), STAKAZO_BCRYPT_ROUNDS="4")
    log = tmp_path / "run.log"
    result = RunResult()
    with log.open("wb") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "backend.cli", "run", "--concurrency", "1"],
            cwd=tmp_path,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        try:
            yield f"http://127.0.0.1:{port}", log, result
        finally:
            process.send_signal(signal.SIGINT)
            result.code = process.wait(timeout=60)
    result.text = log.read_text()


def _signed_in(api: httpx.Client) -> None:
    """Register the first account and act as it, in its workspace."""
    workspace = api.post("/v1/auth/register", json=ACCOUNT).json()["workspace"]["workspace_id"]
    token = api.post("/v1/auth/login", json=ACCOUNT).json()["access_token"]
    api.headers.update({"Authorization": f"Bearer {token}", "X-Workspace-Id": workspace})


def test_run_starts_everything_and_stops_on_ctrl_c(tmp_path):
    with stakazo_run(tmp_path) as (base, _, run):
        wait_for(answered(f"{base}/docs"), 90, "the docs page")
        ready = wait_for(
            lambda: (r := httpx.get(f"{base}/debug/ready", timeout=10)).status_code == 200 and r,
            60,
            "readiness",
        )
        assert all(check["ok"] for check in ready.json()["checks"].values())
        with httpx.Client(base_url=base, timeout=10) as api:
            _signed_in(api)
            job = api.post("/v1/jobs", json={"type": "ledger.audit"}).json()
            done = wait_for(
                lambda: (
                    (j := api.get(f"/v1/jobs/{job['id']}").json())["state"] == "succeeded" and j
                ),
                60,
                "the job",
            )
            assert done["result"]["intact"] is True
    assert run.code == 0, run.text[-3000:]
    for name in ("api", "worker", "media-worker", "beat"):
        assert f"supervisor.child_started child={name} " in run.text
    # Media work has its own worker, so short tasks never queue behind a render.
    assert re.search(r"quick@\S+ ready", run.text)
    assert re.search(r"media@\S+ ready", run.text)
    assert (tmp_path / "var" / "stakazo.db").exists()


def _pids(log: Path, child: str) -> list[int]:
    found = re.findall(rf"supervisor\.child_started child={child} pid=(\d+)", log.read_text())
    return [int(pid) for pid in found]


def test_run_restarts_a_child_that_was_killed(tmp_path):
    with stakazo_run(tmp_path) as (base, log, run):
        wait_for(answered(f"{base}/debug/health"), 90, "the API")
        [api_pid] = _pids(log, "api")
        os.kill(api_pid, signal.SIGKILL)
        wait_for(lambda: len(_pids(log, "api")) == 2, 60, "the API to be started again")
        health = wait_for(answered(f"{base}/debug/health"), 60, "the API to answer again")
        assert health.status_code == 200

        [worker_pid] = _pids(log, "worker")
        os.killpg(worker_pid, signal.SIGKILL)  # the worker and its pool
        wait_for(lambda: len(_pids(log, "worker")) == 2, 60, "the worker to be started again")
        with httpx.Client(base_url=base, timeout=10) as api:
            _signed_in(api)
            job = api.post("/v1/jobs", json={"type": "ledger.audit"}).json()
            wait_for(
                lambda: api.get(f"/v1/jobs/{job['id']}").json()["state"] == "succeeded",
                90,
                "the restarted worker to run a job",
            )
    assert run.code == 0, run.text[-3000:]
    assert "supervisor.child_exited child=api exit_code=-9" in run.text
    assert "supervisor.child_restarting child=api in_seconds=1" in run.text
    assert "supervisor.child_exited child=worker exit_code=-9" in run.text
    assert "giving_up" not in run.text
    assert len(_pids(log, "beat")) == 1  # the others were left running
