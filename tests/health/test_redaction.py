"""Nothing secret leaves the machine: tokens, keys, passwords and emails are redacted from the
evidence before it is hashed, stored or sent to a provider."""

from __future__ import annotations

import pytest

from backend.health.evidence import redacted
from backend.health.redaction import redact, redact_text
from backend.health.schemas import Evidence, FailedJob, LogLine
from core.clock import utcnow

SECRETS = {
    "Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjMifQ.c2lnbmF0dXJl": "eyJhbGci",
    "refresh failed for token ya29.A0ARrdaM-very-secret-token-value": "ya29.A0ARrdaM",
    "calling https://api.openai.com with key sk-proj-abcdefghijklmnopqrstuvwxyz012345": "sk-proj",
    "gemini key AIzaSyA1234567890abcdefghijklmnopqrstuv refused": "AIzaSyA",
    "aws AKIAIOSFODNN7EXAMPLE denied": "AKIAIOSFODNN7EXAMPLE",
    "postgresql://stakazo:hunter2-db-pass@db:5432/stakazo refused": "hunter2-db-pass",
    'config {"password": "p4ssw0rd!", "user": "x"}': "p4ssw0rd!",
    "login failed: password=CorrectHorse9 for user": "CorrectHorse9",
    "client_secret: 9f8e7d6c5b4a for app": "9f8e7d6c5b4a",
    "GET /upload?X-Amz-Signature=abcdef0123456789&X-Amz-Credential=AKIDEXAMPLE": "abcdef0123456789",
    "invite to jane.doe@example.com bounced": "jane.doe@example.com",
    "ghp_abcdefghijklmnopqrstuvwxyz0123 leaked": "ghp_abcdefghijklmnop",
}


@pytest.mark.parametrize(("text", "secret"), SECRETS.items())
def test_secrets_are_redacted_from_text(text, secret):
    assert secret not in redact_text(text)


def test_what_diagnoses_survives():
    text = "ffmpeg exited with code 1 on job 0b7f3c1e-7d3e-4bb5-9f5e-3d1c6a0e8f00: moov atom"
    assert redact_text(text) == text
    assert redact({"token_expires_in_days": 2.5, "quota_left": 0}) == {
        "token_expires_in_days": 2.5,
        "quota_left": 0,
    }


def test_the_evidence_is_redacted_everywhere_it_holds_text():
    raw = Evidence(
        now=utcnow(),
        snapshot=None,
        failed_jobs=[FailedJob(type="render", error="S3 denied key AKIAIOSFODNN7EXAMPLE")],
        log_lines=[LogLine(source="account", message="ops@brand.example: Bearer abcdefgh12345678")],
    )
    dumped = redacted(raw).model_dump_json()
    for secret in ("AKIAIOSFODNN7EXAMPLE", "ops@brand.example", "abcdefgh12345678"):
        assert secret not in dumped
