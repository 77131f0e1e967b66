"""The two load processes of bench/telemetry.py: subscribers that hold WebSocket connections
and time what they receive, and a publisher that plays a worker sending events.

Both run as their own processes (``python -m bench.telemetry_load subscribe|publish ...``), so
the API process measured is the only one serving, and the clients' CPU is not the API's. Each
event's ``data.sent_at`` is the publisher's wall clock when it sent it; a subscriber's lag is
its wall clock on receipt minus that (one machine, one clock).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import time
import uuid
from typing import Any

import websockets

# Connections opened at once: the API checks each one's token and membership on connect.
CONNECT_CONCURRENCY = 100
CONNECT_TIMEOUT = 60.0


class Holders:
    """What the connections of this process share: counters, lags, and two moments (every
    connection has opened or failed; the window is over)."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.lags: list[float] = []
        self.counts = {"connected": 0, "failed": 0, "refused": 0, "dropped": 0, "events": 0}
        self.ready = asyncio.Semaphore(CONNECT_CONCURRENCY)
        self.settled, self.stop = asyncio.Event(), asyncio.Event()

    def count(self, key: str) -> None:
        self.counts[key] = self.counts.get(key, 0) + 1
        if key in ("connected", "failed", "refused"):
            opened = self.counts["connected"] + self.counts["failed"] + self.counts["refused"]
            if opened >= self.total:
                self.settled.set()


async def _hold(url: str, headers: dict[str, str], holders: Holders) -> None:
    async with holders.ready:
        try:
            socket = await websockets.connect(
                url, additional_headers=headers, open_timeout=CONNECT_TIMEOUT, max_queue=None
            )
            first = json.loads(await asyncio.wait_for(socket.recv(), CONNECT_TIMEOUT))
        except (OSError, TimeoutError, websockets.WebSocketException) as error:
            holders.counts[f"error.{type(error).__name__}"] = 1 + holders.counts.get(
                f"error.{type(error).__name__}", 0
            )
            holders.count("failed")
            return
    if first.get("type") != "subscribed":
        holders.count("refused")
        await socket.close()
        return
    holders.count("connected")
    try:
        while not holders.stop.is_set():
            try:
                raw = await asyncio.wait_for(socket.recv(), 1.0)
            except TimeoutError:
                continue
            received = time.time()
            sent_at = (json.loads(raw).get("data") or {}).get("sent_at")
            if sent_at is not None:
                holders.lags.append(received - float(sent_at))
                holders.count("events")
    except websockets.ConnectionClosed as closed:
        holders.count("dropped")
        holders.count(f"closed.{closed.code}")
    finally:
        await socket.close()


async def subscribe(url: str, token: str, workspace: str, connections: int, seconds: float) -> None:
    """Open ``connections`` subscriptions, say so on stdout, keep them ``seconds`` after the
    driver says "go", then print one JSON line of what was received."""
    headers = {"Authorization": f"Bearer {token}", "X-Workspace-Id": workspace}
    holders = Holders(connections)
    tasks = [asyncio.create_task(_hold(url, headers, holders)) for _ in range(connections)]
    started = time.monotonic()
    await holders.settled.wait()
    opened = holders.counts["connected"]
    print(json.dumps({"open": opened, "seconds": time.monotonic() - started}))
    sys.stdout.flush()
    # The driver says "go" once every subscriber process is open: only what arrives from then
    # on counts (the publisher starts at the same moment).
    await asyncio.get_running_loop().run_in_executor(None, sys.stdin.readline)
    holders.lags.clear()
    holders.counts["events"] = 0
    await asyncio.sleep(seconds)
    holders.stop.set()
    await asyncio.gather(*tasks, return_exceptions=True)
    print(json.dumps({"counts": holders.counts, "lags": holders.lags}))


def _snapshot_payload(workspace: str) -> dict[str, Any]:
    """About the size of a real workspace snapshot's metrics (the event's data)."""
    metrics = {f"queue.{name}.depth": 0.0 for name in ("media", "publish", "ai", "default")}
    metrics.update({f"jobs.{state}": 3.0 for state in ("queued", "running", "succeeded", "failed")})
    metrics.update({f"publications.{s}": 2.0 for s in ("scheduled", "published", "failed")})
    metrics.update({"jobs.failure_rate.5m": 0.05, "workers.alive": 2.0, "disk.free_ratio": 0.6})
    return {"workspace_id": workspace, "metrics": metrics}


def publish(settings_dir: str, workspace: str, seconds: float, job_events: int) -> None:
    """Send, through the same publisher a worker uses, a snapshot every second and
    ``job_events`` job progress events in between, for ``seconds``."""
    os.environ["STAKAZO_DATA_DIR"] = settings_dir
    from backend.config import get_settings
    from backend.events.bus import worker_publisher
    from backend.events.recorder import DomainEvent

    send = worker_publisher(get_settings())
    workspace_id = uuid.UUID(workspace)
    job_id = uuid.uuid4()
    snapshot = _snapshot_payload(workspace)
    sent = 0
    deadline = time.monotonic() + seconds
    tick = time.monotonic()
    while tick < deadline:
        send(
            [
                DomainEvent(
                    workspace_id, "telemetry.snapshot", None, {**snapshot, "sent_at": time.time()}
                )
            ]
        )
        sent += 1
        for step in range(job_events):
            time.sleep(1.0 / (job_events + 1))
            data = {
                "job_type": "media.process",
                "state": "running",
                "progress": step,
                "sent_at": time.time(),
            }
            send([DomainEvent(workspace_id, "job.progress", job_id, data)])
            sent += 1
        tick += 1.0
        time.sleep(max(0.0, tick - time.monotonic()))
    print(json.dumps({"sent": sent}))


def main() -> None:
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="role", required=True)
    sub_a = sub.add_parser("subscribe")
    sub_a.add_argument("--url", required=True)
    sub_a.add_argument("--workspace", required=True)
    sub_a.add_argument("--connections", type=int, required=True)
    sub_a.add_argument("--seconds", type=float, required=True)
    pub = sub.add_parser("publish")
    pub.add_argument("--data-dir", required=True)
    pub.add_argument("--workspace", required=True)
    pub.add_argument("--seconds", type=float, required=True)
    pub.add_argument("--job-events", type=int, default=0)
    args = parser.parse_args()
    if args.role == "subscribe":
        token = sys.stdin.readline().strip()  # never on the command line, where ps shows it
        asyncio.run(subscribe(args.url, token, args.workspace, args.connections, args.seconds))
    else:
        publish(args.data_dir, args.workspace, args.seconds, args.job_events)


if __name__ == "__main__":
    main()
