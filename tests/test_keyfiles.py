"""Out of the box nothing signs with a published key: the embedded default generates its own
keys, keeps them private and shares them between processes."""

from __future__ import annotations

import base64
import hashlib
import os
import stat
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
import structlog
from cryptography.fernet import Fernet, InvalidToken
from jose import jwt

from backend.accounts.crypto import TokenCipher
from backend.app import create_app
from backend.cli import warn_if_exposed
from backend.config import PLACEHOLDER_SECRET_KEY, Settings
from tests.factories import create_user, login


@pytest.fixture
def default_settings(monkeypatch, tmp_path) -> Settings:
    """Settings as a fresh clone gets them: no secret, no token key, no ledger key configured."""
    for name in ("STAKAZO_SECRET_KEY", "STAKAZO_TOKEN_ENCRYPTION_KEYS", "STAKAZO_LEDGER_KEY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("STAKAZO_DATA_DIR", str(tmp_path / "var"))
    return Settings(_env_file=None)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _derived(secret: str) -> bytes:
    # How earlier versions turned the secret key into a Fernet key (written out independently).
    return base64.urlsafe_b64encode(
        hashlib.sha256(b"stakazo-token-key:" + secret.encode()).digest()
    )


def test_the_secret_key_is_generated_private_and_reused(default_settings, tmp_path):
    secret = default_settings.secret_key.get_secret_value()
    assert secret != PLACEHOLDER_SECRET_KEY
    assert len(secret) >= 48
    key_file = tmp_path / "var" / "secret-key"
    assert key_file.read_text().strip() == secret
    assert _mode(key_file) == 0o600
    assert _mode(tmp_path / "var") == 0o700
    assert Settings(_env_file=None).secret_key.get_secret_value() == secret


def test_a_configured_placeholder_is_never_used(default_settings, monkeypatch):
    monkeypatch.setenv("STAKAZO_SECRET_KEY", PLACEHOLDER_SECRET_KEY)
    replaced = Settings(_env_file=None).secret_key.get_secret_value()
    assert replaced == default_settings.secret_key.get_secret_value() != PLACEHOLDER_SECRET_KEY


def test_processes_starting_together_agree_on_one_key(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "STAKAZO_SECRET_KEY"}
    env["STAKAZO_DATA_DIR"] = str(tmp_path / "shared")
    program = (
        "from backend.config import Settings; "
        "print(Settings(_env_file=None).secret_key.get_secret_value())"
    )
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", program], env=env, stdout=subprocess.PIPE, text=True
        )
        for _ in range(6)
    ]
    keys = {process.communicate(timeout=60)[0].strip() for process in processes}
    assert len(keys) == 1
    assert keys == {(tmp_path / "shared" / "secret-key").read_text().strip()}
    assert not [p.name for p in (tmp_path / "shared").iterdir() if p.name.startswith(".")]


async def test_a_token_signed_with_the_old_placeholder_is_refused(
    default_settings, session_factory
):
    app = create_app(default_settings, session_factory=session_factory)
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with (
        session_factory() as session,
        httpx.AsyncClient(transport=transport, base_url="http://test") as client,
    ):
        user = await create_user(session)
        await session.commit()
        token = (await login(client, user.email))["access_token"]
        claims = jwt.get_unverified_claims(token)
        forged = jwt.encode(claims, PLACEHOLDER_SECRET_KEY, algorithm="HS256")
        me = await client.get("/v1/auth/me", headers={"Authorization": f"Bearer {forged}"})
        assert me.status_code == 401
        real = await client.get("/v1/auth/me", headers={"Authorization": f"Bearer {token}"})
        assert real.status_code == 200


def test_token_encryption_has_its_own_generated_key(default_settings, tmp_path):
    cipher = TokenCipher(default_settings)
    sealed = cipher.encrypt("oauth-refresh-token")
    key_file = tmp_path / "var" / "token-encryption-key"
    assert _mode(key_file) == 0o600
    assert Fernet(key_file.read_text().strip().encode()).decrypt(sealed.encode())
    secret = default_settings.secret_key.get_secret_value()
    for derived in (_derived(secret), _derived(PLACEHOLDER_SECRET_KEY), secret[:43].encode()):
        with pytest.raises((InvalidToken, ValueError)):
            Fernet(derived).decrypt(sealed.encode())
    assert key_file.read_text().strip() not in (secret, _derived(secret).decode())


def test_tokens_sealed_by_earlier_versions_still_open_and_rotate(default_settings, tmp_path):
    legacy = Fernet(_derived(PLACEHOLDER_SECRET_KEY)).encrypt(b"connected-before").decode()
    cipher = TokenCipher(default_settings)
    assert cipher.decrypt(legacy) == "connected-before"
    rotated = cipher.rotate(legacy)
    generated = (tmp_path / "var" / "token-encryption-key").read_text().strip()
    assert Fernet(generated.encode()).decrypt(rotated.encode()) == b"connected-before"


@pytest.mark.parametrize(
    ("host", "warned"),
    [
        ("0.0.0.0", True),  # noqa: S104 - the case under test
        ("::", True),
        ("192.168.1.20", True),
        ("api.example.com", True),
        ("127.0.0.1", False),
        ("::1", False),
        ("localhost", False),
        ("127.0.0.2", False),
    ],
)
def test_listening_beyond_loopback_without_production_warns(default_settings, capsys, host, warned):
    with structlog.testing.capture_logs() as logs:
        assert warn_if_exposed(default_settings, host) is warned
    events = [entry for entry in logs if entry["event"] == "api.exposed_without_production"]
    assert bool(events) is warned
    text = capsys.readouterr().err
    assert ("WARNING" in text and "STAKAZO_ENV=production" in text) is warned
    if warned:
        assert events[0]["log_level"] == "warning"
        assert events[0]["host"] == host
