"""The API's hot path under load: requests per second and p50/p99 of Stakazo's authenticated
routes beside a bare FastAPI app on the same uvicorn and the same database, in one run.

    python -m bench.api                     # PostgreSQL (+ Redis events) and the SQLite default
    python -m bench.api --only sqlite --duration 5

wrk (Debian's package) drives each endpoint with 16 connections for ``--duration`` seconds after
a short warm-up; the API is one uvicorn process, as `stakazo api` starts it, logging each
request as JSON at INFO to a file the way production does. Rows:

- ``bare_none``: FastAPI answering a constant (the ceiling of the server itself);
- ``bare_query``: FastAPI running one 20-row query on the same database;
- ``health``: Stakazo's ``GET /debug/health`` (no database);
- ``auth_me``, ``assets``, ``clips``, ``job``: authenticated reads (the lists return 20 rows of
  50 seeded; the job is one of them);
- ``clip_caption``: ``PATCH /v1/clips/{id}`` of a caption (a write with its ledger event).

Each Stakazo row prints its ratio to ``bare_query`` (``health``: to ``bare_none``), measured just
before and just after it, and whether the target is met; the baseline rows show the mean of all
their runs. Results: bench/results/api.json (written by this script only).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx

from backend.platforms.base import PLATFORMS
from bench import api_profile
from bench.telemetry import PASSWORD, ROOT, _env, _free_port, _wait_healthy
from workers.clip_cli import ProgressBar

RESULTS = ROOT / "bench" / "results" / "api.json"
POSTGRES_URL = os.environ.get(
    "STAKAZO_BENCH_DATABASE_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/postgres"
)
REDIS_URL = os.environ.get("STAKAZO_BENCH_REDIS_URL", "redis://127.0.0.1:6379/14")
CONNECTIONS = 16
# A clip's features as the analysis stores them (the shape, with typical values).
_FEATURE_NAMES = (
    "hook", "speech_ratio", "loudness", "loudness_range", "motion", "shot_rate", "faces",
    "silence_ratio", "words_per_second", "question", "keywords", "ending",
)  # fmt: skip
FEATURES: dict[str, Any] = {
    **dict.fromkeys(_FEATURE_NAMES, 0.5),
    "duration_fit": {platform: {"fit": 0.9, "min": 3, "max": 90} for platform in PLATFORMS},
    "shots": [round(i * 2.5, 2) for i in range(24)],
    "loudness_curve": [round(-20 + (i % 7), 1) for i in range(120)],
}
SEEDED = 50
PAGE = 20
# Stakazo's rows against the baseline they are compared with; the share of its requests/s
# each must reach (per database) and the p99 bound where the issue sets one.
LISTS = ("assets", "clips")
KEEP_PROFILES: Path | None = None
TARGETS: dict[str, dict[str, Any]] = {
    "postgresql": {"list_share": 0.40, "list_p99_ms": 50.0, "health_share": 0.60},
    "sqlite": {"list_share": 0.25, "list_p99_ms": None, "health_share": 0.60},
}
_LATENCY = re.compile(r"^\s+(50|99)(?:\.000)?%\s+([\d.]+)(us|ms|s)\s*$", re.MULTILINE)
_RATE = re.compile(r"^Requests/sec:\s+([\d.]+)", re.MULTILINE)
_NON_2XX = re.compile(r"Non-2xx or 3xx responses:\s+(\d+)")
_ERRORS = re.compile(r"Socket errors: (.*)")
_UNIT_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def parse_wrk(output: str) -> dict[str, Any]:
    """requests/s, p50 and p99 (ms) and failed responses from ``wrk --latency``'s report."""
    rate = _RATE.search(output)
    if rate is None:
        raise RuntimeError(f"wrk printed no rate:\n{output}")
    latency = {f"p{q}_ms": round(float(v) * _UNIT_MS[u], 2) for q, v, u in _LATENCY.findall(output)}
    failed = _NON_2XX.search(output)
    errors = _ERRORS.search(output)
    return {
        "rps": round(float(rate[1]), 1),
        **latency,
        "failed": int(failed[1]) if failed else 0,
        "socket_errors": errors[1].strip() if errors else None,
    }


def _lua(method: str, headers: dict[str, str], body: str | None) -> str:
    lines = [f'wrk.method = "{method}"']
    lines += [f'wrk.headers["{name}"] = "{value}"' for name, value in headers.items()]
    if body is not None:
        lines.append(f"wrk.body = {json.dumps(body)}")
    return "\n".join(lines) + "\n"


def run_wrk(url: str, seconds: float, script: Path, warm: bool = True) -> dict[str, Any]:
    command = ["wrk", "--latency", "-t", "1", "-c", str(CONNECTIONS), "-s", str(script)]
    if warm:  # so imports, pools and caches are in place before the measured run
        subprocess.run([*command, "-d", "2s", url], check=True, capture_output=True)
    done = subprocess.run(
        [*command, "-d", f"{max(1, round(seconds))}s", url], check=True, capture_output=True,
        text=True,
    )  # fmt: skip
    return parse_wrk(done.stdout)


async def _execute(url: str, *statements: Any, autocommit: bool = False) -> None:
    from sqlalchemy.ext.asyncio import create_async_engine

    options: dict[str, Any] = {"isolation_level": "AUTOCOMMIT"} if autocommit else {}
    engine = create_async_engine(url, **options)
    try:
        async with engine.begin() as connection:
            for statement in statements:
                await connection.execute(statement)
    finally:
        await engine.dispose()


@contextmanager
def scratch_database(kind: str, folder: Path) -> Iterator[str]:
    if kind == "sqlite":
        yield f"sqlite+aiosqlite:///{folder / 'stakazo.db'}"
        return
    from sqlalchemy import text

    name = f"stakazo_bench_{uuid.uuid4().hex[:10]}"
    asyncio.run(_execute(POSTGRES_URL, text(f'CREATE DATABASE "{name}"'), autocommit=True))
    try:
        yield POSTGRES_URL.rsplit("/", 1)[0] + f"/{name}"
    finally:
        drop = text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        asyncio.run(_execute(POSTGRES_URL, drop, autocommit=True))


def _seed_rows(url: str, workspace: str, user: str) -> tuple[list[str], str]:
    """50 ready videos, a clip of each and a finished job; the clips' ids and the job's."""
    from sqlalchemy import insert

    from backend.models import Asset, Clip, Job

    workspace_id, user_id = uuid.UUID(workspace), uuid.UUID(user)
    now = datetime.now(UTC)
    assets, clips = [], []
    for i in range(SEEDED):
        asset_id = uuid.uuid4()
        created = now - timedelta(minutes=i)
        assets.append({
            "id": asset_id, "workspace_id": workspace_id, "uploaded_by_id": user_id,
            "display_name": f"Interview part {i + 1}.mp4", "storage_key": f"bench/{asset_id}",
            "size_bytes": 48_000_000 + i, "sha256": f"{i:064x}", "state": "ready",
            "duration_seconds": 600.0 + i, "transcript_status": "done", "tags": ["bench"],
            "created_at": created, "updated_at": created,
        })  # fmt: skip
        clips.append({
            "id": uuid.uuid4(), "workspace_id": workspace_id, "asset_id": asset_id,
            "start_seconds": 12.0, "end_seconds": 41.5, "rank": 1, "score": 0.8 - i / 1000,
            "scores": dict.fromkeys(PLATFORMS, 0.8 - i / 1000),
            "features": FEATURES, "status": "candidate",
            "transcript": "A hook worth keeping.", "caption": "", "weights_version": 1,
            "created_at": created, "updated_at": created,
        })  # fmt: skip
    job = {
        "id": uuid.uuid4(), "workspace_id": workspace_id, "type": "media.process",
        "state": "succeeded", "progress": 100, "attempts": 1, "params": {},
        "asset_id": assets[0]["id"], "created_by_id": user_id, "created_at": now,
        "updated_at": now, "finished_at": now,
    }  # fmt: skip
    asyncio.run(
        _execute(
            url,
            insert(Asset).values(assets),
            insert(Clip).values(clips),
            insert(Job).values([job]),
        )
    )
    return [str(clip["id"]) for clip in clips], str(job["id"])


def _start(command: list[str], env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    out = log.open("ab")
    return subprocess.Popen(command, env=env, stdout=out, stderr=out)


def _stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=30)


@contextmanager
def serving(kind: str, folder: Path) -> Iterator[dict[str, Any]]:
    """Stakazo's API and the bare app on one database; the addresses and the seeded world."""
    with scratch_database(kind, folder) as url:
        env = {
            **_env(folder),
            "STAKAZO_DATABASE_URL": url,
            # Production's request log: one JSON line per request at INFO, to a file.
            "STAKAZO_LOG_JSON": "true",
            "STAKAZO_LOG_LEVEL": "INFO",
        }
        if kind == "postgresql":
            env["STAKAZO_EVENTS_URL"] = REDIS_URL
        subprocess.run([sys.executable, "-m", "backend", "migrate"], env=env, check=True,
                       capture_output=True)  # fmt: skip
        ours_port, bare_port = _free_port(), _free_port()
        ours = _start(
            [sys.executable, "-m", "backend", "api", "--port", str(ours_port)],
            env,
            folder / f"api-{kind}.log",
        )
        bare_env = {**env, "STAKAZO_BENCH_BARE_DATABASE_URL": url}
        bare = _start(
            [sys.executable, "-m", "uvicorn", "--factory", "bench.api_bare:create_app",
             "--port", str(bare_port), "--no-access-log", "--log-level", "warning"],
            bare_env, folder / f"bare-{kind}.log",
        )  # fmt: skip
        try:
            base = f"http://127.0.0.1:{ours_port}"
            _wait_healthy(base, ours)
            world = _sign_up(base, url)
            _wait_healthy(f"http://127.0.0.1:{bare_port}", bare, "/bare/query")
            yield {
                **world,
                "database": kind,
                "ours": base,
                "bare": f"http://127.0.0.1:{bare_port}",
                "pid": ours.pid,
            }
        finally:
            _stop(ours)
            _stop(bare)


def _sign_up(base: str, url: str) -> dict[str, Any]:
    with httpx.Client(base_url=base, timeout=60) as client:
        account = {"email": "bench@example.com", "password": PASSWORD}
        registered = client.post("/v1/auth/register", json={**account, "workspace_name": "Bench"})
        registered.raise_for_status()
        workspace = registered.json()["workspace"]["workspace_id"]
        user = registered.json()["user"]["id"]
        token = client.post("/v1/auth/login", json=account).json()["access_token"]
        clips, job = _seed_rows(url, workspace, user)
        headers = {"Authorization": f"Bearer {token}", "X-Workspace-Id": workspace}
        for path in ("/v1/assets", "/v1/clips", f"/v1/jobs/{job}", "/v1/auth/me"):
            client.get(path, headers=headers, params={"limit": PAGE}).raise_for_status()
    return {"headers": headers, "clip": clips[0], "job": job}


def _endpoints(world: dict[str, Any]) -> list[tuple[str, str, str, str, str | None]]:
    """(name, server, method, path, body) in the order they are measured."""
    caption = json.dumps({"caption": "Three things nobody tells you about editing. #shorts"})
    return [
        ("bare_none", "bare", "GET", "/bare/none", None),
        ("bare_query", "bare", "GET", "/bare/query", None),
        ("health", "ours", "GET", "/debug/health", None),
        ("auth_me", "ours", "GET", "/v1/auth/me", None),
        ("assets", "ours", "GET", f"/v1/assets?limit={PAGE}", None),
        ("clips", "ours", "GET", f"/v1/clips?limit={PAGE}", None),
        ("job", "ours", "GET", f"/v1/jobs/{world['job']}", None),
        ("clip_caption", "ours", "PATCH", f"/v1/clips/{world['clip']}", caption),
    ]


def measure(
    kind: str, seconds: float, bar: ProgressBar, share: tuple[float, float], profile: bool
) -> dict[str, Any]:
    """Each Stakazo endpoint runs between two runs of its baseline, and its ratio is to their
    mean: on a shared machine the rate drifts by tens of percent over a minute, which a
    baseline measured once would pass on to every ratio."""
    with tempfile.TemporaryDirectory(prefix="stakazo-bench-api-") as scratch:
        folder = Path(scratch)
        bar.stage(f"{kind}: starting")
        with serving(kind, folder) as world:
            scripts = {spec[0]: _script(folder, world, *spec) for spec in _endpoints(world)}
            urls = {name: world[server] + path for name, server, _, path, _ in _endpoints(world)}
            runs: dict[str, list[dict[str, Any]]] = {name: [] for name in scripts}
            ours = [name for name in scripts if not name.startswith("bare_")]
            for index, name in enumerate(ours):
                bar.stage(f"{kind}: {name}")
                baseline = _baseline_of(name)
                runs[baseline].append(run_wrk(urls[baseline], seconds, scripts[baseline]))
                row = run_wrk(urls[name], seconds, scripts[name])
                runs[baseline].append(run_wrk(urls[baseline], seconds, scripts[baseline]))
                pair = [r["rps"] for r in runs[baseline][-2:]]
                row["baseline_rps"] = round(sum(pair) / 2, 1)
                if profile:
                    row["profile"] = _profiled(world, urls[name], seconds, scripts[name], folder)
                runs[name].append(row)
                bar.update(share[0] + (share[1] - share[0]) * (index + 1) / len(ours), force=True)
    rows = {name: _mean(found) for name, found in runs.items() if found}
    return judge(kind, rows)


def _baseline_of(name: str) -> str:
    return "bare_none" if name == "health" else "bare_query"


def _script(
    folder: Path, world: dict[str, Any], name: str, server: str, method: str, _: str,
    body: str | None,
) -> Path:  # fmt: skip
    headers = dict(world["headers"]) if server == "ours" else {}
    if body is not None:
        headers["Content-Type"] = "application/json"
    script = folder / f"{name}.lua"
    script.write_text(_lua(method, headers, body))
    return script


def _mean(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """One run as it is; a baseline's runs averaged (rates and latencies), with their spread."""
    if len(runs) == 1:
        return runs[0]
    rates = [run["rps"] for run in runs]
    return {
        "rps": round(sum(rates) / len(rates), 1),
        "p50_ms": round(sum(run["p50_ms"] for run in runs) / len(runs), 2),
        "p99_ms": round(sum(run["p99_ms"] for run in runs) / len(runs), 2),
        "failed": sum(run["failed"] for run in runs),
        "runs": len(runs),
        "rps_range": [min(rates), max(rates)],
    }


def _profiled(
    world: dict[str, Any], url: str, seconds: float, script: Path, folder: Path
) -> dict[str, Any]:
    """A second run of the same load with py-spy sampling the API process (sampling slows it,
    so the measured rates come from the first run)."""
    output = folder / script.stem
    with api_profile.sampling(world["pid"], output, seconds):
        run_wrk(url, seconds, script, warm=False)
    if KEEP_PROFILES is not None:
        KEEP_PROFILES.mkdir(parents=True, exist_ok=True)
        shutil.copy(output, KEEP_PROFILES / f"{world['database']}-{output.name}.txt")
    return api_profile.summarise(output.read_text())


def judge(kind: str, rows: dict[str, Any]) -> dict[str, Any]:
    """Each Stakazo row's ratio to its baseline and whether the issue's target is met."""
    targets = TARGETS[kind]
    for name, row in rows.items():
        if name.startswith("bare_"):
            continue
        row["baseline"] = _baseline_of(name)
        row["ratio"] = round(row["rps"] / row["baseline_rps"], 3)
        if name == "health":
            row["target"] = f">= {targets['health_share']:.0%} of bare_none"
            row["met"] = row["ratio"] >= targets["health_share"]
        elif name in LISTS:
            bound = targets["list_p99_ms"]
            row["target"] = f">= {targets['list_share']:.0%} of bare_query" + (
                f", p99 <= {bound:g} ms" if bound else ""
            )
            row["met"] = row["ratio"] >= targets["list_share"] and (
                bound is None or row.get("p99_ms", bound + 1) <= bound
            )
        if row["failed"]:
            row["met"] = False
    return {"database": kind, "rows": rows}


def print_table(result: dict[str, Any]) -> None:
    print(f"\n{result['database']} — {CONNECTIONS} connections, one API process")
    print(f"{'endpoint':<14} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'ratio':>7}  target")
    for name, row in result["rows"].items():
        ratio = f"{row['ratio']:.2f}" if "ratio" in row else "—"
        target = ""
        if "runs" in row:
            low, high = row["rps_range"]
            target = f"(mean of {row['runs']} runs, {low:.0f} to {high:.0f})"
        elif "met" in row:
            target = f"{row['target']}: {'met' if row['met'] else 'NOT met'}"
        elif "baseline" in row:
            target = f"(to {row['baseline']} at {row['baseline_rps']:.0f})"
        if row["failed"]:
            target += f"  {row['failed']} failed responses"
        print(
            f"{name:<14} {row['rps']:>9.1f} {row.get('p50_ms', 0):>8.2f} "
            f"{row.get('p99_ms', 0):>8.2f} {ratio:>7}  {target}"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", choices=("postgresql", "sqlite"))
    parser.add_argument("--duration", type=float, default=10.0, help="seconds per endpoint")
    parser.add_argument("--no-save", action="store_true", help="print only")
    parser.add_argument(
        "--profile", action="store_true", help="also sample each Stakazo endpoint with py-spy"
    )
    parser.add_argument(
        "--keep-profiles", type=Path, help="keep py-spy's collapsed stacks in this folder"
    )
    args = parser.parse_args(argv)
    if shutil.which("wrk") is None:
        print("bench/api.py needs wrk: apt-get install wrk", file=sys.stderr)
        return 2
    global KEEP_PROFILES
    KEEP_PROFILES = args.keep_profiles
    kinds = [args.only] if args.only else ["postgresql", "sqlite"]
    bar = ProgressBar()
    results = {}
    for index, kind in enumerate(kinds):
        share = (index / len(kinds), (index + 1) / len(kinds))
        results[kind] = measure(kind, args.duration, bar, share, args.profile)
    bar.done()
    for result in results.values():
        print_table(result)
        for name, row in result["rows"].items():
            if "profile" in row:
                api_profile.print_summary(f"{result['database']} {name}", row["profile"])
    if not args.no_save:
        previous = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
        RESULTS.write_text(
            json.dumps(
                {
                    **previous,
                    **results,
                    "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
                    "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
                    "seconds_per_endpoint": args.duration,
                    "connections": CONNECTIONS,
                },
                indent=2,
            )
            + "\n"
        )
        print(f"\nwritten: {RESULTS.relative_to(ROOT)}")
    met = all(row.get("met", True) for r in results.values() for row in r["rows"].values())
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
