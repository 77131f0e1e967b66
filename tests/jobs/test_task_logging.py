"""Each task's log lines carry its own ids and never the ids of the task the process ran before."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Two tasks in a row in one process, the way a worker child runs them.
SCRIPT = """
import sys
from backend.logging import configure_logging
from workers.celery_app import celery_app

configure_logging(json=True, level="INFO", process_name="worker")
celery_app.loader.import_default_modules()
job_id, first, second = sys.argv[1:4]
assert celery_app.tasks["ledger.audit"].apply(kwargs={"job_id": job_id}, task_id=first).get() == (
    "missing"
)
celery_app.tasks["auth.prune"].apply(task_id=second).get()
"""


def test_the_second_task_does_not_log_the_first_tasks_ids(scratch_database_url, tmp_path):
    job_id, first, second = (str(uuid.uuid4()) for _ in range(3))
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "STAKAZO_DATABASE_URL": scratch_database_url,
        "STAKAZO_BROKER_DIR": str(tmp_path / "broker"),
        "STAKAZO_RESULT_BACKEND": f"db+sqlite:///{tmp_path / 'results.db'}",
    }
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, job_id, first, second],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    lines = [json.loads(line) for line in done.stderr.splitlines() if line.startswith("{")]
    by_event = {line["event"]: line for line in lines}

    missing = by_event["jobs.missing"]
    assert (missing["task"], missing["task_id"], missing["job_id"]) == (
        "ledger.audit",
        first,
        job_id,
    )
    pruned = by_event["auth.pruned"]
    assert (pruned["task"], pruned["task_id"]) == ("auth.prune", second)
    assert "job_id" not in pruned
    second_task_lines = [line for line in lines if line.get("task") == "auth.prune"]
    assert second_task_lines
    assert all(job_id not in json.dumps(line) for line in second_task_lines)
