"""A real round trip: the API process enqueues, a separate worker process runs the task, the
database shows the result — on the embedded filesystem broker, and on Redis when configured."""

from __future__ import annotations

import os
from pathlib import Path

import httpx
import pytest

from tests.conftest import TEST_REDIS_URL
from tests.e2e.processes import answered, free_port, stakazo_process, wait_for

BROKERS = ["filesystem", *(["redis"] if TEST_REDIS_URL else [])]
ROOT = Path(__file__).resolve().parents[2]


def _env(database_url: str, broker: str, folder: Path, port: int) -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.update(
        STAKAZO_DATABASE_URL=database_url,
        STAKAZO_BROKER_URL=TEST_REDIS_URL if broker == "redis" else "filesystem://",
        STAKAZO_BROKER_DIR=str(folder / "broker"),
        STAKAZO_RESULT_BACKEND=f"db+sqlite:///{folder / 'results.db'}",
        STAKAZO_MEDIA_DIR=str(folder / "media"),
        STAKAZO_API_PORT=str(port),
        STAKAZO_LOG_JSON="true",
    )
    return env


@pytest.mark.parametrize("broker", BROKERS)
def test_api_enqueues_and_a_separate_worker_runs_the_job(scratch_database_url, tmp_path, broker):
    if broker == "redis":
        import redis

        redis.Redis.from_url(TEST_REDIS_URL).flushdb()
    port = free_port()
    env = _env(scratch_database_url, broker, tmp_path, port)
    base = f"http://127.0.0.1:{port}"
    with (
        stakazo_process(["api"], env, tmp_path, tmp_path / "api.log"),
        stakazo_process(["worker", "--concurrency", "1"], env, tmp_path, tmp_path / "worker.log"),
    ):
        wait_for(answered(f"{base}/debug/health"), 60, "the API to start")
        with httpx.Client(base_url=base, timeout=10) as api:
            registered = api.post(
                "/auth/register",
                json={"email": "owner@example.com", "password": "owner-password", "name": "Owner"},
            )
            assert registered.status_code == 201, registered.text
            workspace_id = registered.json()["workspace"]["workspace_id"]
            token = api.post(
                "/auth/login", json={"email": "owner@example.com", "password": "owner-password"}
            ).json()["access_token"]
            api.headers.update({"Authorization": f"Bearer {token}", "X-Workspace-Id": workspace_id})
            job = api.post("/jobs", json={"type": "ledger.audit"}).json()

            def finished() -> dict | None:
                current = api.get(f"/jobs/{job['id']}").json()
                return current if current["state"] in ("succeeded", "failed") else None

            try:
                done = wait_for(finished, 60, "the worker to finish the job")
            except AssertionError:
                print((tmp_path / "worker.log").read_text()[-4000:])
                raise
            assert done["state"] == "succeeded", done
            assert done["progress"] == 100
            assert done["attempts"] == 1
            assert done["result"]["intact"] is True
            assert done["result"]["events_checked"] >= 4
            trail = [e["type"] for e in api.get(f"/ledger?job_id={job['id']}").json()["items"]]
            assert trail == ["job.succeeded", "job.started", "job.created"]
            assert api.get("/ledger/verify").json()["intact"] is True
