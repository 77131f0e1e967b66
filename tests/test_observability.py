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
