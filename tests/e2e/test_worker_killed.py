"""kill -9 of the worker in the middle of a media.process job: beat sends the job again once its
heartbeat is stale, a new worker takes it over, and the job succeeds — on the filesystem broker
(where the message dies with the worker) and on Redis (where it waits unacknowledged)."""

from __future__ import annotations

import os
import signal
import subprocess
from pathlib import Path

import httpx
import pytest

from core.ffmpeg import find_ffmpeg
from tests.conftest import TEST_REDIS_URL
from tests.e2e.processes import answered, free_port, stakazo_process, wait_for
from tests.e2e.test_worker_roundtrip import BROKERS, _env
from tests.paths import TEST_MEDIA

# Small enough that the test needs no long waits; the worker beats every 0.5 s.
STALE_AFTER_SECONDS = 3
REDISPATCH_EVERY_SECONDS = 1
# media.process no longer waits for speech, so the 6 s dialogue would be done before anyone saw
# it run: the same clip played 60 times over (a stream copy, instant to make) keeps it busy.
LOOPS = 60


def _long_dialogue(folder: Path) -> Path:
    path = folder / "friday-looped.mp4"
    subprocess.run(
        [find_ffmpeg(None), "-v", "error", "-stream_loop", str(LOOPS - 1),
         "-i", str(TEST_MEDIA / "his_girl_friday_dialogue.mp4"), "-c", "copy", "-y", str(path)],
        check=True, timeout=60,
    )  # fmt: skip
    return path


def _sign_in(api: httpx.Client) -> None:
    account = {"email": "owner@example.com", "password": "kill-nine-then-recover-7Qx"}
    registered = api.post("/v1/auth/register", json={**account, "name": "Owner"})
    assert registered.status_code == 201, registered.text
    workspace_id = registered.json()["workspace"]["workspace_id"]
    token = api.post("/v1/auth/login", json=account).json()["access_token"]
    api.headers.update({"Authorization": f"Bearer {token}", "X-Workspace-Id": workspace_id})


def _tail(folder: Path) -> str:
    return "\n".join(
        f"--- {log.name}\n{log.read_text(errors='replace')[-3000:]}"
        for log in sorted(folder.glob("*.log"))
    )


@pytest.mark.parametrize("broker", BROKERS)
def test_a_job_whose_worker_is_killed_is_finished_by_another(
    scratch_database_url, tmp_path, broker
):
    if broker == "redis":
        import redis

        redis.Redis.from_url(TEST_REDIS_URL).flushdb()
    port = free_port()
    env = _env(scratch_database_url, broker, tmp_path, port)
    env.update(
        STAKAZO_JOB_STALE_AFTER_SECONDS=str(STALE_AFTER_SECONDS),
        STAKAZO_JOB_REDISPATCH_INTERVAL_SECONDS=str(REDISPATCH_EVERY_SECONDS),
        STAKAZO_BCRYPT_ROUNDS="4",
    )
    base = f"http://127.0.0.1:{port}"
    with (
        stakazo_process(["api"], env, tmp_path, tmp_path / "api.log"),
        stakazo_process(["beat"], env, tmp_path, tmp_path / "beat.log"),
        httpx.Client(base_url=base, timeout=30) as api,
    ):
        wait_for(answered(f"{base}/debug/health"), 60, "the API to start")
        _sign_in(api)
        try:
            with stakazo_process(
                ["worker", "--concurrency", "1"], env, tmp_path, tmp_path / "worker-1.log"
            ) as doomed:
                with _long_dialogue(tmp_path).open("rb") as video:
                    uploaded = api.post(
                        "/v1/upload", files={"file": ("friday.mp4", video, "video/mp4")}
                    )
                assert uploaded.status_code == 201, uploaded.text

                def mid_job() -> dict | None:
                    items = api.get("/v1/jobs?type=media.process").json()["items"]
                    running = [j for j in items if j["state"] == "running" and j["progress"] > 0]
                    return running[0] if running else None

                job = wait_for(mid_job, 120, "the media.process job to be running with progress")
                # The whole worker: its main process and its pool child running ffmpeg.
                os.killpg(doomed.pid, signal.SIGKILL)
                doomed.wait(timeout=30)

            left = api.get(f"/v1/jobs/{job['id']}").json()
            assert (left["state"], left["attempts"]) == ("running", 1), left
            assert left["progress"] < 100

            with stakazo_process(
                ["worker", "--concurrency", "1"], env, tmp_path, tmp_path / "worker-2.log"
            ):

                def finished() -> dict | None:
                    current = api.get(f"/v1/jobs/{job['id']}").json()
                    return current if current["state"] in ("succeeded", "failed") else None

                done = wait_for(finished, 240, "the job to be taken over and finished")
        except AssertionError:
            print(_tail(tmp_path))
            raise
        assert done["state"] == "succeeded", (done, _tail(tmp_path))
        assert done["progress"] == 100
        assert done["attempts"] == 2
        assert done["result"]["clips"] >= 1
        trail = [e["type"] for e in api.get(f"/v1/ledger?job_id={job['id']}").json()["items"]]
        assert [t for t in trail if t.startswith("job.")] == [
            "job.succeeded",
            "job.started",
            "job.worker_lost",
            "job.started",
            "job.created",
        ]
        # The second attempt started the asset's lifecycle over from the probe (oldest last).
        moves = [t for t in trail if t.startswith("asset.")]
        assert moves[:3] == ["asset.ready", "asset.probed", "asset.probing"], trail
        assert moves[-1] == "asset.probing", trail
        first_probe = max(i for i, kind in enumerate(trail) if kind == "asset.probing")
        assert trail.index("job.worker_lost") < first_probe, trail
        asset = api.get(f"/v1/assets/{uploaded.json()['id']}").json()
        assert asset["state"] == "ready", asset
