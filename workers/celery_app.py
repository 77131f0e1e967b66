"""The Celery application: the sending options it shares with the API (core.broker), how tasks
are acknowledged and their results kept, and the beat schedule."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import structlog
from celery import Celery
from celery.signals import (
    setup_logging,
    task_postrun,
    task_prerun,
    worker_process_shutdown,
    worker_ready,
    worker_shutdown,
)

from backend.config import Settings, get_settings
from backend.logging import configure_logging
from backend.metrics.exporter import serve as serve_metrics
from backend.metrics.multiprocess import mark_dead
from core.broker import sending_options
from core.keyfiles import private_file
from workers import node_heartbeat  # noqa: F401  (each node's heartbeat rides on its signals)

TASK_MODULES = [
    "workers.tasks.alerts",
    "workers.tasks.campaigns",
    "workers.tasks.health",
    "workers.tasks.ledger",
    "workers.tasks.maintenance",
    "workers.tasks.media",
    "workers.tasks.outbox",
    "workers.tasks.publishing",
    "workers.tasks.render",
    "workers.tasks.scoring",
    "workers.tasks.telemetry",
    "workers.tasks.transcribe",
    "workers.tasks.webhooks",
]


def _private_result_database(result_backend: str) -> None:
    prefix = "db+sqlite:///"
    if result_backend.startswith(prefix) and result_backend != prefix:
        private_file(Path(result_backend.removeprefix(prefix)))


def configure(app: Celery, settings: Settings) -> None:
    _private_result_database(settings.result_backend)
    app.conf.update(
        **sending_options(settings),
        result_backend=settings.result_backend,
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,
        result_serializer="json",
        result_expires=7 * 24 * 3600,
        result_extended=True,
        database_engine_options=(
            {"connect_args": {"timeout": 30}}
            if settings.result_backend.startswith("db+sqlite")
            else {}
        ),
        worker_hijack_root_logger=False,
        worker_redirect_stdouts=False,
        worker_send_task_events=True,
        beat_schedule={
            "outbox-redispatch": {
                "task": "outbox.redispatch",
                "schedule": settings.job_redispatch_interval_seconds,
            },
            "auth-prune": {"task": "auth.prune", "schedule": 3600.0},
            "uploads-prune-expired": {"task": "uploads.prune_expired", "schedule": 3600.0},
            "publish-dispatch": {"task": "publish.dispatch", "schedule": 5.0},
            "publish-collect-insights": {"task": "publish.collect_insights", "schedule": 900.0},
            "accounts-refresh-tokens": {"task": "accounts.refresh_tokens", "schedule": 900.0},
            "telemetry-collect": {
                "task": "telemetry.collect",
                "schedule": settings.telemetry_interval_seconds,
                # A snapshot later than the next one is worth nothing: drop it, do not pile up.
                "options": {"expires": settings.telemetry_interval_seconds},
            },
            "ai-health-schedule": {
                "task": "ai.health_schedule",
                "schedule": settings.ai_health_interval_seconds,
            },
            "scoring-schedule": {
                "task": "scoring.schedule",
                "schedule": settings.scoring_train_interval_seconds,
            },
        },
    )


# Which program this process runs ("worker" or "beat"), set by the CLI, shown in every log line.
process_name = "worker"


@setup_logging.connect  # type: ignore[untyped-decorator]
def _use_our_logging(**_: Any) -> None:
    settings = get_settings()
    configure_logging(
        json=settings.logs_as_json, level=settings.log_level, process_name=process_name
    )


# Ids a task is given that its log lines should carry.
_LOGGED_IDS = ("job_id", "publication_id", "delivery_id", "account_id", "run_id")


@task_prerun.connect  # type: ignore[untyped-decorator]
def _bind_task_context(
    task_id: str, task: Any, kwargs: dict[str, Any] | None = None, **_: Any
) -> None:
    # A worker process runs task after task in one context: start each from nothing, or its log
    # lines carry the ids of the task before.
    structlog.contextvars.clear_contextvars()
    ids = {key: str(value) for key, value in (kwargs or {}).items() if key in _LOGGED_IDS}
    structlog.contextvars.bind_contextvars(task=task.name, task_id=task_id, **ids)


@task_postrun.connect  # type: ignore[untyped-decorator]
def _clear_task_context(**_: Any) -> None:
    structlog.contextvars.clear_contextvars()


@worker_ready.connect  # type: ignore[untyped-decorator]
def _serve_metrics(**_: Any) -> None:
    settings = get_settings()
    if settings.worker_metrics_port is None:
        return
    try:
        serve_metrics(settings, settings.worker_metrics_host, settings.worker_metrics_port)
    except OSError as error:  # a port in use: the node works on, without its own /metrics
        structlog.get_logger(__name__).error(
            "worker.metrics_not_served", port=settings.worker_metrics_port, error=str(error)
        )


@worker_process_shutdown.connect  # type: ignore[untyped-decorator]
@worker_shutdown.connect  # type: ignore[untyped-decorator]
def _leave_metrics(**_: Any) -> None:
    # A pool process (or the worker itself) ends: its live gauges stop counting in /metrics.
    mark_dead()


def create_celery(settings: Settings | None = None) -> Celery:
    app = Celery("stakazo", include=TASK_MODULES)
    configure(app, settings or get_settings())
    return app


celery_app = create_celery()
