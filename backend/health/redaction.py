"""Redaction of everything the health worker stores or sends to a model provider.

Error messages and log text carry whatever the failing code put in them: a bearer header, a URL
with a password, a signed query string, an API key, a person's email. None of it helps to
diagnose, and none of it may leave the machine, so it is replaced before any use. On top of the
log masking (``backend.logging.mask_secrets``: secret-named keys, bearer tokens, key=value
secrets, URL passwords) this removes key-shaped strings and emails.
"""

from __future__ import annotations

import re
from typing import Any

from backend.logging import mask_secrets

REDACTED = "[redacted]"
EMAIL = "[email]"

_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    # "Authorization: Basic …", "Bearer …" (also after a colon or quote, where the log masking
    # would not look).
    (re.compile(r"(?i)\b(bearer|basic|token)\s+[A-Za-z0-9._~+/=-]{8,}"), r"\1 " + REDACTED),
    # JSON Web Tokens: three base64url parts, the first a JSON header.
    (re.compile(r"\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*"), REDACTED),
    # Provider keys by their well-known prefixes (OpenAI, Google, AWS, GitHub, Slack, Stripe).
    (
        re.compile(
            r"\b(?:sk-[A-Za-z0-9_-]{16,}|AIza[0-9A-Za-z_-]{30,}|(?:AKIA|ASIA)[0-9A-Z]{16}"
            r"|gh[pousr]_[A-Za-z0-9]{20,}|xox[abposr]-[A-Za-z0-9-]{10,}|[rs]k_live_[A-Za-z0-9]{16,})"
        ),
        REDACTED,
    ),
    # "password: x", "api_key = x", "secret=x", '"token": "x"' in free text or JSON dumps.
    (
        re.compile(
            r"(?i)([\"']?\b(?:pass(?:word|wd)?|secret|api[_-]?key|access[_-]?key|"
            r"client[_-]?secret|refresh[_-]?token|access[_-]?token|token|signature|sig)"
            r"[\"']?\s*[:=]\s*[\"']?)[^\s\"',;&}]+"
        ),
        r"\1" + REDACTED,
    ),
    # X-Amz-Signature and friends in presigned URLs.
    (re.compile(r"(?i)(x-amz-(?:signature|credential|security-token)=)[^&\s]+"), r"\1" + REDACTED),
    (re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}"), EMAIL),
)


def redact_text(text: str) -> str:
    masked = str(mask_secrets(text))
    for pattern, replacement in _PATTERNS:
        masked = pattern.sub(replacement, masked)
    return masked


def redact(value: Any) -> Any:
    """``value`` (plain JSON) with every string redacted. Keys are kept: the evidence's own keys
    (``token_expires_in_days``) name facts, not secrets."""
    if isinstance(value, dict):
        return {key: redact(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [redact(item) for item in value]
    if isinstance(value, str):
        return redact_text(value)
    return value
