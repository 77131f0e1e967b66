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
    logging.getLogger("httpx").info(
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
