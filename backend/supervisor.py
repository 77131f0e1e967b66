"""Runs the API, worker and beat as child processes with prefixed, interleaved logs.

Children get their own process group so that Ctrl-C reaches only the supervisor, which then stops
them in order (SIGTERM, a grace period, SIGKILL). If one child dies, the others are stopped too.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from types import FrameType
from typing import IO

GRACE_SECONDS = 20.0


def child_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "backend.cli", *args]


@dataclass
class _Child:
    name: str
    argv: list[str]
    process: subprocess.Popen[bytes] | None = None
    pump: threading.Thread | None = field(default=None)


class Supervisor:
    def __init__(self, out: IO[str] | None = None) -> None:
        self.children: list[_Child] = []
        self.out = out or sys.stdout
        self.stopping = threading.Event()
        self.lock = threading.Lock()
        self.width = 0

    def add(self, name: str, argv: list[str]) -> None:
        self.children.append(_Child(name, argv))
        self.width = max(self.width, len(name))

    def _write(self, name: str, line: bytes) -> None:
        text = line.decode("utf-8", errors="replace").rstrip("\n")
        with self.lock:
            self.out.write(f"[{name.ljust(self.width)}] {text}\n")
            self.out.flush()

    def _pump(self, child: _Child) -> None:
        assert child.process is not None
        assert child.process.stdout is not None
        for line in iter(child.process.stdout.readline, b""):
            self._write(child.name, line)

    def _start(self, child: _Child) -> None:
        child.process = subprocess.Popen(  # noqa: S603 - our own interpreter and module
            child.argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True
        )
        child.pump = threading.Thread(target=self._pump, args=(child,), daemon=True)
        child.pump.start()

    def _on_signal(self, signum: int, _: FrameType | None) -> None:
        self._write("stakazo", f"received {signal.Signals(signum).name}, stopping…".encode())
        self.stopping.set()

    def stop(self) -> None:
        running = [c for c in self.children if c.process and c.process.poll() is None]
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

    def run(self) -> int:
        previous = {
            sig: signal.signal(sig, self._on_signal) for sig in (signal.SIGINT, signal.SIGTERM)
        }
        exit_code = 0
        try:
            for child in self.children:
                self._start(child)
            while not self.stopping.wait(0.5):
                for child in self.children:
                    assert child.process is not None
                    code = child.process.poll()
                    if code is not None:
                        self._write(
                            "stakazo", f"{child.name} exited with {code}; stopping".encode()
                        )
                        exit_code = code or 1
                        self.stopping.set()
                        break
        finally:
            self.stop()
            for sig, handler in previous.items():
                signal.signal(sig, handler)
        return exit_code
