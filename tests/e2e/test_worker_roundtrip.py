"""A real round trip: the API process enqueues, a separate worker process runs the task, the
database shows the result — on the embedded filesystem broker, and on Redis when configured."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from tests.conftest import TEST_REDIS_URL
from tests.e2e.processes import answered, free_port, stakazo_process, wait_for
from tests.paths import TEST_MEDIA

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


@contextmanager
def running_stack(
    database_url: str, broker: str, folder: Path, workers: int
) -> Iterator[httpx.Client]:
    """An API process and a worker process on ``broker``; yields a client signed in as the
    first (admin) account, acting in its workspace."""
    if broker == "redis":
        import redis

        redis.Redis.from_url(TEST_REDIS_URL).flushdb()
    port = free_port()
    env = _env(database_url, broker, folder, port)
    base = f"http://127.0.0.1:{port}"
    with (
        stakazo_process(["api"], env, folder, folder / "api.log"),
        stakazo_process(
            ["worker", "--concurrency", str(workers)], env, folder, folder / "worker.log"
        ),
    ):
        wait_for(answered(f"{base}/debug/health"), 60, "the API to start")
        with httpx.Client(base_url=base, timeout=30) as api:
            account = {"email": "owner@example.com", "password": "plum-orbit-lantern-42"}
            registered = api.post("/v1/auth/register", json={**account, "name": "Owner"})
            assert registered.status_code == 201, registered.text
            workspace_id = registered.json()["workspace"]["workspace_id"]
            token = api.post("/v1/auth/login", json=account).json()["access_token"]
            api.headers.update({"Authorization": f"Bearer {token}", "X-Workspace-Id": workspace_id})
            try:
                yield api
            except AssertionError:
                print((folder / "worker.log").read_text()[-4000:])
                raise


@pytest.mark.parametrize("broker", BROKERS)
def test_api_enqueues_and_a_separate_worker_runs_the_job(scratch_database_url, tmp_path, broker):
    with running_stack(scratch_database_url, broker, tmp_path, workers=1) as api:
        job = api.post("/v1/jobs", json={"type": "ledger.audit"}).json()

        def finished() -> dict | None:
            current = api.get(f"/v1/jobs/{job['id']}").json()
            return current if current["state"] in ("succeeded", "failed") else None

        done = wait_for(finished, 60, "the worker to finish the job")
        assert done["state"] == "succeeded", done
        assert done["progress"] == 100
        assert done["attempts"] == 1
        assert done["result"]["intact"] is True
        assert done["result"]["events_checked"] >= 4
        trail = [e["type"] for e in api.get(f"/v1/ledger?job_id={job['id']}").json()["items"]]
        assert trail == ["job.succeeded", "job.started", "job.created"]
        assert api.get("/v1/ledger/verify").json()["intact"] is True


SHARED = TEST_MEDIA


@pytest.mark.parametrize("broker", BROKERS)
def test_uploaded_video_becomes_clips_and_a_playable_variant(
    scratch_database_url, tmp_path, broker
):
    with running_stack(scratch_database_url, broker, tmp_path, workers=2) as api:
        with (SHARED / "his_girl_friday_dialogue.mp4").open("rb") as video:
            uploaded = api.post("/v1/upload", files={"file": ("friday.mp4", video, "video/mp4")})
        assert uploaded.status_code == 201, uploaded.text
        asset_id = uploaded.json()["id"]

        def variant_ready() -> dict | None:
            clips = api.get(f"/v1/clips?asset_id={asset_id}").json()["items"]
            if not clips:
                return None
            variants = api.get(f"/v1/clips/{clips[0]['id']}/variants").json()["items"]
            ready = [v for v in variants if v["state"] in ("ready", "failed")]
            return ready[0] if ready else None

        variant = wait_for(variant_ready, 180, "a rendered variant")
        assert variant["state"] == "ready", variant
        assert variant["checks"]["passed"] is True
        jobs = api.get("/v1/jobs?type=media.process").json()["items"]
        assert [j["state"] for j in jobs] == ["succeeded"]
        played = httpx.get(
            str(api.base_url).rstrip("/") + variant["video_url"], headers={"Range": "bytes=0-1023"}
        )
        assert played.status_code == 206
        assert played.headers["content-type"] == "video/mp4"
        assert played.content[4:8] == b"ftyp"
