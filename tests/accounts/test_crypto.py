"""OAuth tokens at rest: encrypted, readable after a key rotation, unreadable without the key."""

from __future__ import annotations

import pytest
from cryptography.fernet import Fernet
from pydantic import SecretStr
from sqlalchemy import select

from backend.accounts.crypto import TokenCipher, TokenDecryptionError
from backend.accounts.service import current_grant, rotate_keys
from backend.models import PlatformAccount
from tests.factories import create_platform_account, create_workspace


def _settings(settings, *keys: bytes):
    return settings.model_copy(
        update={"token_encryption_keys": [SecretStr(k.decode()) for k in keys]}
    )


def test_ciphertext_hides_the_token_and_round_trips(settings):
    cipher = TokenCipher(settings)
    sealed = cipher.encrypt("tok-123-secret")
    assert "tok-123" not in sealed
    assert cipher.encrypt("tok-123-secret") != sealed  # random IV: equal tokens look different
    assert cipher.decrypt(sealed) == "tok-123-secret"


def test_a_new_key_in_front_still_reads_old_tokens_and_rotation_moves_them(settings):
    old, new = Fernet.generate_key(), Fernet.generate_key()
    sealed_with_old = TokenCipher(_settings(settings, old)).encrypt("refresh-me")
    both = TokenCipher(_settings(settings, new, old))
    assert both.decrypt(sealed_with_old) == "refresh-me"
    rotated = both.rotate(sealed_with_old)
    assert TokenCipher(_settings(settings, new)).decrypt(rotated) == "refresh-me"
    with pytest.raises(TokenDecryptionError):
        TokenCipher(_settings(settings, new)).decrypt(sealed_with_old)


async def test_rotate_keys_reencrypts_every_stored_token(session, settings):
    old, new = Fernet.generate_key(), Fernet.generate_key()
    before = _settings(settings, old)
    workspace = await create_workspace(session)
    account = await create_platform_account(session, workspace, "youtube")
    cipher_old = TokenCipher(before)
    account.access_token_encrypted = cipher_old.encrypt("access-a")
    account.refresh_token_encrypted = cipher_old.encrypt("refresh-a")
    await session.flush()

    after = _settings(settings, new, old)
    assert await rotate_keys(session, after) >= 1
    stored = (
        await session.scalars(select(PlatformAccount).where(PlatformAccount.id == account.id))
    ).one()
    grant = current_grant(stored, TokenCipher(_settings(settings, new)))
    assert (grant.access_token, grant.refresh_token) == ("access-a", "refresh-a")
