"""Where one API process spends a benchmarked request: py-spy samples it (only while it holds
the GIL, so waiting on the network or the database is left out) while wrk drives an endpoint,
and the collapsed stacks are summed into the share of samples each layer of the request path
holds and the functions that hold the most samples themselves (self).

Used by ``python -m bench.api --profile``; needs py-spy (``pip install -e '.[bench]'``) and the
right to trace the process (root, or ptrace allowed).
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

# The request path's layers, by the files their frames come from. A sample belongs to the layer
# of the frame nearest its leaf that names one: time in the database driver called from an
# authentication query is the driver's, time in a permission check's own code is authentication's.
LAYERS: dict[str, tuple[str, ...]] = {
    "database driver": ("asyncpg/", "aiosqlite/", "sqlite3/"),
    "SQLAlchemy": ("sqlalchemy/",),
    "pydantic (validation, JSON)": ("pydantic",),
    "request logging": ("structlog/", "logging/", "backend/logging.py"),
    "metrics": ("prometheus_client/", "backend/metrics/"),
    "authentication": ("backend/auth/", "backend/iam/", "jose/", "hmac.py"),
    "FastAPI and Starlette": ("fastapi/", "starlette/"),
    "Stakazo routes and middleware": ("backend/", "core/"),
    "HTTP server and event loop": ("uvicorn/", "httptools", "asyncio/", "uvloop"),
}
_FRAME = re.compile(r"^(?P<function>.*?) \((?P<file>[^:)]*)(?::\d+)?\)$")


@contextmanager
def sampling(pid: int, output: Path, seconds: float) -> Iterator[None]:
    """py-spy records ``pid`` for ``seconds`` while the block runs."""
    recorder = subprocess.Popen(
        [_py_spy(), "record", "--pid", str(pid), "--rate", "250", "--format", "raw",
         "--duration", str(max(1, round(seconds))), "--output", str(output), "--nonblocking",
         "--gil"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        yield
    finally:
        recorder.wait(timeout=seconds + 60)


def _py_spy() -> str:
    beside = Path(sys.executable).with_name("py-spy")
    return str(beside) if beside.exists() else "py-spy"


def _frames(stack: str) -> list[tuple[str, str]]:
    frames = []
    for frame in stack.split(";"):
        match = _FRAME.match(frame.strip())
        if match:
            frames.append((match["function"], match["file"]))
    return frames


def summarise(collapsed: str, top: int = 12) -> dict[str, Any]:
    """Shares of samples: per layer of ``LAYERS`` and the top functions (self)."""
    total = 0
    layers: Counter[str] = Counter()
    own: Counter[str] = Counter()
    for line in collapsed.splitlines():
        stack, _, count_text = line.rpartition(" ")
        if not stack or not count_text.isdigit():
            continue
        count = int(count_text)
        frames = _frames(stack)
        total += count
        layers[_layer(frames)] += count
        if frames:
            function, file = frames[-1]
            own[f"{function} ({_short(file)})"] += count
    if total == 0:
        return {"samples": 0, "layers": {}, "self": {}}
    return {
        "samples": total,
        "layers": {name: round(layers[name] / total, 3) for name in [*LAYERS, "other"]},
        "self": {name: round(count / total, 3) for name, count in own.most_common(top)},
    }


def _layer(frames: list[tuple[str, str]]) -> str:
    for _, file in reversed(frames):
        for layer, markers in LAYERS.items():
            if any(marker in file for marker in markers):
                return layer
    return "other"


def _short(file: str) -> str:
    for anchor in ("site-packages/", "/work/", "lib/python3"):
        if anchor in file:
            return file.split(anchor, 1)[1]
    return file


def print_summary(name: str, summary: dict[str, Any]) -> None:
    print(f"\nprofile of {name}: {summary['samples']} samples")
    for layer, share in summary["layers"].items():
        print(f"  {layer:<30} {share:>6.1%}")
    print("  most time in (self):")
    for function, share in summary["self"].items():
        print(f"    {share:>6.1%}  {function}")
