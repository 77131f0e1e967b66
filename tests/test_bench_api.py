"""bench/api.py reads wrk's report and judges each row against the issue's targets; its profile
summary puts each sample in the layer nearest its leaf."""

from __future__ import annotations

from bench.api import judge, parse_wrk
from bench.api_profile import summarise

WRK_REPORT = """Running 5s test @ http://127.0.0.1:40000/v1/assets?limit=20
  1 threads and 16 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    40.10ms   10.20ms 120.00ms   80.00%
    Req/Sec   400.00     50.00   500.00     70.00%
  Latency Distribution
     50%   37.14ms
     75%   44.00ms
     90%   52.00ms
     99%    1.20s
  2000 requests in 5.00s, 3.00MB read
  Non-2xx or 3xx responses: 3
Requests/sec:    409.10
Transfer/sec:    614.00KB
"""


def test_wrk_report_is_read_with_its_units():
    assert parse_wrk(WRK_REPORT) == {
        "rps": 409.1,
        "p50_ms": 37.14,
        "p99_ms": 1200.0,
        "failed": 3,
        "socket_errors": None,
    }


def _row(rps: float, baseline: float, p99: float = 10.0) -> dict:
    return {"rps": rps, "p50_ms": 1.0, "p99_ms": p99, "failed": 0, "baseline_rps": baseline}


def test_targets_are_judged_against_the_paired_baseline():
    rows = {
        "bare_query": {"rps": 1000.0, "p50_ms": 1.0, "p99_ms": 5.0, "failed": 0},
        "health": _row(700.0, 1000.0),
        "assets": _row(410.0, 1000.0, p99=49.0),
        "clips": _row(410.0, 1000.0, p99=51.0),
        "job": _row(100.0, 1000.0),
    }
    judged = judge("postgresql", rows)["rows"]
    assert (judged["health"]["ratio"], judged["health"]["met"]) == (0.7, True)
    assert judged["assets"]["met"] is True
    assert judged["clips"]["met"] is False  # the share holds, the p99 bound does not
    assert "met" not in judged["job"]  # no target: reported only
    assert judge("sqlite", {"clips": _row(260.0, 1000.0, p99=900.0)})["rows"]["clips"]["met"]


def test_a_row_with_failed_responses_never_meets_its_target():
    failed = {**_row(900.0, 1000.0), "failed": 1}
    assert judge("postgresql", {"assets": failed})["rows"]["assets"]["met"] is False


def test_samples_go_to_the_layer_nearest_their_leaf():
    collapsed = "\n".join(
        [
            "main (backend/__main__.py:5);check (backend/iam/dependencies.py:80);"
            "execute (sqlalchemy/orm/session.py:2555);__do_execute (asyncpg/prepared_stmt.py:1) 3",
            "main (backend/__main__.py:5);check (backend/iam/dependencies.py:80) 1",
            "main (backend/__main__.py:5);dump_json (pydantic/type_adapter.py:9) 1",
        ]
    )
    summary = summarise(collapsed)
    assert summary["samples"] == 5
    assert summary["layers"]["database driver"] == 0.6
    assert summary["layers"]["authentication"] == 0.2
    assert summary["layers"]["pydantic (validation, JSON)"] == 0.2
    assert next(iter(summary["self"])) == "__do_execute (asyncpg/prepared_stmt.py)"
