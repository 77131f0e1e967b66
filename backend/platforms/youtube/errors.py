"""YouTube's documented errors, as our error classes (one table; the client never decides
retryability anywhere else).

API errors arrive as ``{"error": {"code", "message", "errors": [{"reason", ...}]}}``; Google's
OAuth endpoints answer ``{"error": "<code>", "error_description": ...}``. A rule is looked up by
(status, reason), then by reason alone, then by status alone, then by status class.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import httpx

from backend.platforms.base import (
    AuthError,
    MediaRejected,
    PermanentError,
    PlatformError,
    QuotaExceeded,
    RetryableError,
)
from backend.platforms.http import retry_after_seconds
from core.clock import utcnow

PLATFORM = "youtube"
PACIFIC = ZoneInfo("America/Los_Angeles")
DAY_SECONDS = 24 * 3600


@dataclass(frozen=True)
class Rule:
    kind: type[PlatformError]
    user_message: str
    # How long to wait: "midnight_pt" (the project's daily quota), "day" (a rolling 24 h), or None.
    wait: str | None = None


RECONNECT = "Reconnect the YouTube account in Stakazo."

# (HTTP status or None, reason or None) -> rule.
API_ERRORS: dict[tuple[int | None, str | None], Rule] = {
    (401, None): Rule(AuthError, f"YouTube no longer accepts this account's sign-in. {RECONNECT}"),
    (None, "authError"): Rule(AuthError, f"YouTube refused the sign-in. {RECONNECT}"),
    (None, "youtubeSignupRequired"): Rule(
        AuthError, "This Google account has no YouTube channel yet; create one, then reconnect."
    ),
    (403, "insufficientPermissions"): Rule(
        AuthError,
        "Stakazo lacks permission to upload to this channel. Reconnect it and allow every "
        "requested permission.",
    ),
    (403, "forbidden"): Rule(PermanentError, "YouTube refused the request for this channel."),
    (403, "authenticatedUserAccountClosed"): Rule(
        PermanentError, "This YouTube account is closed."
    ),
    (403, "authenticatedUserAccountSuspended"): Rule(
        PermanentError, "This YouTube account is suspended."
    ),
    (403, "forbiddenPrivacySetting"): Rule(
        PermanentError, "YouTube does not allow the chosen privacy setting for this video."
    ),
    (403, "quotaExceeded"): Rule(
        QuotaExceeded,
        "Stakazo's daily YouTube upload allowance is used up; uploads resume after midnight "
        "Pacific time.",
        wait="midnight_pt",
    ),
    (403, "dailyLimitExceeded"): Rule(
        QuotaExceeded,
        "Stakazo's daily YouTube allowance is used up; it resets at midnight Pacific time.",
        wait="midnight_pt",
    ),
    (None, "uploadLimitExceeded"): Rule(
        QuotaExceeded,
        "This channel has uploaded as many videos as YouTube allows in 24 hours; try again "
        "tomorrow.",
        wait="day",
    ),
    (403, "userRateLimitExceeded"): Rule(RetryableError, "YouTube asked us to slow down."),
    (403, "rateLimitExceeded"): Rule(RetryableError, "YouTube asked us to slow down."),
    (429, None): Rule(RetryableError, "YouTube asked us to slow down."),
    (400, "badContent"): Rule(
        MediaRejected, "YouTube does not accept this file type; upload an MP4 or MOV video."
    ),
    (400, "mediaBodyRequired"): Rule(MediaRejected, "YouTube received no video file."),
    (413, None): Rule(MediaRejected, "The video is larger than YouTube accepts."),
    (400, "invalidTitle"): Rule(
        PermanentError, "YouTube rejected the title (empty, over 100 characters, or uses < >)."
    ),
    (400, "invalidDescription"): Rule(
        PermanentError, "YouTube rejected the description (over 5000 bytes, or uses < >)."
    ),
    (400, "invalidCategoryId"): Rule(PermanentError, "YouTube does not know the video category."),
    (400, "invalidPublishAt"): Rule(
        PermanentError, "YouTube rejected the scheduled time (it must be in the future)."
    ),
    (400, "invalidVideoMetadata"): Rule(PermanentError, "YouTube rejected the video's details."),
    (404, "videoNotFound"): Rule(PermanentError, "YouTube cannot find that video."),
    (None, "backendError"): Rule(RetryableError, "YouTube had a temporary problem."),
    (500, None): Rule(RetryableError, "YouTube had a temporary problem."),
    (502, None): Rule(RetryableError, "YouTube had a temporary problem."),
    (503, None): Rule(RetryableError, "YouTube is temporarily unavailable."),
    (504, None): Rule(RetryableError, "YouTube did not answer in time."),
}

# Google's OAuth endpoints (token, refresh, revoke): RFC 6749 error codes.
OAUTH_ERRORS: dict[str, Rule] = {
    "invalid_grant": Rule(
        AuthError, f"Google no longer accepts this account's authorization. {RECONNECT}"
    ),
    "invalid_token": Rule(AuthError, f"Google no longer accepts this token. {RECONNECT}"),
    "access_denied": Rule(AuthError, "Access to YouTube was not granted."),
    "invalid_client": Rule(PermanentError, "Stakazo's Google client id or secret is wrong."),
    "unauthorized_client": Rule(PermanentError, "Stakazo's Google client may not do this."),
    "invalid_request": Rule(PermanentError, "Google refused a malformed sign-in request."),
    "invalid_scope": Rule(PermanentError, "Google refused the requested permissions."),
    "temporarily_unavailable": Rule(RetryableError, "Google sign-in is temporarily unavailable."),
    "server_error": Rule(RetryableError, "Google sign-in had a temporary problem."),
}

# What the platform says when processing gives up (status.failureReason / rejectionReason):
# reason -> (message, whether a new upload may help).
PROCESSING_FAILURES: dict[str, tuple[str, bool]] = {
    "codec": ("YouTube cannot decode the video's codec.", False),
    "conversion": ("YouTube could not convert the video.", True),
    "emptyFile": ("YouTube received an empty file.", False),
    "invalidFile": ("YouTube says the file is not a video it can read.", False),
    "tooSmall": ("YouTube says the file is too small to be a video.", False),
    "uploadAborted": ("The upload to YouTube was aborted.", True),
    "claim": ("YouTube rejected the video over a rights claim.", False),
    "copyright": ("YouTube rejected the video for copyright infringement.", False),
    "duplicate": ("YouTube rejected the video as a duplicate.", False),
    "inappropriate": ("YouTube rejected the video as inappropriate.", False),
    "legal": ("YouTube rejected the video for legal reasons.", False),
    "length": ("YouTube rejected the video as too long for this channel.", False),
    "termsOfUse": ("YouTube says the video violates its terms of use.", False),
    "trademark": ("YouTube rejected the video for trademark infringement.", False),
    "uploaderAccountClosed": ("The channel has been closed.", False),
    "uploaderAccountSuspended": ("The channel has been suspended.", False),
    "deleted": ("The video was deleted on YouTube.", True),
}


def _json(body: bytes | str | dict[str, Any] | None) -> dict[str, Any]:
    if isinstance(body, dict):
        return body
    if not body:
        return {}
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        return {}
    return data if isinstance(data, dict) else {}


def parse_api_error(body: bytes | str | dict[str, Any] | None) -> tuple[str | None, str]:
    """(first reason, message) from Google's JSON error body; (None, "") when there is none."""
    error = _json(body).get("error")
    if not isinstance(error, dict):
        return None, ""
    details = error.get("errors") or []
    reason = details[0].get("reason") if details and isinstance(details[0], dict) else None
    return (str(reason) if reason else None), str(error.get("message") or "")


def _lookup(status: int, reason: str | None) -> Rule:
    for key in ((status, reason), (None, reason), (status, None)):
        if key[1] is None and key[0] is None:
            continue
        rule = API_ERRORS.get(key)
        if rule is not None:
            return rule
    if status >= 500:
        return Rule(RetryableError, "YouTube had a temporary problem.")
    return Rule(PermanentError, "YouTube refused the request.")


def seconds_until_pacific_midnight(now: datetime | None = None) -> float:
    """Google resets daily quotas at midnight Pacific time."""
    local = (now or utcnow()).astimezone(PACIFIC)
    midnight = (local + timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
    return max(1.0, (midnight - local).total_seconds())


def _wait(rule: Rule, retry_after: float | None, now: datetime | None) -> float | None:
    if retry_after is not None:
        return retry_after
    if rule.wait == "midnight_pt":
        return seconds_until_pacific_midnight(now)
    if rule.wait == "day":
        return float(DAY_SECONDS)
    return None


def from_api_response(
    status: int,
    body: bytes | str | dict[str, Any] | None,
    *,
    operation: str,
    retry_after: float | None = None,
    now: datetime | None = None,
) -> PlatformError:
    """The error for a failed Data API (or upload) response."""
    reason, message = parse_api_error(body)
    rule = _lookup(status, reason)
    detail = f"{operation}: HTTP {status} {reason or 'no reason'}"
    if message:
        detail += f": {message}"
    return rule.kind(
        PLATFORM,
        detail,
        rule.user_message,
        retry_after_seconds=_wait(rule, retry_after, now),
        status_code=status,
    )


def from_response(response: httpx.Response, operation: str) -> PlatformError:
    """The error for a failed answer from the Data API or the hub, honouring its Retry-After."""
    return from_api_response(
        response.status_code,
        response.content,
        operation=operation,
        retry_after=retry_after_seconds(response),
    )


def from_oauth_response(
    status: int, body: bytes | str | dict[str, Any] | None, *, operation: str
) -> PlatformError:
    """The error for a failed answer from Google's OAuth endpoints."""
    data = _json(body)
    code = data.get("error")
    if isinstance(code, dict):  # some endpoints answer in the API format
        return from_api_response(status, data, operation=operation)
    code_text = str(code) if code else ""
    rule = OAUTH_ERRORS.get(code_text)
    if rule is None:
        rule = (
            Rule(RetryableError, "Google sign-in had a temporary problem.")
            if status >= 500 or status == 429
            else Rule(PermanentError, "Google refused the sign-in request.")
        )
    description = data.get("error_description") or ""
    return rule.kind(
        PLATFORM,
        f"{operation}: HTTP {status} {code_text or 'no error code'} {description}".rstrip(),
        rule.user_message,
        status_code=status,
    )


def json_body(response: httpx.Response, operation: str) -> dict[str, Any]:
    """A success answer's JSON object; anything else means the answer was mangled on the way
    (a proxy, a cut connection), which a later attempt may not meet."""
    data = _json(response.content)
    if not data:
        raise RetryableError(
            PLATFORM,
            f"{operation}: HTTP {response.status_code} without a JSON object",
            "YouTube sent an unreadable answer.",
            status_code=response.status_code,
        )
    return data


def processing_failure(reason: str) -> tuple[str, bool]:
    """(user message, retryable) for a failed or rejected upload."""
    return PROCESSING_FAILURES.get(
        reason, (f"YouTube could not process the video ({reason}).", False)
    )
