"""Sending task messages: the broker client the API, the CLI and the workers share.

To send, a client needs the broker's address and transport options, the queues and the routing
rule, and nothing else of the worker's Celery app (its tasks, beat schedule, signals). So the API
sends through a send-only client built from these pieces and never imports ``workers``; the
worker's app is configured from the same pieces, so a message lands in the same queue whichever
process sent it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Protocol

from celery import Celery
from kombu import Exchange, Queue  # type: ignore[attr-defined]

from core.keyfiles import private_dir

QUEUES = ("media", "publish", "ai", "default")


class BrokerSettings(Protocol):
    """What a client reads from the settings (``backend.config.Settings`` has it)."""

    @property
    def broker_url(self) -> str: ...
    @property
    def broker_dir(self) -> Path: ...
    @property
    def broker_timeout_seconds(self) -> float: ...
    @property
    def uses_filesystem_broker(self) -> bool: ...


def _queue(name: str) -> Queue:
    # Each queue gets its own exchange and key: with a shared default binding, a message for one
    # queue would be copied into all of them.
    return Queue(name, Exchange(name, type="direct"), routing_key=name)  # type: ignore[no-untyped-call]


# Tasks whose queue is not their prefix: a campaign's captions are written by the model workers.
ROUTED = {"campaigns.write_captions": "ai"}


def route(name: str, *_: Any, **__: Any) -> dict[str, str]:
    """A task's queue is the prefix of its name (``media.analyze`` goes to ``media``), unless
    ROUTED says otherwise."""
    prefix = name.split(".", 1)[0]
    return {"queue": ROUTED.get(name) or (prefix if prefix in QUEUES else "default")}


def broker_transport_options(settings: BrokerSettings) -> dict[str, Any]:
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


FILESYSTEM_TRANSPORT = "core.filesystem_transport:Transport"


def sending_options(settings: BrokerSettings) -> dict[str, Any]:
    """The Celery settings that decide where and how a message is sent."""
    ordered = {"broker_transport": FILESYSTEM_TRANSPORT} if settings.uses_filesystem_broker else {}
    return {
        "broker_url": settings.broker_url,
        **ordered,
        "broker_transport_options": broker_transport_options(settings),
        "broker_connection_timeout": settings.broker_timeout_seconds,
        "broker_connection_retry_on_startup": True,
        "broker_connection_max_retries": 10,
        "task_publish_retry": True,
        "task_publish_retry_policy": {
            "max_retries": 3,
            "interval_start": 0.2,
            "interval_step": 0.5,
            "interval_max": 2,
        },
        "task_queues": [_queue(name) for name in QUEUES],
        "task_default_queue": "default",
        "task_routes": (route,),
        "task_serializer": "json",
        "accept_content": ["json"],
        "timezone": "UTC",
        "enable_utc": True,
    }


class BrokerClient:
    """Sends task messages by name and checks the broker answers; runs no task."""

    def __init__(self, settings: BrokerSettings) -> None:
        # Not the current app: in a worker process, that stays the worker's own.
        self._app = Celery("stakazo", set_as_current=False)
        self._app.conf.update(sending_options(settings))
        self._timeout = settings.broker_timeout_seconds

    def send(
        self,
        name: str,
        kwargs: dict[str, str | int],
        *,
        task_id: str | None = None,
        countdown: float | None = None,
    ) -> None:
        self._app.send_task(name, kwargs=kwargs, task_id=task_id, countdown=countdown)

    def ping(self) -> str:
        """Connects once, within the broker timeout; raises when the broker does not answer."""
        with self._app.connection_for_write() as connection:
            connection.ensure_connection(max_retries=1, timeout=self._timeout)
            return f"{connection.transport_cls} reachable"
