"""Media benchmark: our pipeline against the usual tools, side by side on this machine.

    python -m bench.media [--minutes 10] [--skip-moviepy] [--only shots --only cuts ...]

It generates (and caches) a 1080p30 video with known hard cuts and silent gaps, then runs each
part (one module per part: ``bench/media_<part>.py``) and prints one table with every target and
whether this run met it. Results go to ``bench/results/media.json`` with the machine's core count
and load, so a run on a busy machine reads as one.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

from backend.logging import configure_logging
from bench import media_cuts, media_e2e, media_render, media_shots
from bench.media_common import ROOT, Context, Row, build_source, say

RESULTS = ROOT / "results" / "media.json"

PARTS: dict[str, ModuleType] = {
    "shots": media_shots,
    "cuts": media_cuts,
    "render": media_render,
    "end_to_end": media_e2e,
}


def machine() -> dict[str, Any]:
    load = os.getloadavg()
    return {"cores": os.cpu_count(), "load_1m_5m_15m": [round(value, 2) for value in load]}


def print_table(table: list[Row], out: Callable[[str], None] = print) -> None:
    out(f"{'measure':<42}{'ours':>16}{'baseline':>16}{'ratio':>8}  {'target':<20}{'met':>4}")
    for row in table:
        ratio = "" if row.ratio is None else f"{row.ratio:g}x"
        met = {True: "yes", False: "NO", None: ""}[row.met]
        out(f"{row.what:<42}{row.ours:>16}{row.baseline:>16}{ratio:>8}  {row.target:<20}{met:>4}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--skip-moviepy", action="store_true", help="skip the slow baselines")
    parser.add_argument("--only", action="append", choices=sorted(PARTS), help="run just these")
    args = parser.parse_args(argv)
    # The table is the output: the pipeline's own log lines (every ffmpeg run) would bury it.
    configure_logging(json=False, level="WARNING")
    video, cuts, silences = build_source(args.minutes)
    chosen = args.only or list(PARTS)
    results: dict[str, Any] = {
        "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "machine_before": machine(),
        "source_minutes": args.minutes,
        "known_cuts": len(cuts),
    }
    table: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="stakazo-bench-") as folder:
        for name in chosen:
            scratch = Path(folder) / name
            scratch.mkdir()
            ctx = Context(video, cuts, silences, args.minutes * 60, scratch, args.skip_moviepy)
            say(f"{name}…")
            results[name] = PARTS[name].run(ctx)
            table += PARTS[name].rows(results[name])
    results["machine_after"] = machine()
    results["targets_met"] = all(row.met is not False for row in table)
    if args.only is None:
        RESULTS.parent.mkdir(exist_ok=True)
        RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    print_table(table)
    if args.only is None:
        print(f"results written to {RESULTS.relative_to(ROOT.parent)}")
    else:
        print("a partial run (--only): bench/results/media.json left as it was")
    return 0


if __name__ == "__main__":
    sys.exit(main())
