"""The telemetry endpoints under a big history, on PostgreSQL: `GET /v1/telemetry/snapshot`
with 100,000 jobs and 1,000,000 ledger events (taken live when nothing collects, then served
from a stored collection), and a `/metrics` scrape with every series present. Each is timed
beside a baseline of the same app in the same run: the dashboard's `GET /v1/overview` (four
GROUP BYs) for the snapshot, `GET /debug/health` (no database) for the scrape.

Part of bench/telemetry.py (``--only endpoints``). The database is a scratch one created next
to ``STAKAZO_BENCH_DATABASE_URL`` (default: the local PostgreSQL) and dropped afterwards.
"""

from __future__ import annotations

import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx

from workers.clip_cli import ProgressBar

BASE_URL = os.environ.get(
    "STAKAZO_BENCH_DATABASE_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/postgres"
)
JOBS = 100_000
LEDGER_EVENTS = 1_000_000
REQUESTS = 200
TOKEN = "bench-metrics-token-" + "x" * 24
TARGETS_MS = {"snapshot_stored": 50.0, "snapshot_live": 50.0, "metrics": 50.0}

# A realistic history: a handful of jobs queued or running, the rest ended (most succeeded).
SEED_JOBS = """
INSERT INTO jobs (id, workspace_id, type, state, progress, attempts, params, created_at,
                  updated_at, started_at, finished_at, sends)
SELECT gen_random_uuid(), CAST(:workspace AS uuid),
       (ARRAY['media.process', 'media.render_variant', 'media.analyze',
              'ledger.audit'])[1 + mod(i, 4)],
       CASE WHEN i <= 10 THEN 'running' WHEN i <= 30 THEN 'pending'
            ELSE (ARRAY['succeeded', 'succeeded', 'succeeded', 'succeeded', 'succeeded',
                        'succeeded', 'succeeded', 'failed', 'failed', 'cancelled'])[1 + mod(i, 10)]
       END,
       100, 1, '{}', now() - make_interval(secs => i * 5), now() - make_interval(secs => i * 5),
       CASE WHEN i > 10 AND i <= 30 THEN NULL
            ELSE now() - make_interval(secs => i * 5 + 30 + mod(i, 90)) END,
       CASE WHEN i > 30 THEN now() - make_interval(secs => i * 5) END, 1
FROM generate_series(1, :count) AS i
"""
SEED_LEDGER = """
INSERT INTO ledger_events (id, seq, chain, chain_seq, occurred_at, type, workspace_id, payload,
                           prev_hash, hash)
SELECT gen_random_uuid(), 1000000000 + i, 'bench-history', i,
       now() - make_interval(secs => i), 'job.succeeded', CAST(:workspace AS uuid), '{}',
       md5(i::text) || md5(i::text), md5((i + 1)::text) || md5((i + 1)::text)
FROM generate_series(1, :count) AS i
"""


def _engine(url: str, **options: Any) -> Any:
    from sqlalchemy.ext.asyncio import create_async_engine

    return create_async_engine(url, **options)


async def _run_sql(url: str, *statements: str, autocommit: bool = False, **params: Any) -> None:
    from sqlalchemy import text

    engine = _engine(url, isolation_level="AUTOCOMMIT") if autocommit else _engine(url)
    try:
        async with engine.begin() as connection:
            for statement in statements:
                await connection.execute(text(statement), params)
    finally:
        await engine.dispose()


def _create_database() -> str:
    name = f"stakazo_bench_{uuid.uuid4().hex[:10]}"
    asyncio.run(_run_sql(BASE_URL, f'CREATE DATABASE "{name}"', autocommit=True))
    return BASE_URL.rsplit("/", 1)[0] + f"/{name}"


def _drop_database(url: str) -> None:
    name = url.rsplit("/", 1)[1]
    asyncio.run(
        _run_sql(BASE_URL, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)', autocommit=True)
    )


def _seed(url: str, workspace: str) -> None:
    asyncio.run(_run_sql(url, SEED_JOBS, workspace=workspace, count=JOBS))
    asyncio.run(_run_sql(url, SEED_LEDGER, workspace=workspace, count=LEDGER_EVENTS))
    asyncio.run(_run_sql(url, "ANALYZE", autocommit=True))


COLLECTOR = """
import asyncio, sys
from backend.config import get_settings
from backend.db import create_engine
from sqlalchemy.ext.asyncio import async_sessionmaker
from backend.telemetry import service

async def main():
    settings = get_settings()
    engine = create_engine(settings.database_url, settings)
    make = async_sessionmaker(engine, expire_on_commit=False)
    while True:
        async with make() as session:
            await service.collect_and_store(session, settings)
            await session.commit()
        print("collected", flush=True)
        await asyncio.sleep(settings.telemetry_interval_seconds)  # beat's schedule

asyncio.run(main())
"""


@contextmanager
def collecting(env: dict[str, str]) -> Iterator[None]:
    """Collections every interval, as beat sends them, for as long as the block runs; it
    starts once the first one is stored."""
    quiet = {**env, "STAKAZO_LOG_LEVEL": "WARNING"}
    process = subprocess.Popen(
        [sys.executable, "-c", COLLECTOR], env=quiet, stdout=subprocess.PIPE, text=True
    )
    try:
        assert process.stdout is not None
        # Its log lines come first on the same stream (logging is not set up in that process).
        for line in process.stdout:
            if line.strip() == "collected":
                break
        else:
            raise RuntimeError("the collector stopped before its first collection")
        yield
    finally:
        process.terminate()
        process.wait(timeout=30)


def _timed(client: httpx.Client, path: str, headers: dict[str, str]) -> dict[str, Any]:
    client.get(path, headers=headers).raise_for_status()  # warm: the first request pays imports
    times = []
    for _ in range(REQUESTS):
        started = time.perf_counter()
        answer = client.get(path, headers=headers)
        times.append((time.perf_counter() - started) * 1000)
        answer.raise_for_status()
    cuts = statistics.quantiles(times, n=100)
    return {
        "p50_ms": round(cuts[49], 2),
        "p99_ms": round(cuts[98], 2),
        "bytes": len(answer.content),
    }


def _row(ours: dict[str, Any], baseline: dict[str, Any], target: float) -> dict[str, Any]:
    return {
        **ours,
        "baseline_p99_ms": baseline["p99_ms"],
        "ratio_to_baseline": round(ours["p99_ms"] / baseline["p99_ms"], 2),
        "target_p99_ms": target,
        "met": ours["p99_ms"] <= target,
    }


def _start_api(env: dict[str, str], folder: Path, port: int) -> subprocess.Popen[bytes]:
    log = (folder / "api.log").open("wb")
    return subprocess.Popen(
        [sys.executable, "-m", "backend", "api", "--port", str(port)],
        env=env,
        stdout=log,
        stderr=log,
    )


def measure_endpoints(bar: ProgressBar) -> dict[str, Any]:
    from bench.telemetry import _env, _free_port, _wait_healthy

    url = _create_database()
    try:
        with tempfile.TemporaryDirectory(prefix="stakazo-bench-") as scratch:
            folder = Path(scratch)
            env = {**_env(folder), "STAKAZO_DATABASE_URL": url, "STAKAZO_METRICS_TOKEN": TOKEN}
            bar.stage("endpoints: migrating")
            subprocess.run([sys.executable, "-m", "backend", "migrate"], env=env, check=True,
                           capture_output=True)  # fmt: skip
            port = _free_port()
            api = _start_api(env, folder, port)
            base = f"http://127.0.0.1:{port}"
            try:
                _wait_healthy(base, api)
                return _measure(base, env, url, bar)
            finally:
                api.terminate()
                api.wait(timeout=30)
    finally:
        _drop_database(url)


def _measure(base: str, env: dict[str, str], url: str, bar: ProgressBar) -> dict[str, Any]:
    from bench.telemetry import PASSWORD

    with httpx.Client(base_url=base, timeout=60) as client:
        account = {"email": "bench@example.com", "password": PASSWORD}
        registered = client.post("/v1/auth/register", json={**account, "workspace_name": "B"})
        registered.raise_for_status()
        workspace = registered.json()["workspace"]["workspace_id"]
        token = client.post("/v1/auth/login", json=account).json()["access_token"]
        headers = {"Authorization": f"Bearer {token}", "X-Workspace-Id": workspace}
        bar.stage(f"endpoints: {JOBS} jobs, {LEDGER_EVENTS} ledger events")
        _seed(url, workspace)
        bar.update(0.3, force=True)
        overview = _timed(client, "/v1/overview", headers)
        bar.stage("endpoints: snapshot taken live")
        live = _timed(client, "/v1/telemetry/snapshot", headers)
        bar.stage("endpoints: snapshot stored")
        with collecting(env):
            stored = _timed(client, "/v1/telemetry/snapshot", headers)
        bar.update(0.7, force=True)
        # Every route the dashboard calls, so their series exist in the scrape.
        for path in ("/v1/assets", "/v1/clips", "/v1/jobs", "/v1/publications", "/v1/accounts",
                     "/v1/ledger", "/v1/alerts", "/v1/ai/health/runs", "/v1/telemetry/workers",
                     "/v1/auth/me", "/v1/nothing-here"):  # fmt: skip
            client.get(path, headers=headers)
        health = _timed(client, "/debug/health", {})
        bar.stage("endpoints: /metrics")
        scrape = _timed(client, "/metrics", {"Authorization": f"Bearer {TOKEN}"})
        lines = client.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}"}).text
        bar.update(1.0, force=True)
    series = sum(1 for line in lines.splitlines() if line and not line.startswith("#"))
    return {
        "jobs": JOBS,
        "ledger_events": LEDGER_EVENTS,
        "requests_each": REQUESTS,
        "snapshot_live": _row(live, overview, TARGETS_MS["snapshot_live"]),
        "snapshot_stored": _row(stored, overview, TARGETS_MS["snapshot_stored"]),
        "metrics": {**_row(scrape, health, TARGETS_MS["metrics"]), "samples": series},
        "baselines": {"overview": overview, "health": health},
    }


def print_endpoints(result: dict[str, Any]) -> None:
    print(f"\n{result['jobs']} jobs, {result['ledger_events']} ledger events (PostgreSQL)")
    print(f"{'endpoint':<18} {'p50 ms':>8} {'p99 ms':>8} {'baseline p99':>13} {'ratio':>6}  target")
    for name in ("snapshot_live", "snapshot_stored", "metrics"):
        row = result[name]
        mark = "met" if row["met"] else "NOT met"
        print(
            f"{name:<18} {row['p50_ms']:>8} {row['p99_ms']:>8} {row['baseline_p99_ms']:>13} "
            f"{row['ratio_to_baseline']:>6}  p99 <= {row['target_p99_ms']} ms: {mark}"
        )
