"""Samples written by other processes, through the real code paths, add up in one scrape."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path

from prometheus_client import multiprocess

from tests.metrics.scrape import scrape, value

ROOT = Path(__file__).resolve().parents[2]

# A worker child: a job task whose job does not exist ends "missing", through job_task's hook;
# then the child opens event stream subscribers and ends without saying so (a crash).
SCRIPT = """
import sys
from workers.celery_app import celery_app
from backend.metrics import series

celery_app.loader.import_default_modules()
assert celery_app.tasks["ledger.audit"].apply(kwargs={"job_id": sys.argv[1]}).get() == "missing"
series.set_ws_subscribers(3)
print(__import__("os").getpid())
"""


def _worker_child(database_url: str, folder: str, tmp_path: Path) -> int:
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "PROMETHEUS_MULTIPROC_DIR": folder,
        "STAKAZO_DATABASE_URL": database_url,
        "STAKAZO_BROKER_DIR": str(tmp_path / "broker"),
        "STAKAZO_RESULT_BACKEND": f"db+sqlite:///{tmp_path / 'results.db'}",
    }
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(uuid.uuid4())],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return int(done.stdout.split()[-1])


async def test_two_worker_processes_add_up_in_the_apis_scrape(
    client, scratch_database_url, tmp_path
):
    folder = os.environ["PROMETHEUS_MULTIPROC_DIR"]
    labels = {"type": "ledger.audit", "outcome": "missing"}
    name = "stakazo_jobs_finished_total"
    before = await scrape(client)

    pids = [_worker_child(scratch_database_url, folder, tmp_path) for _ in range(2)]

    after = await scrape(client)
    assert len(set(pids)) == 2
    assert value(after, "stakazo_jobs_finished", name, **labels) == (
        value(before, "stakazo_jobs_finished", name, **labels) + 2
    )
    subscribers = "stakazo_ws_subscribers"
    assert value(after, subscribers, subscribers) == value(before, subscribers, subscribers) + 6

    # A dead process's live gauge stops counting once it is marked; its counters stay.
    for pid in pids:
        multiprocess.mark_process_dead(pid, folder)
    marked = await scrape(client)
    assert value(marked, subscribers, subscribers) == value(before, subscribers, subscribers)
    assert value(marked, "stakazo_jobs_finished", name, **labels) == value(
        after, "stakazo_jobs_finished", name, **labels
    )
