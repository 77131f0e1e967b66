"""Runs the API, worker and beat as child processes with prefixed, interleaved logs.

Children get their own process group so that Ctrl-C reaches only the supervisor, which then stops
them in order (SIGTERM, a grace period, SIGKILL). A child that dies is started again after an
exponential backoff; one that keeps dying (too many exits in a short window) stops everything,
since restarting it would only hide a fault that needs a person.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from types import FrameType
from typing import IO

GRACE_SECONDS = 20.0


@dataclass(frozen=True)
class RestartPolicy:
    """Backoff ``base * 2^(n-1)`` capped at ``cap`` for the n-th exit within ``window``; the
    ``give_up_after``-th exit within ``window`` stops everything."""

    base_seconds: float = 1.0
    cap_seconds: float = 30.0
    give_up_after: int = 5
    window_seconds: float = 120.0

    def delay(self, recent_exits: int) -> float:
        return float(min(self.cap_seconds, self.base_seconds * 2 ** max(0, recent_exits - 1)))


def child_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "backend.cli", *args]


@dataclass
class _Child:
    name: str
    argv: list[str]
    process: subprocess.Popen[bytes] | None = None
    pump: threading.Thread | None = field(default=None)
    exits: deque[float] = field(default_factory=deque)
    restart_at: float | None = None


class Supervisor:
    def __init__(self, out: IO[str] | None = None, policy: RestartPolicy | None = None) -> None:
        self.children: list[_Child] = []
        self.out = out or sys.stdout
        self.policy = policy or RestartPolicy()
        self.stopping = threading.Event()
        self.lock = threading.Lock()
        self.width = len("stakazo")

    def add(self, name: str, argv: list[str]) -> None:
        self.children.append(_Child(name, argv))
        self.width = max(self.width, len(name))

    def _write(self, name: str, line: bytes) -> None:
        text = line.decode("utf-8", errors="replace").rstrip("\n")
        with self.lock:
            self.out.write(f"[{name.ljust(self.width)}] {text}\n")
            self.out.flush()

    def _say(self, event: str, **fields: object) -> None:
        described = " ".join(f"{key}={value}" for key, value in fields.items())
        self._write("stakazo", f"{event} {described}".rstrip().encode())

    def _pump(self, process: subprocess.Popen[bytes], name: str) -> None:
        assert process.stdout is not None
        for line in iter(process.stdout.readline, b""):
            self._write(name, line)

    def _start(self, child: _Child) -> None:
        child.process = subprocess.Popen(  # noqa: S603 - our own interpreter and module
            child.argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True
        )
        child.pump = threading.Thread(
            target=self._pump, args=(child.process, child.name), daemon=True
        )
        child.pump.start()
        child.restart_at = None
        self._say("supervisor.child_started", child=child.name, pid=child.process.pid)

    def _on_signal(self, signum: int, _: FrameType | None) -> None:
        self._write("stakazo", f"received {signal.Signals(signum).name}, stopping…".encode())
        self.stopping.set()

    def _running(self) -> list[_Child]:
        return [c for c in self.children if c.process and c.process.poll() is None]

    def stop(self) -> None:
        running = self._running()
        for child in reversed(running):
            assert child.process is not None
            child.process.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + GRACE_SECONDS
        for child in running:
            assert child.process is not None
            try:
                child.process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                self._write("stakazo", f"{child.name} did not stop in time; killing it".encode())
                child.process.kill()
                child.process.wait()
        for child in self.children:
            if child.pump is not None:
                child.pump.join(timeout=2)

    def _on_exit(self, child: _Child, code: int) -> int | None:
        """Schedule the restart of a child that exited; its exit code when it is time to stop."""
        assert child.process is not None
        # What the dead child started (a worker's pool processes, ffmpeg) must not outlive it.
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(child.process.pid, signal.SIGKILL)
        if child.pump is not None:
            child.pump.join(timeout=2)
        now = time.monotonic()
        child.exits.append(now)
        while child.exits and child.exits[0] < now - self.policy.window_seconds:
            child.exits.popleft()
        self._say("supervisor.child_exited", child=child.name, exit_code=code)
        if len(child.exits) >= self.policy.give_up_after:
            self._say(
                "supervisor.giving_up",
                child=child.name,
                exits=len(child.exits),
                within_seconds=round(self.policy.window_seconds),
                message=f"'{child.name}' keeps exiting; stopping everything. Read its log above.",
            )
            return code or 1
        delay = self.policy.delay(len(child.exits))
        child.restart_at = now + delay
        self._say("supervisor.child_restarting", child=child.name, in_seconds=round(delay, 1))
        return None

    def _watch(self) -> int:
        while not self.stopping.wait(0.2):
            for child in self.children:
                assert child.process is not None
                if child.restart_at is not None:
                    if time.monotonic() >= child.restart_at:
                        self._start(child)
                    continue
                code = child.process.poll()
                if code is not None:
                    stop_with = self._on_exit(child, code)
                    if stop_with is not None:
                        return stop_with
        return 0

    def run(self) -> int:
        previous = {
            sig: signal.signal(sig, self._on_signal) for sig in (signal.SIGINT, signal.SIGTERM)
        }
        try:
            for child in self.children:
                self._start(child)
            return self._watch()
        finally:
            self.stop()
            for sig, handler in previous.items():
                signal.signal(sig, handler)
