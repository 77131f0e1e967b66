"""Logs mask secrets; health and readiness report each dependency."""

from __future__ import annotations

import json
import logging

import structlog
from pydantic import SecretStr

from backend.logging import configure_logging, mask_secrets


def test_secrets_are_masked_in_log_lines(capsys):
    configure_logging(json=True, level="INFO", process_name="test")
    log = structlog.get_logger("test")
    log.info(
        "auth.debugging",
        password="hunter22",
        refresh_token="rt-123",
        api_key=SecretStr("sk-1"),
        header="Bearer eyJhbGciOi.abc.def",
        url="postgresql://stakazo:dbpass@db/stakazo",
        email="ana@example.com",
    )
    logging.getLogger("stdlib").warning("login with password=hunter22 failed")
    captured = capsys.readouterr().err
    for secret in ("hunter22", "rt-123", "sk-1", "eyJhbGciOi", "dbpass"):
        assert secret not in captured
    line = json.loads(captured.splitlines()[0])
    assert line["event"] == "auth.debugging"
    assert line["email"] == "ana@example.com"
    assert line["process"] == "test"
    assert line["password"] == "***"


def test_mask_secrets_walks_structures():
    masked = mask_secrets({"outer": [{"client_secret": "x"}, "Bearer abc"], "ok": 1})
    assert masked == {"outer": [{"client_secret": "***"}, "Bearer ***"], "ok": 1}


async def test_health(client):
    response = await client.get("/debug/health")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"


async def test_ready_checks_every_dependency(client):
    response = await client.get("/debug/ready")
    body = response.json()
    assert set(body["checks"]) == {"database", "broker", "storage", "ffmpeg"}
    assert response.status_code == 200, body
    assert body["ready"] is True
    # Verdicts only: no hosts, paths, versions or timings for whoever can reach the probe.
    assert all(check == {"ok": True} for check in body["checks"].values())


async def test_ready_reports_a_broken_dependency(client, settings, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the media folder should be")
    app = client._transport.app  # type: ignore[attr-defined]
    app.state.settings = settings.model_copy(update={"media_dir": blocker / "media"})
    response = await client.get("/debug/ready")
    assert response.status_code == 503
    body = response.json()
    assert body["ready"] is False
    assert body["checks"]["storage"]["ok"] is False
    assert body["checks"]["database"]["ok"] is True
    assert body["checks"]["storage"] == {"ok": False}
    assert str(blocker) not in response.text


async def test_request_log_masks_signed_media_links(client, settings, capsys, monkeypatch):
    from backend.media import service as media

    configure_logging(json=True, level="INFO", process_name="test")
    # The test client's own "HTTP Request: GET <url>" line is not the server's log.
    monkeypatch.setattr(logging.getLogger("httpx"), "disabled", True)
    link = media.url(settings, "tests/logs/clip.mp4")
    assert link is not None
    response = await client.get(link, headers={"Range": "bytes=0-1"})
    assert response.status_code == 404
    captured = capsys.readouterr().err
    body, _, signature = link.removeprefix("/media/").partition(".")
    assert signature not in captured
    assert body not in captured
    lines = [json.loads(line) for line in captured.splitlines()]
    request_line = next(line for line in lines if line["event"] == "http.request")
    assert request_line["path"] == f"/media/{body[:6]}…"


def test_oauth_codes_and_signatures_in_urls_are_masked(capsys):
    configure_logging(json=True, level="INFO", process_name="test")
    # httpx logs requests at INFO, which is below what we keep of it; its warnings still pass.
    logging.getLogger("httpx").warning(
        "HTTP Request: GET https://api.example/oauth/callback?code=AQBx7secret&state=st-8f2k "
        "then https://cdn.example/v.mp4?signature=sig-991&expires=1"
    )
    structlog.get_logger("test").info(
        "accounts.callback", url="https://app.example/accounts/callback?state=st-8f2k&code=AQBx7"
    )
    captured = capsys.readouterr().err
    for secret in ("AQBx7", "st-8f2k", "sig-991"):
        assert secret not in captured
    assert "expires=1" in captured


async def test_jobs_summary_needs_a_member_and_counts_only_their_workspace(client, session):
    from backend.models import Job
    from tests.factories import auth_headers, create_member, create_workspace

    workspace = await create_workspace(session)
    other = await create_workspace(session)
    viewer = await create_member(session, workspace, "viewer")
    session.add(Job(workspace_id=workspace.id, type="ledger.audit", state="failed"))
    for _ in range(5):
        session.add(Job(workspace_id=other.id, type="ledger.audit", state="running"))
    await session.commit()
    anonymous = await client.get("/v1/debug/jobs/summary")
    assert anonymous.status_code == 401
    assert anonymous.json()["error"] != ""
    headers = await auth_headers(client, viewer, workspace)
    response = await client.get("/v1/debug/jobs/summary", headers=headers)
    assert response.status_code == 200
    assert response.json() == {
        "pending": 0,
        "running": 0,
        "succeeded": 0,
        "failed": 1,
        "cancelled": 0,
    }
    elsewhere = await client.get(
        "/v1/debug/jobs/summary", headers={**headers, "X-Workspace-Id": str(other.id)}
    )
    assert elsewhere.status_code == 404
