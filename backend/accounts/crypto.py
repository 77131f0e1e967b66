"""OAuth tokens at rest: Fernet (AES-128-CBC + HMAC-SHA256) with key rotation.

Keys come from ``STAKAZO_TOKEN_ENCRYPTION_KEYS`` (newest first). The newest encrypts; every key
decrypts, so adding a key in front rotates without downtime, and ``rotate`` re-encrypts old
ciphertexts so the old key can then be dropped. Outside production a key is derived from the
secret key, so the embedded default works with nothing configured.
"""

from __future__ import annotations

import base64
import hashlib

from cryptography.fernet import Fernet, InvalidToken, MultiFernet

from backend.config import Settings


class TokenDecryptionError(RuntimeError):
    """No configured key opens this token (a key was dropped before rotation finished)."""


def _keys(settings: Settings) -> list[bytes]:
    if settings.token_encryption_keys:
        return [key.get_secret_value().encode() for key in settings.token_encryption_keys]
    digest = hashlib.sha256(b"stakazo-token-key:" + settings.secret_key.get_secret_value().encode())
    return [base64.urlsafe_b64encode(digest.digest())]


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
