"""Instagram's documented errors -> our error classes (the table in errors.py)."""

from __future__ import annotations

import httpx
import pytest

from backend.platforms.base import (
    AuthError,
    MediaRejected,
    PermanentError,
    PlatformError,
    QuotaExceeded,
    RetryableError,
)
from backend.platforms.instagram.errors import (
    classify,
    container_failure,
    error_from_response,
    graph_error_of,
)

# (code, subcode, is_transient, HTTP status) -> class; rows from Meta's error-code reference and
# the retry table of our protocol notes (section D).
TABLE: list[tuple[int | None, int | None, bool, int, type[PlatformError]]] = [
    (190, None, False, 400, AuthError),  # invalid token
    (190, 463, False, 400, AuthError),  # expired
    (190, 458, False, 400, AuthError),  # app removed by the user
    (190, 460, False, 400, AuthError),  # password changed
    (102, None, False, 400, AuthError),  # session key invalid
    (104, None, False, 400, AuthError),  # no token
    (10, None, False, 400, AuthError),  # permission
    (200, None, False, 403, AuthError),
    (299, None, False, 403, AuthError),
    (1, None, False, 400, RetryableError),  # unknown
    (2, None, False, 400, RetryableError),  # service
    (4, None, False, 400, RetryableError),  # app throttled
    (17, None, False, 400, RetryableError),  # user throttled
    (32, None, False, 400, RetryableError),
    (613, None, False, 400, RetryableError),
    (100, None, True, 400, RetryableError),  # is_transient wins over the code
    (-1, 2207001, False, 400, RetryableError),  # server error
    (-2, 2207003, False, 400, RetryableError),  # download timeout
    (9007, 2207027, False, 400, RetryableError),  # not ready: poll again
    (-1, 2207032, False, 400, RetryableError),  # re-create the container
    (-1, 2207053, False, 400, RetryableError),  # unknown upload error: new container
    (24, 2207008, False, 400, RetryableError),  # builder gone, "try again 1-2 times"
    (9, 2207042, False, 400, QuotaExceeded),  # publishing limit
    (9, None, False, 400, QuotaExceeded),
    (-2, 2207020, False, 400, PermanentError),  # container expired (the client says "expired")
    (4, 2207051, False, 400, PermanentError),  # spam restriction beats "4 = throttling"
    (25, 2207050, False, 400, PermanentError),  # account restricted
    (24, 2207006, False, 400, PermanentError),  # media not found
    (352, 2207026, False, 400, MediaRejected),  # video format
    (36000, 2207004, False, 400, MediaRejected),  # image too large
    (36001, 2207005, False, 400, MediaRejected),
    (36003, 2207009, False, 400, MediaRejected),  # aspect ratio
    (36004, 2207010, False, 400, PermanentError),  # caption too long: not the file
    (1, 2207057, False, 400, PermanentError),  # cover offset: subcode beats "1 = unknown"
    (100, 2207040, False, 400, PermanentError),  # too many @-tags
    (100, 33, False, 400, PermanentError),  # no such object
    (100, None, False, 400, PermanentError),  # invalid parameter
    (12345, None, False, 400, PermanentError),  # unknown code
    (100, None, False, 429, RetryableError),  # HTTP 429 whatever the body
    (100, None, False, 500, RetryableError),  # 5xx whatever the body
    (None, None, False, 503, RetryableError),
]


@pytest.mark.parametrize(("code", "subcode", "transient", "status", "kind"), TABLE)
def test_the_error_table(
    code: int | None, subcode: int | None, transient: bool, status: int, kind: type
) -> None:
    verdict = classify(code, subcode, is_transient=transient, http_status=status)
    assert verdict.kind is kind
    assert verdict.user_message.endswith(".")


def _graph(status: int, code: int, subcode: int | None = None, **extra: object) -> httpx.Response:
    error: dict[str, object] = {"message": "m", "type": "OAuthException", "code": code, **extra}
    if subcode is not None:
        error["error_subcode"] = subcode
    return httpx.Response(status, json={"error": error})


def test_a_graph_answer_keeps_the_codes_in_the_reason() -> None:
    error = error_from_response(_graph(400, 9, 2207042, fbtrace_id="x"), "media_publish")
    assert isinstance(error, QuotaExceeded)
    assert error.reason == "media_publish: OAuthException 9/2207042: m"
    assert error.status_code == 400
    parsed = graph_error_of(error)
    assert parsed is not None
    assert (parsed.code, parsed.subcode) == (9, 2207042)


def test_retry_after_is_read_from_the_header() -> None:
    response = httpx.Response(429, headers={"Retry-After": "12"}, json={"error": {"code": 4}})
    error = error_from_response(response, "quota")
    assert isinstance(error, RetryableError)
    assert error.retry_after_seconds == 12


def test_the_oauth_host_shape_is_an_auth_error() -> None:
    body = {"error_type": "OAuthException", "code": 400, "error_message": "code used"}
    error = error_from_response(httpx.Response(400, json=body), "access_token")
    assert isinstance(error, AuthError)
    assert "code used" in error.reason


@pytest.mark.parametrize(
    ("status", "info", "kind"),
    [
        (400, {"retriable": True, "type": "InvalidOffset"}, RetryableError),
        (413, {"retriable": False, "type": "FileTooLarge"}, MediaRejected),
        (401, {"retriable": False, "type": "OAuthException"}, AuthError),
        (400, {"retriable": False, "type": "ProcessingFailedError"}, PermanentError),
        (503, {"retriable": False, "type": "ProcessingFailedError"}, RetryableError),
    ],
)
def test_the_upload_host_shape(status: int, info: dict[str, object], kind: type) -> None:
    response = httpx.Response(status, json={"debug_info": {**info, "message": "m"}})
    assert type(error_from_response(response, "upload")) is kind


def test_answers_without_a_body_fall_back_on_the_status() -> None:
    assert isinstance(error_from_response(httpx.Response(502, text="<html>"), "x"), RetryableError)
    assert type(error_from_response(httpx.Response(404, text="nope"), "x")) is PermanentError


@pytest.mark.parametrize(
    ("status", "retryable"),
    [
        ("Error: Media upload has failed with error code 2207026", False),
        ("Error: Media upload has failed with error code 2207053", True),
        ("Error: something unexpected", False),
    ],
)
def test_a_container_in_error_says_whether_a_new_one_may_help(status: str, retryable: bool) -> None:
    reason, verdict = container_failure(status)
    assert status in reason
    assert verdict.retryable is retryable
