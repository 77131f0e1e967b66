"""The API keeps its own OpenAPI contract: schemathesis fuzzes every operation (examples,
coverage, fuzzing and stateful phases, following links between operations) against a real
`stakazo api` process on a freshly migrated database, signed in as a workspace admin.

No case may get a 5xx, an undocumented status, content type or header, a response that breaks
its schema, or a success for a request the schema forbids; a wrong method gets 405 with the
right Allow header. Bounded: a few examples per operation (more on PostgreSQL).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import httpx

from tests.conftest import IS_POSTGRES
from tests.e2e.processes import answered, free_port, stakazo_process, wait_for

ROOT = Path(__file__).resolve().parents[2]
CHECKS = (
    "not_a_server_error",
    "status_code_conformance",
    "content_type_conformance",
    "response_schema_conformance",
    "response_headers_conformance",
    "negative_data_rejection",
    "missing_required_header",
    "unsupported_method",
    "allow_header_conformance",
)
MAX_EXAMPLES = 20 if IS_POSTGRES else 4
MEMBER_CHANGES = r"^/v1/members/\{user_id\}"
OWNER = {"email": "owner@example.com", "password": "contract-pw-5f2c9a7e-lantern"}


def _api_env(database_url: str, folder: Path, port: int) -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.update(
        STAKAZO_DATABASE_URL=database_url,
        STAKAZO_BROKER_URL="filesystem://",
        STAKAZO_BROKER_DIR=str(folder / "broker"),
        STAKAZO_RESULT_BACKEND=f"db+sqlite:///{folder / 'results.db'}",
        STAKAZO_MEDIA_DIR=str(folder / "media"),
        STAKAZO_API_PORT=str(port),
        STAKAZO_LOG_JSON="true",
        # One token for the whole run; the fuzzer's failed sign-ins must not end it.
        STAKAZO_ACCESS_TOKEN_TTL_SECONDS="3600",
    )
    return env


def _sign_in(base: str) -> dict[str, str]:
    with httpx.Client(base_url=base, timeout=30) as api:
        registered = api.post("/v1/auth/register", json={**OWNER, "name": "Owner"})
        assert registered.status_code == 201, registered.text
        workspace_id = registered.json()["workspace"]["workspace_id"]
        signed_in = api.post("/v1/auth/login", json=OWNER)
        assert signed_in.status_code == 200, signed_in.text
        token = signed_in.json()["access_token"]
    return {"Authorization": f"Bearer {token}", "X-Workspace-Id": workspace_id}


def _fuzz(base: str, headers: dict[str, str], env: dict[str, str], folder: Path, *only: str):
    """One schemathesis run; ``only`` are extra filter arguments."""
    command = [
        sys.executable,
        "-m",
        "schemathesis.cli",
        "--config-file",
        str(Path(__file__).with_name("schemathesis.toml")),
        "run",
        f"{base}/openapi.json",
        *(arg for name, value in headers.items() for arg in ("-H", f"{name}: {value}")),
        "--checks",
        ",".join(CHECKS),
        "--phases",
        "examples,coverage,fuzzing,stateful",
        "--max-examples",
        str(MAX_EXAMPLES),
        # One worker: hypothesis describing strategies in parallel threads trips a CPython 3.11
        # ast bug ("AST constructor recursion depth mismatch").
        "--workers",
        "1",
        "--seed",
        "20261204",
        "--request-timeout",
        "30",
        # It would end the session every other case is signed in with.
        "--exclude-path",
        "/v1/auth/logout",
        "--no-color",
        *only,
    ]
    run_env = {
        **env,
        "SCHEMATHESIS_HOOKS": "tests.contract.schemathesis_hooks",
        "STAKAZO_CONTRACT_WORKSPACE_ID": headers["X-Workspace-Id"],
        "HYPOTHESIS_STORAGE_DIRECTORY": str(folder / "hypothesis"),
    }
    result = subprocess.run(
        command, cwd=folder, env=run_env, capture_output=True, text=True, timeout=400, check=False
    )
    report = result.stdout + result.stderr
    print(report[-6000:])  # the summary, for `pytest -rP`
    assert result.returncode == 0, report[-20000:]
    assert "Tested:" in report


def test_the_api_keeps_its_openapi_contract(scratch_database_url, tmp_path):
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = _api_env(scratch_database_url, tmp_path, port)
    with stakazo_process(["api"], env, tmp_path, tmp_path / "api.log"):
        wait_for(answered(f"{base}/debug/health"), 60, "the API to start")
        headers = _sign_in(base)
        # Member changes last: the fuzzer soon demotes or deactivates the signed-in owner, after
        # which every other operation would only see 403.
        _fuzz(base, headers, env, tmp_path, "--exclude-path-regex", MEMBER_CHANGES)
        _fuzz(base, headers, env, tmp_path, "--include-path-regex", MEMBER_CHANGES)
    api_log = (tmp_path / "api.log").read_text()
    assert '"status": 500' not in api_log
    assert "http.unhandled_error" not in api_log
