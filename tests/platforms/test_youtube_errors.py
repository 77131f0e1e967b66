"""YouTube's error table: every documented status/reason lands in the right class."""

from __future__ import annotations

import http.client
import json
from datetime import UTC, datetime

import httplib2
import pytest
from googleapiclient.errors import HttpError, InvalidChunkSizeError, ResumableUploadError

from backend.platforms.base import (
    AuthError,
    MediaRejected,
    PermanentError,
    PlatformError,
    QuotaExceeded,
    RetryableError,
)
from backend.platforms.youtube import errors
from backend.platforms.youtube.uploader import library_errors


def body(code: int, reason: str | None, message: str = "m") -> dict[str, object]:
    details = [{"reason": reason, "domain": "global", "message": message}] if reason else []
    return {"error": {"code": code, "message": message, "errors": details}}


@pytest.mark.parametrize(
    ("status", "reason", "kind"),
    [
        (401, "authError", AuthError),
        (401, None, AuthError),
        (403, "insufficientPermissions", AuthError),
        (403, "quotaExceeded", QuotaExceeded),
        (400, "uploadLimitExceeded", QuotaExceeded),
        (403, "uploadLimitExceeded", QuotaExceeded),
        (403, "userRateLimitExceeded", RetryableError),
        (403, "rateLimitExceeded", RetryableError),
        (403, "forbidden", PermanentError),
        (429, "rateLimitExceeded", RetryableError),
        (500, "backendError", RetryableError),
        (502, None, RetryableError),
        (503, None, RetryableError),
        (504, None, RetryableError),
        (599, None, RetryableError),
        (400, "badContent", MediaRejected),
        (413, "uploadTooLarge", MediaRejected),
        (400, "invalidTitle", PermanentError),
        (400, "invalidPublishAt", PermanentError),
        (400, "somethingNew", PermanentError),
        (404, "videoNotFound", PermanentError),
    ],
)
def test_api_errors(status: int, reason: str | None, kind: type[PlatformError]) -> None:
    error = errors.from_api_response(status, body(status, reason, "why"), operation="op")
    assert type(error) is kind
    assert error.status_code == status
    assert error.reason.startswith(f"op: HTTP {status} {reason or 'no reason'}")
    assert error.user_message
    assert "why" in error.reason


def test_quota_waits_until_midnight_pacific() -> None:
    # 2026-03-10 20:00 UTC is 13:00 PDT: eleven hours to midnight.
    now = datetime(2026, 3, 10, 20, 0, tzinfo=UTC)
    error = errors.from_api_response(403, body(403, "quotaExceeded"), operation="op", now=now)
    assert error.retry_after_seconds == 11 * 3600
    limit = errors.from_api_response(400, body(400, "uploadLimitExceeded"), operation="op")
    assert limit.retry_after_seconds == 24 * 3600


def test_retry_after_header_wins_and_bodies_may_be_garbage() -> None:
    error = errors.from_api_response(429, b"<html>busy</html>", operation="op", retry_after=9)
    assert isinstance(error, RetryableError)
    assert error.retry_after_seconds == 9
    assert errors.parse_api_error(b"not json") == (None, "")


@pytest.mark.parametrize(
    ("status", "code", "kind"),
    [
        (400, "invalid_grant", AuthError),
        (400, "invalid_token", AuthError),
        (401, "invalid_client", PermanentError),
        (400, "invalid_request", PermanentError),
        (503, "server_error", RetryableError),
        (503, None, RetryableError),
        (429, None, RetryableError),
        (400, None, PermanentError),
    ],
)
def test_oauth_errors(status: int, code: str | None, kind: type[PlatformError]) -> None:
    payload = {"error": code, "error_description": "d"} if code else {}
    error = errors.from_oauth_response(status, payload, operation="refresh")
    assert type(error) is kind


@pytest.mark.parametrize(
    ("reason", "retryable"),
    [("invalidFile", False), ("codec", False), ("uploadAborted", True), ("conversion", True)],
)
def test_processing_failures(reason: str, retryable: bool) -> None:
    message, may_retry = errors.processing_failure(reason)
    assert may_retry is retryable
    assert message


def _http_error(status: int, content: bytes, *, resumable: bool = False) -> HttpError:
    response = httplib2.Response({"status": status, "retry-after": "3"})
    cls = ResumableUploadError if resumable else HttpError
    return cls(response, content)


@pytest.mark.parametrize(
    ("raised", "kind"),
    [
        (_http_error(503, b""), RetryableError),
        (_http_error(401, b'{"error":{"errors":[{"reason":"authError"}]}}'), AuthError),
        (
            _http_error(403, b'{"error":{"errors":[{"reason":"quotaExceeded"}]}}', resumable=True),
            QuotaExceeded,
        ),
        (TimeoutError("timed out"), RetryableError),
        (ConnectionResetError(), RetryableError),
        (http.client.IncompleteRead(b""), RetryableError),
        (httplib2.ServerNotFoundError("nope"), RetryableError),
        (json.JSONDecodeError("bad", "{", 0), RetryableError),
        (InvalidChunkSizeError(), PermanentError),
    ],
)
def test_no_vendor_exception_escapes(raised: Exception, kind: type[PlatformError]) -> None:
    with pytest.raises(kind), library_errors("upload"):
        raise raised
