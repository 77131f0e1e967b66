"""Production's transport: one bounded Redis stream carries every process's events.

Writers XADD from a background thread (a commit never waits on Redis); each API process reads
the stream with a blocking XREAD from the last id it saw, so a dropped connection resumes where
it stopped; a reconnecting subscriber's replay is an XRANGE of the same stream (ADR 0003).
"""

from __future__ import annotations

import asyncio
import os
import queue
import random
import threading
import time
from collections.abc import Callable, Sequence
from typing import Any

import redis
import redis.asyncio as aioredis
import structlog

from backend.events.recorder import DomainEvent
from backend.events.wire import Envelope, Outgoing, encode, envelope, parse_id

log = structlog.get_logger(__name__)

TIMEOUT_SECONDS = 2.0
WRITE_ATTEMPTS = 3
BATCH = 500
PENDING_LIMIT = 10_000
BLOCK_MILLISECONDS = 5_000


def _pause(attempt: int, cap: float) -> float:
    return float(min(cap, 0.1 * 2 ** min(attempt, 10)) * random.uniform(0.5, 1.0))  # noqa: S311 - jitter


class RedisWriter:
    """The publisher of every process on Redis; its thread is started in the process using it."""

    def __init__(self, url: str, key: str, seconds: float, max_length: int) -> None:
        self.url, self.key, self.window_ms, self.max_length = (
            url,
            key,
            int(seconds * 1000),
            max_length,
        )
        self._pending: queue.Queue[Outgoing] = queue.Queue(PENDING_LIMIT)
        self._pid = 0
        self._lock = threading.Lock()

    def _ensure_thread(self) -> None:
        # Per process: a forked worker child inherits the object but not the parent's thread.
        with self._lock:
            if self._pid != os.getpid():
                self._pid = os.getpid()
                self._pending = queue.Queue(PENDING_LIMIT)
                threading.Thread(target=self._run, name="events-writer", daemon=True).start()

    def __call__(self, events: Sequence[DomainEvent]) -> None:
        self._ensure_thread()
        for event in events:
            try:
                self._pending.put_nowait(encode(event))
            except queue.Full:
                log.warning("events.dropped", type=event.type, reason="writer_backlog")

    def flush(self, timeout: float) -> bool:
        """Wait until everything handed over so far is written (or given up); for shutdown."""
        deadline = time.monotonic() + timeout
        while self._pending.unfinished_tasks and time.monotonic() < deadline:
            time.sleep(0.01)
        return not self._pending.unfinished_tasks

    def _run(self) -> None:
        client = redis.Redis.from_url(
            self.url, socket_timeout=TIMEOUT_SECONDS, socket_connect_timeout=TIMEOUT_SECONDS
        )
        pending = self._pending
        while True:
            batch = [pending.get()]
            while len(batch) < BATCH and not pending.empty():
                batch.append(pending.get_nowait())
            self._write(client, batch)
            for _ in batch:
                pending.task_done()

    def _write(self, client: redis.Redis, batch: list[Outgoing]) -> None:
        """Until it is written: a Redis restart must delay events, not lose them. Meanwhile new
        events wait in the bounded queue, and past its limit the newest are dropped (logged)."""
        attempt = 0
        while True:
            try:
                pipe = client.pipeline(transaction=False)
                oldest = int(time.time() * 1000) - self.window_ms
                for item in batch:
                    fields = {"w": item.workspace, "t": item.type, "b": item.body}
                    pipe.xadd(self.key, fields, minid=str(oldest), approximate=True)  # type: ignore[arg-type]
                pipe.xtrim(self.key, maxlen=self.max_length, approximate=True)
                pipe.execute()
                return
            except redis.RedisError as error:
                attempt += 1
                if attempt == WRITE_ATTEMPTS:
                    log.error("events.write_failing", count=len(batch), error=str(error))
                time.sleep(_pause(attempt, 5.0))


def _envelope(entry_id: str, fields: dict[str, str]) -> Envelope | None:
    position = parse_id(entry_id)
    if position is None or "b" not in fields:
        return None
    return envelope(position, Outgoing(fields.get("w", ""), fields.get("t", ""), fields["b"]))


def _complete_after(position: tuple[int, int], info: dict[str, Any]) -> bool:
    """Whether every entry after ``position`` is still in the stream (XINFO STREAM's view)."""
    newest = parse_id(str(info["last-generated-id"])) or (0, 0)
    if position > newest:
        return False  # never issued by this stream
    # XDEL'd entries (Redis 7 remembers the newest); trimming only ever removes the oldest.
    if position < (parse_id(str(info.get("max-deleted-entry-id") or "")) or (0, 0)):
        return False
    if int(info.get("entries-added") or 0) <= int(info.get("length") or 0):
        return True  # nothing was trimmed
    first = info.get("first-entry")
    oldest_kept = (parse_id(str(first[0])) if first else None) or newest
    # Whether the entry just before the oldest kept was this one cannot be told: resync.
    return position >= oldest_kept


class RedisStream:
    """The API's reader of the stream (live) and its replay."""

    def __init__(self, url: str, key: str, max_length: int) -> None:
        self.key, self.max_length = key, max_length
        self._reader = aioredis.Redis.from_url(
            url,
            decode_responses=True,
            socket_timeout=BLOCK_MILLISECONDS / 1000 + TIMEOUT_SECONDS,
            socket_connect_timeout=TIMEOUT_SECONDS,
        )
        self._client = aioredis.Redis.from_url(
            url,
            decode_responses=True,
            socket_timeout=TIMEOUT_SECONDS,
            socket_connect_timeout=TIMEOUT_SECONDS,
        )

    async def head(self) -> tuple[int, int]:
        """The id of the newest event written so far; the API reads on from there."""
        try:
            info: dict[str, Any] = await self._client.xinfo_stream(self.key)
        except redis.ResponseError:  # no stream yet
            return (0, 0)
        except redis.RedisError as error:
            # Redis is away: the API starts anyway and streams what is written from now on.
            log.warning("events.head_unknown", error=str(error))
            return (int(time.time() * 1000), 0)
        return parse_id(str(info["last-generated-id"])) or (0, 0)

    async def run(self, head: tuple[int, int], deliver: Callable[[Envelope], None]) -> None:
        last, failures = f"{head[0]}-{head[1]}", 0
        while True:
            try:
                answer: Any = await self._reader.xread(
                    {self.key: last}, block=BLOCK_MILLISECONDS, count=BATCH
                )
            except redis.RedisError as error:
                log.warning("events.read_failed", error=str(error), failures=failures + 1)
                await asyncio.sleep(_pause(failures, 5.0))
                failures += 1
                continue
            failures = 0
            for _, entries in answer or ():
                for entry_id, fields in entries:
                    last = entry_id
                    item = _envelope(entry_id, fields)
                    if item is not None:
                        deliver(item)

    async def since(self, last_id: str) -> list[Envelope] | None:
        position = parse_id(last_id)
        if position is None:
            return None
        try:
            pipe = self._client.pipeline(transaction=True)
            pipe.xinfo_stream(self.key)
            pipe.xrange(self.key, min="(" + last_id, max="+", count=self.max_length)
            info, entries = await pipe.execute()
        except redis.ResponseError:  # no stream: Redis lost it, or it never existed
            return None
        if not _complete_after(position, info):
            return None
        found = (_envelope(entry_id, fields) for entry_id, fields in entries)
        return [item for item in found if item is not None]

    async def close(self) -> None:
        await self._reader.aclose()
        await self._client.aclose()
