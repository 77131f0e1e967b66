"""bcrypt password hashing.

bcrypt reads at most 72 bytes (and newer releases refuse more), so the password is first reduced
with SHA-256 and base64-encoded (44 ASCII bytes, no NUL): every character of a long passphrase
counts, and no two passwords that share their first 72 bytes collide.
"""

from __future__ import annotations

import base64
import hashlib
from functools import lru_cache

import anyio
import bcrypt

# Long enough that guessing online is hopeless once common passwords are refused
# (backend/auth/password_policy.py); short enough for a memorable passphrase.
MIN_LENGTH = 12
MAX_LENGTH = 1024


def _prehash(password: str) -> bytes:
    return base64.b64encode(hashlib.sha256(password.encode("utf-8")).digest())


def _hash_sync(password: str, rounds: int) -> str:
    return bcrypt.hashpw(_prehash(password), bcrypt.gensalt(rounds=rounds)).decode("ascii")


def _verify_sync(password: str, password_hash: str) -> bool:
    try:
        return bcrypt.checkpw(_prehash(password), password_hash.encode("ascii"))
    except ValueError:
        return False


@lru_cache(maxsize=4)
def _dummy_hash(rounds: int) -> str:
    return _hash_sync("stakazo-timing-equaliser", rounds)


async def hash_password(password: str, rounds: int) -> str:
    # bcrypt takes ~0.25 s at cost 12: keep it off the event loop.
    return await anyio.to_thread.run_sync(_hash_sync, password, rounds)


async def verify_password(password: str, password_hash: str | None, rounds: int) -> bool:
    """Check a password; with no hash (unknown account) spend the same time and say no."""
    if password_hash is None:
        await anyio.to_thread.run_sync(_verify_sync, password, _dummy_hash(rounds))
        return False
    return await anyio.to_thread.run_sync(_verify_sync, password, password_hash)
