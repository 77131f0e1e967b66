"""The Celery application: queues, routes, reliability settings and the beat schedule."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import structlog
from celery import Celery
from celery.signals import setup_logging, task_postrun, task_prerun
from kombu import Exchange, Queue  # type: ignore[attr-defined]

from backend.config import Settings, get_settings
from backend.keyfiles import private_dir, private_file
from backend.logging import configure_logging

QUEUES = ("media", "publish", "ai", "default")
TASK_MODULES = [
    "workers.tasks.ledger",
    "workers.tasks.maintenance",
    "workers.tasks.media",
    "workers.tasks.outbox",
    "workers.tasks.publishing",
    "workers.tasks.render",
    "workers.tasks.webhooks",
]


def _queue(name: str) -> Queue:
    # Each queue gets its own exchange and key: with a shared default binding, a message for one
    # queue would be copied into all of them.
    return Queue(name, Exchange(name, type="direct"), routing_key=name)  # type: ignore[no-untyped-call]


def _route(name: str, *_: Any, **__: Any) -> dict[str, str]:
    prefix = name.split(".", 1)[0]
    return {"queue": prefix if prefix in QUEUES else "default"}


def broker_transport_options(settings: Settings) -> dict[str, Any]:
    if settings.uses_filesystem_broker:
        queue_dir = settings.broker_dir / "queue"
        control_dir = settings.broker_dir / "control"
        private_dir(settings.broker_dir, tighten=True)
        for folder in (queue_dir, control_dir):
            private_dir(folder, tighten=True)
        return {
            "data_folder_in": str(queue_dir),
            "data_folder_out": str(queue_dir),
            "control_folder": str(control_dir),
            "polling_interval": 0.1,
        }
    return {
        "socket_timeout": settings.broker_timeout_seconds,
        "socket_connect_timeout": settings.broker_timeout_seconds,
        # A task not acknowledged within this window (its worker died) is delivered again.
        "visibility_timeout": 3600,
    }


def _private_result_database(result_backend: str) -> None:
    prefix = "db+sqlite:///"
    if result_backend.startswith(prefix) and result_backend != prefix:
        private_file(Path(result_backend.removeprefix(prefix)))


def configure(app: Celery, settings: Settings) -> None:
    _private_result_database(settings.result_backend)
    app.conf.update(
        broker_url=settings.broker_url,
        result_backend=settings.result_backend,
        broker_transport_options=broker_transport_options(settings),
        broker_connection_timeout=settings.broker_timeout_seconds,
        broker_connection_retry_on_startup=True,
        broker_connection_max_retries=10,
        task_publish_retry=True,
        task_publish_retry_policy={
            "max_retries": 3,
            "interval_start": 0.2,
            "interval_step": 0.5,
            "interval_max": 2,
        },
        task_queues=[_queue(name) for name in QUEUES],
        task_default_queue="default",
        task_routes=(_route,),
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,
        task_serializer="json",
        accept_content=["json"],
        result_serializer="json",
        result_expires=7 * 24 * 3600,
        result_extended=True,
        database_engine_options=(
            {"connect_args": {"timeout": 30}}
            if settings.result_backend.startswith("db+sqlite")
            else {}
        ),
        timezone="UTC",
        enable_utc=True,
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
_LOGGED_IDS = ("job_id", "publication_id", "delivery_id", "account_id")


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


def create_celery(settings: Settings | None = None) -> Celery:
    app = Celery("stakazo", include=TASK_MODULES)
    configure(app, settings or get_settings())
    return app


celery_app = create_celery()
