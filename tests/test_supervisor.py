"""The supervisor behind `stakazo run`, with real child processes: a child that dies comes back
after a backoff; one that keeps dying stops everything with a message."""

from __future__ import annotations

import io
import sys
import threading

from backend.supervisor import RestartPolicy, Supervisor
from tests.e2e.processes import wait_for

QUICK = RestartPolicy(base_seconds=0.05, cap_seconds=0.2, give_up_after=3, window_seconds=30)
SLEEPS = [sys.executable, "-c", "import time; time.sleep(120)"]


def test_backoff_doubles_and_is_capped():
    policy = RestartPolicy(base_seconds=1, cap_seconds=30, give_up_after=5, window_seconds=120)
    assert [policy.delay(n) for n in range(1, 8)] == [1, 2, 4, 8, 16, 30, 30]


def test_a_child_that_dies_is_started_again(tmp_path):
    marker = tmp_path / "ran-once"
    # Dies the first time it runs, then stays up like a healthy server.
    flaky = [
        sys.executable,
        "-c",
        "import pathlib, sys, time\n"
        f"marker = pathlib.Path({str(marker)!r})\n"
        "if not marker.exists():\n"
        "    marker.touch()\n"
        "    print('crashing now', flush=True)\n"
        "    sys.exit(7)\n"
        "print('up again', flush=True)\n"
        "time.sleep(120)\n",
    ]
    out = io.StringIO()
    supervisor = Supervisor(out=out, policy=QUICK)
    supervisor.add("steady", SLEEPS)
    supervisor.add("flaky", flaky)

    def stop_once_back() -> None:
        wait_for(lambda: "up again" in out.getvalue(), 30, "the restarted child")
        supervisor.stopping.set()  # what Ctrl-C does

    watcher = threading.Thread(target=stop_once_back, daemon=True)
    watcher.start()
    assert supervisor.run() == 0
    watcher.join(timeout=5)
    log = out.getvalue()
    assert "[flaky  ] crashing now" in log
    assert "supervisor.child_exited child=flaky exit_code=7" in log
    assert "supervisor.child_restarting child=flaky in_seconds=" in log
    assert log.count("supervisor.child_started child=flaky") == 2
    assert log.count("supervisor.child_started child=steady") == 1  # the others were left alone
    assert "giving_up" not in log
    assert all(child.process.poll() is not None for child in supervisor.children)


def test_a_child_that_keeps_dying_stops_everything(tmp_path):
    out = io.StringIO()
    supervisor = Supervisor(out=out, policy=QUICK)
    supervisor.add("steady", SLEEPS)
    supervisor.add("broken", [sys.executable, "-c", "import sys; sys.exit(3)"])
    assert supervisor.run() == 3
    log = out.getvalue()
    assert log.count("supervisor.child_exited child=broken exit_code=3") == 3
    assert log.count("supervisor.child_restarting child=broken") == 2
    assert "supervisor.giving_up child=broken exits=3 within_seconds=30" in log
    assert "'broken' keeps exiting; stopping everything" in log
    assert all(child.process.poll() is not None for child in supervisor.children)
