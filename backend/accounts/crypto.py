"""OAuth tokens at rest: Fernet (AES-128-CBC + HMAC-SHA256) with key rotation.

Keys come from ``STAKAZO_TOKEN_ENCRYPTION_KEYS`` (newest first). The newest encrypts; every key
decrypts, so adding a key in front rotates without downtime, and ``rotate`` re-encrypts old
ciphertexts so the old key can then be dropped.

Outside production with no key configured, the key is generated once and kept in
``{STAKAZO_DATA_DIR}/token-encryption-key`` (see ``core.keyfiles``): it is not derived from the
secret key, so whoever holds that (or the placeholder once published in ``.env.example``) cannot
open tokens. Earlier versions derived the key from the secret key; those keys still decrypt, after
the generated one, so connected accounts survive the upgrade, and ``stakazo accounts rotate-keys``
re-encrypts their tokens under the generated key.
"""

from __future__ import annotations

import base64
import hashlib

from cryptography.fernet import Fernet, InvalidToken, MultiFernet

from backend.config import PLACEHOLDER_SECRET_KEY, Settings
from core import keyfiles


class TokenDecryptionError(RuntimeError):
    """No configured key opens this token (a key was dropped before rotation finished)."""


def legacy_derived_key(secret: str) -> bytes:
    """The key earlier versions derived from the secret key; decrypts only, never encrypts."""
    digest = hashlib.sha256(b"stakazo-token-key:" + secret.encode())
    return base64.urlsafe_b64encode(digest.digest())


def _keys(settings: Settings) -> list[bytes]:
    if settings.token_encryption_keys:
        return [key.get_secret_value().encode() for key in settings.token_encryption_keys]
    path = settings.data_dir / keyfiles.TOKEN_ENCRYPTION_KEY_FILE
    generated = keyfiles.load_or_create(path, keyfiles.random_fernet_key).encode()
    # The secret key an older install signed with was either its configured one or the placeholder.
    legacy = {legacy_derived_key(settings.secret_key.get_secret_value())}
    legacy.add(legacy_derived_key(PLACEHOLDER_SECRET_KEY))
    return [generated, *sorted(legacy)]


class TokenCipher:
    def __init__(self, settings: Settings) -> None:
        self._fernet = MultiFernet([Fernet(key) for key in _keys(settings)])

    def encrypt(self, plaintext: str) -> str:
        return self._fernet.encrypt(plaintext.encode()).decode()

    def decrypt(self, ciphertext: str) -> str:
        try:
            return self._fernet.decrypt(ciphertext.encode()).decode()
        except InvalidToken as error:
            raise TokenDecryptionError(
                "none of STAKAZO_TOKEN_ENCRYPTION_KEYS decrypts this token"
            ) from error

    def rotate(self, ciphertext: str) -> str:
        """The same plaintext under the newest key."""
        try:
            return self._fernet.rotate(ciphertext.encode()).decode()
        except InvalidToken as error:
            raise TokenDecryptionError(
                "none of STAKAZO_TOKEN_ENCRYPTION_KEYS decrypts this token"
            ) from error
