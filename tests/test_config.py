"""Production refuses unsafe settings; the embedded default needs no server."""

from __future__ import annotations

from typing import Any

import pytest

from backend.config import (
    EMBEDDED_BROKER_URL,
    EMBEDDED_DATABASE_URL,
    SANDBOX_SECRETS,
    ConfigurationError,
    Settings,
)

SAFE_KEY = "k" * 48
POSTGRES = "postgresql+asyncpg://stakazo@db:5432/stakazo"
FERNET_KEY = "q3d8C2bYb9d3l6i0mT4i1uZ2i7aJb5y3m6T2bG3bq0s="


def test_embedded_defaults(monkeypatch):
    for name in ("STAKAZO_DATABASE_URL", "STAKAZO_BROKER_URL", "STAKAZO_ENV"):
        monkeypatch.delenv(name, raising=False)
    settings = Settings(_env_file=None)
    assert settings.database_url == EMBEDDED_DATABASE_URL == "sqlite+aiosqlite:///var/stakazo.db"
    assert settings.broker_url == EMBEDDED_BROKER_URL
    assert settings.uses_filesystem_broker
    assert settings.is_sqlite


def test_production_refuses_the_default_secret_key(monkeypatch):
    monkeypatch.delenv("STAKAZO_SECRET_KEY")
    with pytest.raises(ConfigurationError, match="STAKAZO_SECRET_KEY"):
        Settings(_env_file=None, env="production", database_url=POSTGRES)


def test_production_refuses_a_short_secret_key():
    with pytest.raises(ConfigurationError, match="at least 32"):
        Settings(_env_file=None, env="production", database_url=POSTGRES, secret_key="short")


# Everything production needs; each test below takes one thing away.
PRODUCTION: dict[str, Any] = {
    "env": "production",
    "secret_key": SAFE_KEY,
    "ledger_key": "l" * 48,
    "metrics_token": "m" * 48,
    "database_url": POSTGRES,
    "token_encryption_keys": [FERNET_KEY],
    "platforms_mode": "live",
    **{name: f"real-{name}-value" for name in SANDBOX_SECRETS},
}


def _production(**changes: Any) -> Settings:
    return Settings(_env_file=None, **{**PRODUCTION, **changes})


def test_production_refuses_sqlite():
    with pytest.raises(ConfigurationError, match="PostgreSQL"):
        _production(database_url=EMBEDDED_DATABASE_URL)


def test_production_refuses_tokens_without_an_encryption_key():
    with pytest.raises(ConfigurationError, match="STAKAZO_TOKEN_ENCRYPTION_KEYS"):
        _production(token_encryption_keys=[])


@pytest.mark.parametrize("ledger_key", ["", "short"])
def test_production_needs_a_ledger_key(monkeypatch, ledger_key):
    monkeypatch.delenv("STAKAZO_LEDGER_KEY", raising=False)
    with pytest.raises(ConfigurationError, match="STAKAZO_LEDGER_KEY"):
        _production(ledger_key=ledger_key)


@pytest.mark.parametrize("metrics_token", ["", "short"])
def test_production_needs_a_metrics_token(monkeypatch, metrics_token):
    monkeypatch.delenv("STAKAZO_METRICS_TOKEN", raising=False)
    with pytest.raises(ConfigurationError, match=r"STAKAZO_METRICS_TOKEN.*secrets\.token_urlsafe"):
        _production(metrics_token=metrics_token)


def test_production_refuses_the_sandbox():
    with pytest.raises(ConfigurationError, match="STAKAZO_PLATFORMS_MODE=sandbox"):
        _production(platforms_mode="sandbox")


@pytest.mark.parametrize("name", sorted(SANDBOX_SECRETS))
def test_production_refuses_the_published_sandbox_secrets(monkeypatch, name):
    monkeypatch.delenv(f"STAKAZO_{name.upper()}", raising=False)
    changes = {k: v for k, v in PRODUCTION.items() if k != name}
    with pytest.raises(ConfigurationError, match=f"STAKAZO_{name.upper()}"):
        Settings(_env_file=None, **changes)


def test_production_with_safe_settings_starts():
    settings = _production()
    assert settings.logs_as_json
    assert "k" * 10 not in repr(settings)


def test_env_example_lists_every_setting():
    from pathlib import Path

    text = (Path(__file__).resolve().parent.parent / ".env.example").read_text()
    documented = {
        line.split("=")[0].lstrip("# ").strip() for line in text.splitlines() if "=" in line
    }
    expected = {f"STAKAZO_{name.upper()}" for name in Settings.model_fields}
    assert expected <= documented, expected - documented
