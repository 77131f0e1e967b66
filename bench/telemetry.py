"""The event stream under load: many WebSocket subscribers of one API process receiving 1 Hz
telemetry snapshots (and job events) from a worker, side by side with a bare broadcast server.

For each server (Stakazo's API on the embedded default, then the bare baseline of
bench/telemetry_bare.py, same uvicorn, same datagram socket from the workers) and each scenario:

* ``active``: N subscribers (1,000), a snapshot every second plus job progress events;
* ``idle``: M subscribers (10,000) that only get the 1 Hz snapshots;

it opens the connections from separate client processes (bench/telemetry_load.py), starts a
publisher process that sends through the same publisher a worker uses, and measures for the
window: delivery lag p50/p99 (receipt minus sending, one clock), connections held, the API
process's CPU (share of one core) and its RSS (at the end of the window, and peak).

Run: ``python -m bench.telemetry [--seconds 60] [--active 1000] [--idle 10000]``. Results go to
bench/results/telemetry.json; the table printed says which target was met.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

import httpx

from workers.clip_cli import ProgressBar

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUTPUT = ROOT / "bench" / "results" / "telemetry.json"
OPEN_TIMEOUT = 900.0
PASSWORD = "quiet-Harbour-lantern-93"  # noqa: S105 - a throwaway account on a scratch database
TARGETS = {
    "active": {"subscribers": 1000, "p99_ms": 100.0},
    "idle": {"subscribers": 10_000, "p99_ms": 250.0, "rss_mb": 300.0},
}


@dataclass
class Server:
    name: str
    process: subprocess.Popen[bytes]
    url: str
    token: str
    workspace: str


def _raise_open_files() -> None:
    _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))


def _env(folder: Path) -> dict[str, str]:
    return {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "STAKAZO_ENV": "development",
        "STAKAZO_DATA_DIR": str(folder),
        "STAKAZO_DATABASE_URL": f"sqlite+aiosqlite:///{folder / 'stakazo.db'}",
        "STAKAZO_BROKER_DIR": str(folder / "broker"),
        "STAKAZO_MEDIA_DIR": str(folder / "media"),
        "STAKAZO_EVENTS_URL": "local",
        "STAKAZO_LOG_LEVEL": "WARNING",
        "STAKAZO_ACCESS_TOKEN_TTL_SECONDS": "7200",
    }


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_healthy(base: str, process: subprocess.Popen[bytes], path: str = "/debug/health") -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with {process.returncode}")
        try:
            if httpx.get(f"{base}{path}", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)  # a server starting: nothing to wait on but its port
    raise RuntimeError("the server did not answer within 60 s")


def start_stakazo(folder: Path, log: IO[bytes]) -> Server:
    env = _env(folder)
    python = sys.executable
    subprocess.run(
        [python, "-m", "backend", "migrate"], env=env, check=True, stdout=log, stderr=log
    )
    port = _free_port()
    process = subprocess.Popen(
        [python, "-m", "backend", "api", "--port", str(port)], env=env, stdout=log, stderr=log
    )
    base = f"http://127.0.0.1:{port}"
    _wait_healthy(base, process)
    registered = httpx.post(
        f"{base}/v1/auth/register",
        json={"email": "bench@example.com", "password": PASSWORD, "workspace_name": "Bench"},
        timeout=30,
    )
    if registered.status_code != 201:
        raise RuntimeError(f"registration answered {registered.status_code}: {registered.text}")
    workspace = registered.json()["workspace"]["workspace_id"]
    signed_in = httpx.post(
        f"{base}/v1/auth/login",
        json={"email": "bench@example.com", "password": PASSWORD},
        timeout=30,
    )
    signed_in.raise_for_status()
    token = signed_in.json()["access_token"]
    return Server("stakazo", process, f"ws://127.0.0.1:{port}/v1/events", token, workspace)


def start_bare(folder: Path, log: IO[bytes]) -> Server:
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "bench.telemetry_bare", str(port), str(folder / "events.sock")],
        env=_env(folder),
        stdout=log,
        stderr=log,
    )
    _wait_healthy(f"http://127.0.0.1:{port}", process)
    workspace = "00000000-0000-4000-8000-000000000000"
    return Server("bare", process, f"ws://127.0.0.1:{port}/v1/events", "none", workspace)


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _rss_mb(pid: int) -> tuple[float, float]:
    """Resident memory now and at its peak, in MB."""
    status = dict(
        line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines()
    )
    return int(status["VmRSS"].split()[0]) / 1024, int(status["VmHWM"].split()[0]) / 1024


def run_scenario(
    server: Server,
    folder: Path,
    connections: int,
    job_events: int,
    seconds: float,
    processes: int,
    bar: ProgressBar,
) -> dict[str, Any]:
    env = _env(folder)
    share = [
        connections // processes + (1 if n < connections % processes else 0)
        for n in range(processes)
    ]
    clients = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "bench.telemetry_load",
                "subscribe",
                "--url",
                server.url,
                "--workspace",
                server.workspace,
                "--connections",
                str(count),
                "--seconds",
                str(seconds + 2),
            ],
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for count in share
    ]
    opened = 0
    for client in clients:
        assert client.stdin is not None
        client.stdin.write(server.token + "\n")
        client.stdin.flush()
    open_started = time.monotonic()
    for client in clients:
        assert client.stdout is not None
        line = client.stdout.readline()
        if not line:
            raise RuntimeError("a subscriber process ended before opening its connections")
        opened += int(json.loads(line)["open"])
    open_seconds = time.monotonic() - open_started
    pid = server.process.pid
    cpu_before = _cpu_seconds(pid)
    window_started = time.monotonic()
    for client in clients:
        assert client.stdin is not None
        client.stdin.write("go\n")
        client.stdin.flush()
    publisher = subprocess.Popen(
        [sys.executable, "-m", "bench.telemetry_load", "publish", "--data-dir", str(folder),
         "--workspace", server.workspace, "--seconds", str(seconds),
         "--job-events", str(job_events)],
        env=env, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    while publisher.poll() is None:
        bar.update(min(1.0, (time.monotonic() - window_started) / seconds))
        time.sleep(0.5)  # redrawing the bar while the window runs
    cpu = (_cpu_seconds(pid) - cpu_before) / (time.monotonic() - window_started)
    rss, peak = _rss_mb(pid)
    assert publisher.stdout is not None
    sent = json.loads(publisher.stdout.read() or "{}").get("sent", 0)
    lags: list[float] = []
    counts: dict[str, int] = {}
    for client in clients:
        out, _ = client.communicate(timeout=120)
        report = json.loads(out.strip().splitlines()[-1])
        lags += report["lags"]
        for key, value in report["counts"].items():
            counts[key] = counts.get(key, 0) + value
    lags_ms = sorted(lag * 1000 for lag in lags)
    quantiles = statistics.quantiles(lags_ms, n=100) if len(lags_ms) > 1 else [float("nan")] * 99
    return {
        "subscribers": connections,
        "held": opened,
        "open_seconds": round(open_seconds, 1),
        "events_sent": sent,
        "deliveries": len(lags_ms),
        "expected_deliveries": sent * opened,
        "dropped": counts.get("dropped", 0),
        "lag_p50_ms": round(quantiles[49], 1),
        "lag_p99_ms": round(quantiles[98], 1),
        "lag_max_ms": round(lags_ms[-1], 1) if lags_ms else None,
        "api_cpu_share": round(cpu, 3),
        "api_rss_mb": round(rss, 1),
        "api_peak_rss_mb": round(peak, 1),
        "counts": counts,
    }


def _stop(server: Server) -> None:
    server.process.terminate()
    try:
        server.process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.process.kill()
        server.process.wait()


def measure_streams(args: argparse.Namespace, bar: ProgressBar) -> dict[str, Any]:
    results: dict[str, Any] = {}
    scenarios = {"active": (args.active, args.job_events), "idle": (args.idle, 0)}
    for name, starter in (("stakazo", start_stakazo), ("bare", start_bare)):
        results[name] = {}
        for scenario, (connections, job_events) in scenarios.items():
            with tempfile.TemporaryDirectory(prefix="stakazo-bench-") as scratch:
                folder = Path(scratch)
                with (folder / "server.log").open("wb") as log:
                    server = starter(folder, log)
                    bar.stage(f"{name}: {scenario}, {connections} subscribers")
                    try:
                        results[name][scenario] = run_scenario(
                            server,
                            folder,
                            connections,
                            job_events,
                            args.seconds,
                            args.processes,
                            bar,
                        )
                    finally:
                        _stop(server)
    return results


def _ratio(ours: float | None, floor: float | None) -> float | None:
    return round(ours / floor, 2) if ours is not None and floor else None


def verdicts(streams: dict[str, Any]) -> dict[str, Any]:
    ours, bare = streams["stakazo"], streams["bare"]
    active, idle = ours["active"], ours["idle"]
    want_active, want_idle = TARGETS["active"], TARGETS["idle"]
    return {
        "active_p99": {
            "target": f"{want_active['subscribers']} subscribers, "
            f"p99 <= {want_active['p99_ms']} ms",
            "measured": f"{active['held']} held, p99 {active['lag_p99_ms']} ms",
            "met": active["held"] >= want_active["subscribers"]
            and active["lag_p99_ms"] <= want_active["p99_ms"],
            "ratio_to_bare": _ratio(active["lag_p99_ms"], bare["active"]["lag_p99_ms"]),
        },
        "idle_held": {
            "target": f"{want_idle['subscribers']} idle subscribers in <= {want_idle['rss_mb']} "
            f"MB, p99 <= {want_idle['p99_ms']} ms",
            "measured": f"{idle['held']} held, {idle['api_peak_rss_mb']} MB peak, "
            f"p99 {idle['lag_p99_ms']} ms",
            "met": idle["held"] >= want_idle["subscribers"]
            and idle["api_peak_rss_mb"] <= want_idle["rss_mb"]
            and idle["lag_p99_ms"] <= want_idle["p99_ms"],
            "ratio_to_bare": _ratio(idle["api_peak_rss_mb"], bare["idle"]["api_peak_rss_mb"]),
        },
    }


COLUMNS = (
    ("held", 6),
    ("deliveries", 10),
    ("expected_deliveries", 10),
    ("lag_p50_ms", 8),
    ("lag_p99_ms", 8),
    ("api_cpu_share", 6),
    ("api_rss_mb", 7),
    ("api_peak_rss_mb", 7),
    ("dropped", 7),
)
HEADINGS = ("held", "received", "expected", "p50 ms", "p99 ms", "CPU", "RSS MB", "peak", "dropped")


def print_table(streams: dict[str, Any], verdict: dict[str, Any]) -> None:
    widths = [width for _, width in COLUMNS]
    print(
        f"{'server':<8} {'scenario':<8} "
        + " ".join(f"{h:>{w}}" for h, w in zip(HEADINGS, widths, strict=True))
    )
    for name, scenarios in streams.items():
        for scenario, row in scenarios.items():
            cells = " ".join(f"{row[key]!s:>{width}}" for key, width in COLUMNS)
            print(f"{name:<8} {scenario:<8} {cells}")
    print()
    for name, row in verdict.items():
        mark = "met" if row["met"] else "NOT met"
        ratio = row.get("ratio_to_bare")
        extra = f" ({ratio}x the bare server)" if ratio is not None else ""
        print(f"{name}: {row['target']}: {row['measured']}{extra}: {mark}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--active", type=int, default=TARGETS["active"]["subscribers"])
    parser.add_argument("--idle", type=int, default=TARGETS["idle"]["subscribers"])
    parser.add_argument("--job-events", type=int, default=4, help="job events per second (active)")
    parser.add_argument("--processes", type=int, default=2, help="subscriber client processes")
    parser.add_argument("--only", choices=["streams", "endpoints"])
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args()
    _raise_open_files()
    bar = ProgressBar()
    report: dict[str, Any] = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {
            "platform": platform.platform(),
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
        },
        "settings": {
            "seconds": args.seconds,
            "job_events_per_second": args.job_events,
            "client_processes": args.processes,
        },
    }
    if args.only in (None, "streams"):
        streams = measure_streams(args, bar)
        bar.done()
        report["streams"] = streams
        report["targets"] = verdicts(streams)
        print_table(streams, report["targets"])
    if args.only in (None, "endpoints"):
        from bench.telemetry_http import measure_endpoints, print_endpoints

        report["endpoints"] = measure_endpoints(bar)
        bar.done()
        print_endpoints(report["endpoints"])
    if args.only is None:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(json.dumps(report, indent=1) + "\n")
        print(f"written to {args.output}")


if __name__ == "__main__":
    main()
