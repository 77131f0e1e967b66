"""Where every process writes its samples, so that one scrape adds up the API's workers and the
Celery processes (prometheus-client's multiprocess mode, docs/metrics.md).

prometheus-client picks its storage once, when it is first imported: ``PROMETHEUS_MULTIPROC_DIR``
must be set before that, in every process. The ``stakazo`` CLI sets it before starting uvicorn or
Celery, and ``backend.metrics.series`` sets it before importing the client for any other launcher
(``uvicorn backend.app:create_app``, ``celery -A workers.celery_app``). Nothing here imports
prometheus_client at module level, for that reason.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Protocol

import structlog

from core.keyfiles import private_dir

log = structlog.get_logger(__name__)

ENV = "PROMETHEUS_MULTIPROC_DIR"


class MetricsSettings(Protocol):
    @property
    def data_dir(self) -> Path: ...
    @property
    def metrics_dir(self) -> Path | None: ...


def folder_for(settings: MetricsSettings) -> Path:
    return settings.metrics_dir or settings.data_dir / "metrics"


def inherited() -> bool:
    """Whether a parent (``stakazo run``, a process manager) chose the folder already."""
    return bool(os.environ.get(ENV))


def use_folder(settings: MetricsSettings, *, fresh: bool) -> Path:
    """Point this process (and the ones it starts) at the samples folder.

    ``fresh`` empties it first: only the first process of a deployment may, before any other
    writes (the client's documentation: samples of a previous run would otherwise be added in,
    and a reused pid would carry on a dead process's values). An inherited folder is never
    emptied: the parent did it, and processes already write there.
    """
    if inherited():
        folder = Path(os.environ[ENV])
        private_dir(folder)
        return folder
    folder = folder_for(settings).resolve()
    if fresh and folder.exists():
        shutil.rmtree(folder)
    private_dir(folder, tighten=True)
    os.environ[ENV] = str(folder)
    log.info("metrics.folder", path=str(folder), emptied=fresh)
    return folder


def mark_dead(pid: int | None = None) -> None:
    """A process is ending: its live gauges (WS subscribers) stop counting; its counters stay."""
    if not inherited():
        return
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(pid or os.getpid())  # type: ignore[no-untyped-call]
