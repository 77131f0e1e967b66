"""jobs cannot import the domains whose rows its jobs work on, so those domains register how their
rows fail with a job. A worker process fails jobs: it must know every handler once its task
modules are loaded, or an asset would stay `analyzing` for ever."""

from __future__ import annotations

import subprocess
import sys


def test_a_worker_process_knows_how_every_job_subject_fails() -> None:
    program = (
        "import importlib\n"
        "from workers.celery_app import TASK_MODULES\n"
        "for name in TASK_MODULES: importlib.import_module(name)\n"
        "from backend.jobs import subjects\n"
        "print(' '.join(sorted(subjects.handled_types())))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, timeout=120, check=True
    )
    assert result.stdout.split() == [
        "media.analyze",
        "media.process",
        "media.render_variant",
        "media.transcribe",
    ]
