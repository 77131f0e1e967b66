"""TikTok's error table, fail reasons and chunk rules (pure functions, no server)."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from backend.platforms.base import (
    AuthError,
    MediaFile,
    MediaRejected,
    PermanentError,
    PlatformError,
    QuotaExceeded,
    RetryableError,
)
from backend.platforms.tiktok.errors import (
    API_ERRORS,
    api_error,
    envelope_error,
    fail_reason,
    oauth_error,
)
from backend.platforms.tiktok.media import (
    MAX_CHUNK_BYTES,
    MIB,
    check_duration,
    check_media,
    plan_chunks,
)


@pytest.mark.parametrize(
    ("status", "code", "kind"),
    [
        (401, "access_token_invalid", AuthError),
        (401, "scope_not_authorized", AuthError),
        (401, "scope_permission_missed", AuthError),
        (400, "invalid_params", PermanentError),
        (400, "invalid_file_upload", MediaRejected),
        (429, "rate_limit_exceeded", RetryableError),
        (500, "internal_error", RetryableError),
        (403, "spam_risk_too_many_posts", QuotaExceeded),
        (403, "spam_risk_too_many_pending_share", QuotaExceeded),
        (403, "spam_risk_user_banned_from_posting", PermanentError),
        (403, "unaudited_client_can_only_post_to_private_accounts", PermanentError),
        (403, "url_ownership_unverified", PermanentError),
        (400, "privacy_level_option_mismatch", PermanentError),
        # Not in the table: by prefix, then by HTTP status.
        (403, "scope_something_new", AuthError),
        (403, "spam_risk_something_new", PermanentError),
        (401, "some_new_auth_code", AuthError),
        (429, "http_429", RetryableError),
        (503, "http_503", RetryableError),
        (502, "bad_gateway_html", RetryableError),
        (400, "something_else", PermanentError),
    ],
)
def test_api_error_table(status: int, code: str, kind: type[PlatformError]) -> None:
    error = api_error(status, code, "the message", retry_after_seconds=3)
    assert type(error) is kind
    assert error.platform == "tiktok"
    assert error.reason == f"{code}: the message"
    assert error.status_code == status
    assert error.retry_after_seconds == 3
    assert error.user_message
    assert "_" not in error.user_message.split("(")[0]  # words for a marketer, not codes


def test_every_documented_code_is_in_the_table() -> None:
    documented = {
        "access_token_invalid",
        "scope_not_authorized",
        "scope_permission_missed",
        "invalid_params",
        "invalid_file_upload",
        "rate_limit_exceeded",
        "internal_error",
        "spam_risk_too_many_posts",
        "spam_risk_too_many_pending_share",
        "unaudited_client_can_only_post_to_private_accounts",
        "url_ownership_unverified",
    }
    assert documented <= set(API_ERRORS)


@pytest.mark.parametrize(
    ("status", "code", "kind"),
    [
        (400, "invalid_grant", AuthError),
        (400, "access_denied", AuthError),
        (401, "invalid_client", PermanentError),
        (400, "invalid_request", PermanentError),
        (500, "server_error", RetryableError),
        (503, "temporarily_unavailable", RetryableError),
        (429, "rate_limit_exceeded", RetryableError),
        (502, "http_502", RetryableError),
    ],
)
def test_oauth_error_table(status: int, code: str, kind: type[PlatformError]) -> None:
    assert type(oauth_error(status, code, "why")) is kind


@pytest.mark.parametrize(
    ("reason", "retryable", "words"),
    [
        ("internal", True, "temporary"),
        ("video_pull_failed", True, "fetch"),
        ("auth_removed", False, "access"),
        ("frame_rate_check_failed", False, "23-60 fps"),
        ("picture_size_check_failed", False, "360-4096"),
        ("duration_check_failed", False, "too long"),
        ("file_format_check_failed", False, "MP4"),
        ("spam_risk_too_many_posts", False, "limit"),
        ("spam_risk_new", False, "spam"),
        ("publish_cancelled", False, "cancelled"),
        ("never_heard_of_it", False, "never_heard_of_it"),
    ],
)
def test_fail_reasons(reason: str, retryable: bool, words: str) -> None:
    known = fail_reason(reason)
    assert known.retryable is retryable
    assert words in known.user_message


def test_envelope_error() -> None:
    ok = {"data": {}, "error": {"code": "ok", "message": "", "log_id": "1"}}
    assert envelope_error(ok) == ("ok", "")
    bad = {"data": {}, "error": {"code": "invalid_params", "message": "m", "log_id": "1"}}
    assert envelope_error(bad) == ("invalid_params", "m")
    assert envelope_error(None) == ("unreadable_response", "")
    assert envelope_error({"data": {}}) == ("ok", "")


@pytest.mark.parametrize(
    ("size", "preferred", "chunk", "total"),
    [
        (1000, 10 * MIB, 1000, 1),  # under 5 MB: whole
        (5 * MIB - 1, 5 * MIB, 5 * MIB - 1, 1),
        (8 * MIB, 10 * MIB, 8 * MIB, 1),  # fits one preferred chunk: whole
        (16 * MIB + 123, 5 * MIB, 5 * MIB, 3),  # the last chunk takes the remainder
        (25 * MIB, 10 * MIB, 10 * MIB, 2),
        (20_000 * MIB, 10 * MIB, 20 * MIB, 1000),  # more than 1000 chunks: bigger ones
    ],
)
def test_chunk_plan(size: int, preferred: int, chunk: int, total: int) -> None:
    plan = plan_chunks(size, preferred)
    assert (plan.chunk_size, plan.total_chunk_count) == (chunk, total)
    assert plan.total_chunk_count == size // plan.chunk_size
    ranges = [plan.chunk_range(i) for i in range(plan.total_chunk_count)]
    assert ranges[0][0] == 0
    assert ranges[-1][1] == size - 1
    assert all(a[1] + 1 == b[0] for a, b in itertools.pairwise(ranges))
    assert ranges[-1][1] - ranges[-1][0] + 1 <= 128 * MIB


def test_chunk_plan_limits() -> None:
    with pytest.raises(ValueError, match="chunks"):
        plan_chunks(100 * MIB, 4 * MIB)
    with pytest.raises(ValueError, match="chunks"):
        plan_chunks(100 * MIB, 65 * MIB)
    with pytest.raises(MediaRejected):
        plan_chunks(MAX_CHUNK_BYTES * 1001, 10 * MIB)
    assert plan_chunks(16 * MIB, 5 * MIB).chunk_index(10 * MIB) == 2


def _media(**overrides: object) -> MediaFile:
    values: dict[str, object] = {
        "path": Path("v.mp4"),
        "size_bytes": 1000,
        "duration_seconds": 30.0,
        "width": 1080,
        "height": 1920,
        "content_type": "video/mp4",
    }
    values.update(overrides)
    return MediaFile(**values)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "overrides",
    [
        {"content_type": "video/x-msvideo"},
        {"size_bytes": 0},
        {"size_bytes": 5 * 1024**3},
        {"width": 320},
        {"height": 5000},
    ],
)
def test_check_media_refuses(overrides: dict[str, object]) -> None:
    with pytest.raises(MediaRejected):
        check_media(_media(**overrides))


def test_check_media_and_duration_accept() -> None:
    check_media(_media())
    check_media(_media(content_type="video/webm", width=360, height=4096))
    check_duration(_media(), 60)
    check_duration(_media(), None)
    with pytest.raises(MediaRejected, match="duration_check_failed"):
        check_duration(_media(duration_seconds=61.0), 60)
