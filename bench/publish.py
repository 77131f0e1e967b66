"""Publishing under failure, side by side with a naive publisher.

1,000 publications (``--count``) across the three sandbox platforms while about 20% of platform
calls fail transiently (503s, 429s with Retry-After, connections dropped mid-request, and calls
that succeed but whose response is lost). Stakazo runs as in production — API with the sandbox
mounted, a Celery worker, beat — on SQLite and the filesystem broker, or on PostgreSQL + Redis
(``STAKAZO_BENCH_DATABASE_URL`` / ``STAKAZO_BENCH_REDIS_URL``).

The baseline is what many schedulers do: on any error, start the upload over (same clients, same
sandbox, same faults, same concurrency, same bounded jittered retries), without asking the
platform what became of the previous try.

Prints publications/s, p50/p99 time to published, duplicates (posts beyond one per publication,
counted on the platforms) and lost publications (not published), for both; writes
``bench/results/publish.json``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import signal
import sys
import tempfile
import time
from collections import Counter
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from backend.accounts.crypto import TokenCipher
from backend.config import Settings
from backend.logging import configure_logging
from backend.platforms import registry
from backend.platforms.base import Credentials, MediaFile, PlatformError, PostSpec
from core.retry import backoff_seconds
from tests.e2e.publishing_stack import publishing_stack
from tests.factories import POST_CHOICES
from tests.publishing.support import VARIANT_SECONDS, make_compliant_video

RESULTS = Path(__file__).resolve().parent / "results" / "publish.json"
PLATFORMS = ("instagram", "tiktok", "youtube")
ACCOUNTS_PER_PLATFORM = 5
BATCH = 30  # accounts per /confirm_publish call (one publication each)
# Independent dice per call, in this order: 1 - 0.9 * 0.96**3 ≈ 20.4% of calls fail.
FAULTS = [
    {"fault": "error", "status": 503, "probability": 0.10},
    {"fault": "rate_limit", "retry_after": 1, "probability": 0.04},
    {"fault": "drop", "probability": 0.04},
    {"fault": "lost_response", "probability": 0.04},
]
NAIVE_ATTEMPTS = 8


@dataclass
class Result:
    name: str
    publications: int
    published: int
    lost: int
    duplicates: int
    seconds: float
    per_second: float
    p50_seconds: float
    p99_seconds: float


def _percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _unlimited(stack: Any) -> None:
    """Quotas and per-minute limits out of the way: this measures failure handling."""
    for name in PLATFORMS:
        config = stack.sandbox("GET", f"/{name}/_sandbox/config").json()
        raised: dict[str, Any] = {}
        for key, value in config.items():
            if not any(word in key for word in ("per_minute", "cap", "quota", "limit", "total")):
                continue
            if isinstance(value, dict):
                raised[key] = dict.fromkeys(value, 1000000)
            elif isinstance(value, int) and not isinstance(value, bool):
                raised[key] = 1_000_000
        stack.sandbox("PUT", f"/{name}/_sandbox/config", json=raised)


def _posts_by_caption(stack: Any) -> Counter[tuple[str, str]]:
    stats = stack.sandbox("GET", "/_control/stats").json()
    return Counter((name, post["caption"]) for name in PLATFORMS for post in stats[name]["posts"])


def _all_publications(stack: Any) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    url = "/v1/publications?limit=200"
    while True:
        page = stack.api.get(url).json()
        items += page["items"]
        if page["next_cursor"] is None:
            return items
        url = f"/v1/publications?limit=200&cursor={page['next_cursor']}"


def _progress(done: int, total: int, started: float) -> None:
    width = 30
    filled = int(width * done / max(total, 1))
    sys.stdout.write(
        f"\r  [{'#' * filled}{'.' * (width - filled)}] {done}/{total}"
        f"  {time.monotonic() - started:5.0f} s"
    )
    sys.stdout.flush()


def run_engine(
    stack: Any, clip_id: str, accounts: list[dict[str, Any]], count: int, timeout: float
) -> Result:
    targets = [accounts[i % len(accounts)] for i in range(count)]
    started = time.monotonic()
    for first in range(0, count, BATCH):
        for offset, account in enumerate(targets[first : first + BATCH]):
            stack.publish(clip_id, [account], f"engine {first + offset}")
    print(f"  {count} publications approved in {time.monotonic() - started:.0f} s; publishing")
    stack.faults(*FAULTS)
    while True:
        items = _all_publications(stack)
        final = [p for p in items if p["state"] in ("published", "failed", "cancelled")]
        _progress(len(final), count, started)
        if len(final) == count or time.monotonic() - started > timeout:
            break
        time.sleep(2)
    print()
    stack.faults()
    elapsed = time.monotonic() - started
    posts = _posts_by_caption(stack)
    published = [p for p in items if p["state"] == "published"]
    latencies = [
        (
            datetime.fromisoformat(p["published_at"]) - datetime.fromisoformat(p["approved_at"])
        ).total_seconds()
        for p in published
    ]
    duplicates = sum(max(0, posts[(p["platform"], p["caption"])] - 1) for p in items)
    lost = count - sum(1 for p in published if posts[(p["platform"], p["caption"])] >= 1)
    return Result("stakazo engine", count, len(published), lost, duplicates, elapsed,
                  len(published) / elapsed, _percentile(latencies, 0.5),
                  _percentile(latencies, 0.99))  # fmt: skip


async def _naive_one(
    settings: Settings, name: str, creds: Credentials, media: MediaFile, caption: str
) -> bool:
    publisher = registry.plugin(name).publisher(settings)
    post = PostSpec(caption=caption, title=caption, options=dict(POST_CHOICES.get(name, {})))
    for attempt in range(NAIVE_ATTEMPTS):
        try:
            ticket = await publisher.begin(creds, media, post)
            state = await publisher.upload(creds, ticket, media, offset=0)
            deadline = time.monotonic() + 60
            while state.phase == "processing" and time.monotonic() < deadline:
                await asyncio.sleep(0.5)
                state = await publisher.status(creds, ticket)
            if state.phase == "ready":
                state = await publisher.publish(creds, ticket, post)
            if state.phase == "published":
                return True
        except PlatformError as error:
            await asyncio.sleep(
                backoff_seconds(attempt, base=2.0, cap=300.0, retry_after=error.retry_after_seconds)
            )
    return False


async def _naive(
    settings: Settings, jobs: list[tuple[str, Credentials, str]], media: MediaFile, workers: int
) -> list[float | None]:
    gate = asyncio.Semaphore(workers)

    started, done = time.monotonic(), 0

    async def one(job: tuple[str, Credentials, str]) -> float | None:
        nonlocal done
        async with gate:
            published = await _naive_one(settings, job[0], job[1], media, job[2])
        done += 1
        _progress(done, len(jobs), started)
        # From the moment every job was handed over, as the engine's from approval: time in the
        # queue counts for both.
        return time.monotonic() - started if published else None

    return list(await asyncio.gather(*(one(job) for job in jobs)))


def run_naive(
    stack: Any,
    settings: Settings,
    accounts: list[dict[str, Any]],
    video: Path,
    count: int,
    workers: int,
) -> Result:
    cipher = TokenCipher(settings)
    tokens = _tokens(stack, settings)
    jobs = []
    for i in range(count):
        account = accounts[i % len(accounts)]
        creds = Credentials(cipher.decrypt(tokens[account["id"]]), account["remote_id"])
        jobs.append((account["platform"], creds, f"naive {i}"))
    media = MediaFile(
        path=video,
        size_bytes=video.stat().st_size,
        duration_seconds=float(VARIANT_SECONDS),
        width=1080,
        height=1920,
    )
    stack.faults(*FAULTS)
    started = time.monotonic()
    outcomes = asyncio.run(_naive(settings, jobs, media, workers))
    print()
    elapsed = time.monotonic() - started
    stack.faults()
    posts = _posts_by_caption(stack)
    duplicates = sum(max(0, posts[(name, caption)] - 1) for name, _, caption in jobs)
    lost = sum(1 for name, _, caption in jobs if posts[(name, caption)] == 0)
    done = [t for t in outcomes if t is not None]
    return Result("naive (start over on error)", count, len(done), lost, duplicates, elapsed,
                  len(done) / elapsed, _percentile(done, 0.5), _percentile(done, 0.99))  # fmt: skip


def _tokens(stack: Any, settings: Settings) -> dict[str, str]:
    async def read() -> dict[str, str]:
        from sqlalchemy import select

        from backend.db import create_engine, create_session_factory
        from backend.models import PlatformAccount

        engine = create_engine(stack.env["STAKAZO_DATABASE_URL"], settings)
        try:
            async with create_session_factory(engine)() as session:
                rows = await session.scalars(select(PlatformAccount))
                return {str(row.id): row.access_token_encrypted for row in rows}
        finally:
            await engine.dispose()

    return asyncio.run(read())


def main() -> int:
    configure_logging(json=False, level="WARNING")
    # A stopped run must still take its API, worker and beat down with it (the stack's cleanup).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=8, help="worker processes (and naive tasks)")
    parser.add_argument("--timeout", type=float, default=1800.0)
    parser.add_argument("--keep", help="work in this folder and keep it (logs, database)")
    parser.add_argument(
        "--naive-count",
        type=int,
        default=200,
        help="publications for the naive baseline (it is slow; rates compare at any count)",
    )
    args = parser.parse_args()

    database_url = os.environ.get("STAKAZO_BENCH_DATABASE_URL")
    redis_url = os.environ.get("STAKAZO_BENCH_REDIS_URL")
    with tempfile.TemporaryDirectory(prefix="stakazo-bench-publish-") as scratch:
        folder = Path(args.keep or scratch)
        folder.mkdir(parents=True, exist_ok=True)
        if database_url is None:
            database_url = f"sqlite+aiosqlite:///{folder / 'bench.db'}"
        _migrate(database_url)
        video = make_compliant_video(folder / "video.mp4")
        extra = {
            "STAKAZO_TIKTOK_DAILY_POST_CAP": "1000000",
            "STAKAZO_YOUTUBE_DAILY_UPLOAD_QUOTA": "1000000",
            "STAKAZO_SANDBOX_PROCESSING_SECONDS": "0.2",
            "STAKAZO_PUBLISH_STALE_AFTER_SECONDS": "30",
            "STAKAZO_PLATFORM_TIMEOUT_SECONDS": "10",
            "STAKAZO_LOG_LEVEL": "WARNING",
        }
        broker = "redis" if redis_url else "filesystem"
        with publishing_stack(
            database_url, redis_url, folder, extra_env=extra, worker_concurrency=args.workers
        ) as stack:
            _unlimited(stack)
            accounts = [
                stack.connect(name, f"bench_{name}_{i}")
                for name in PLATFORMS
                for i in range(ACCOUNTS_PER_PLATFORM)
            ]
            clip_id = stack.seed_clip(video)
            print(
                f"Stakazo engine: {args.count} publications, {len(accounts)} accounts, "
                "~20% of calls failing"
            )
            engine = run_engine(stack, clip_id, accounts, args.count, args.timeout)
            settings = Settings(_env_file=None, **_settings_from(stack.env))
            naive_count = min(args.count, args.naive_count)
            print(f"Naive publisher: {naive_count} publications, same faults")
            naive = run_naive(stack, settings, accounts, video, naive_count, args.workers)
    _report([engine, naive], args, database_url, broker)
    return 0 if engine.duplicates == 0 and engine.lost == 0 else 1


def _settings_from(env: dict[str, str]) -> dict[str, Any]:
    names = {"sandbox_url", "public_base_url", "secret_key", "platform_timeout_seconds"}
    values = {
        name: env[f"STAKAZO_{name.upper()}"] for name in names if f"STAKAZO_{name.upper()}" in env
    }
    values["sandbox_url"] = env["STAKAZO_PUBLIC_BASE_URL"] + "/sandbox"
    return values


def _migrate(database_url: str) -> None:
    import subprocess

    env = {**os.environ, "STAKAZO_DATABASE_URL": database_url}
    subprocess.run(
        [sys.executable, "-m", "backend.cli", "migrate"], env=env, check=True, capture_output=True
    )


def _report(
    results: list[Result], args: argparse.Namespace, database_url: str, broker: str
) -> None:
    engine, naive = results
    print()
    print(
        f"{'':32}{'publications/s':>16}{'p50 s':>9}{'p99 s':>9}"
        f"{'published':>11}{'duplicates':>12}{'lost':>6}"
    )
    for r in results:
        print(f"{r.name:32}{r.per_second:16.2f}{r.p50_seconds:9.2f}{r.p99_seconds:9.2f}"
              f"{r.published:11}{r.duplicates:12}{r.lost:6}")  # fmt: skip
    if naive.per_second:
        ratio = engine.per_second / naive.per_second
        print(f"\nengine / naive throughput: {ratio:.2f}x; duplicates {engine.duplicates} vs "
              f"{naive.duplicates}; lost {engine.lost} vs {naive.lost}")  # fmt: skip
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(
        json.dumps(
            {
                "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
                "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
                "database": database_url.split(":", 1)[0],
                "broker": broker,
                "count": args.count,
                "workers": args.workers,
                "faults": FAULTS,
                "results": [asdict(r) for r in results],
            },
            indent=2,
        )
        + "\n"
    )
    print(f"written to {RESULTS}")


if __name__ == "__main__":
    sys.exit(main())
