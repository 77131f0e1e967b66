"""Production refuses unsafe settings; the embedded default needs no server."""

from __future__ import annotations

import pytest

from backend.config import (
    EMBEDDED_BROKER_URL,
    EMBEDDED_DATABASE_URL,
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


def test_production_refuses_sqlite():
    with pytest.raises(ConfigurationError, match="PostgreSQL"):
        Settings(
            _env_file=None,
            env="production",
            secret_key=SAFE_KEY,
            database_url=EMBEDDED_DATABASE_URL,
        )


def test_production_refuses_tokens_without_an_encryption_key():
    with pytest.raises(ConfigurationError, match="STAKAZO_TOKEN_ENCRYPTION_KEYS"):
        Settings(_env_file=None, env="production", secret_key=SAFE_KEY, database_url=POSTGRES)


def test_production_with_safe_settings_starts():
    settings = Settings(
        _env_file=None,
        env="production",
        secret_key=SAFE_KEY,
        database_url=POSTGRES,
        token_encryption_keys=[FERNET_KEY],
    )
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
