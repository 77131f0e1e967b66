"""Readiness checks: each one bounded in time and reported on its own."""

from __future__ import annotations

import asyncio
import subprocess
import tempfile
import time
from collections.abc import Awaitable, Callable
from functools import cache
from importlib.metadata import PackageNotFoundError, version

import anyio
import structlog
from sqlalchemy import text

from backend.broker import broker_client
from backend.config import Settings
from backend.db import SessionFactory
from backend.debug.schemas import Check, Health, Readiness
from core.ffmpeg import FfmpegNotFound, find_ffmpeg
from core.keyfiles import private_dir

log = structlog.get_logger(__name__)
CHECK_TIMEOUT_SECONDS = 5.0


async def _timed(name: str, check: Callable[[], Awaitable[str]]) -> Check:
    started = time.perf_counter()
    try:
        async with asyncio.timeout(CHECK_TIMEOUT_SECONDS):
            detail = await check()
        ok = True
    except TimeoutError:
        ok, detail = False, f"no answer within {CHECK_TIMEOUT_SECONDS:.0f} s"
    except Exception as error:
        ok, detail = False, f"{type(error).__name__}: {error}"
    duration_ms = round((time.perf_counter() - started) * 1000, 1)
    if ok:
        log.debug("debug.check_passed", check=name, detail=detail, duration_ms=duration_ms)
    else:
        log.warning("debug.check_failed", check=name, detail=detail, duration_ms=duration_ms)
    return Check(ok=ok)


def _storage_check(settings: Settings) -> str:
    private_dir(settings.media_dir, tighten=True)
    with tempfile.NamedTemporaryFile(dir=settings.media_dir, prefix=".ready-"):
        pass
    return f"{settings.media_dir} writable"


def _ffmpeg_check(settings: Settings) -> str:
    path = find_ffmpeg(settings.ffmpeg_path)
    completed = subprocess.run(  # noqa: S603 - fixed arguments, resolved binary
        [path, "-hide_banner", "-version"],
        capture_output=True,
        text=True,
        timeout=CHECK_TIMEOUT_SECONDS,
        check=True,
    )
    return f"{path}: {completed.stdout.splitlines()[0] if completed.stdout else 'ok'}"


async def readiness(settings: Settings, sessions: SessionFactory) -> Readiness:
    async def database() -> str:
        async with sessions() as session:
            await session.execute(text("SELECT 1"))
        return f"{sessions.kw['bind'].dialect.name} answered"

    async def broker() -> str:
        return await anyio.to_thread.run_sync(broker_client().ping, abandon_on_cancel=True)

    async def storage() -> str:
        return await anyio.to_thread.run_sync(_storage_check, settings)

    async def ffmpeg() -> str:
        try:
            return await anyio.to_thread.run_sync(_ffmpeg_check, settings, abandon_on_cancel=True)
        except FfmpegNotFound as error:
            raise RuntimeError(str(error)) from error

    names = ("database", "broker", "storage", "ffmpeg")
    checks_to_run = (database, broker, storage, ffmpeg)
    results = await asyncio.gather(
        *(_timed(n, c) for n, c in zip(names, checks_to_run, strict=True))
    )
    checks = dict(zip(names, results, strict=True))
    return Readiness(ready=all(check.ok for check in checks.values()), checks=checks)


@cache
def _version() -> str:
    try:
        return version("stakazo")
    except PackageNotFoundError:
        return "unknown"


def liveness() -> Health:
    """The liveness probe's answer: the same for every request of a process."""
    return Health(version=_version())
