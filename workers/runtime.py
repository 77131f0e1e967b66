"""One event loop and one database engine per worker process, made after the fork."""

from __future__ import annotations

import asyncio
import os
from collections.abc import Coroutine
from dataclasses import dataclass
from typing import Any, TypeVar

from celery.signals import worker_process_init, worker_process_shutdown
from sqlalchemy.ext.asyncio import AsyncEngine

from backend.config import get_settings
from backend.db import SessionFactory, create_engine, create_session_factory
from backend.events import set_publisher
from backend.events.bus import worker_publisher

T = TypeVar("T")


@dataclass
class Runtime:
    pid: int
    loop: asyncio.AbstractEventLoop
    engine: AsyncEngine
    sessions: SessionFactory


_runtime: Runtime | None = None


def current() -> Runtime:
    """The process's runtime, created on first use (also covers the solo and threads pools)."""
    global _runtime
    if _runtime is None or _runtime.pid != os.getpid():
        settings = get_settings()
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        engine = create_engine(settings.database_url, settings, pool_size=2)
        _runtime = Runtime(os.getpid(), loop, engine, create_session_factory(engine))
        # What this process's tasks commit reaches the API's subscribers (docs/events.md).
        set_publisher(worker_publisher(settings))
    return _runtime


def run(coroutine: Coroutine[Any, Any, T]) -> T:
    return current().loop.run_until_complete(coroutine)


def shutdown() -> None:
    global _runtime
    if _runtime is not None and _runtime.pid == os.getpid():
        _runtime.loop.run_until_complete(_runtime.engine.dispose())
        _runtime.loop.close()
    _runtime = None


@worker_process_init.connect  # type: ignore[untyped-decorator]
def _on_process_init(**_: Any) -> None:
    current()


@worker_process_shutdown.connect  # type: ignore[untyped-decorator]
def _on_process_shutdown(**_: Any) -> None:
    shutdown()
