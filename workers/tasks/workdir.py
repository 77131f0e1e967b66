"""A scratch folder per job: emptied when the job starts (a crashed earlier attempt may have left
files) and removed when it ends, so a killed worker never leaks temp files for long."""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from backend.config import Settings


@contextmanager
def job_workdir(settings: Settings, job_id: uuid.UUID) -> Iterator[Path]:
    folder = settings.media_dir / ".work" / str(job_id)
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)
