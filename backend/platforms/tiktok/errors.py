"""TikTok's documented error codes, turned into our error classes (one table, read top to bottom).

Three vocabularies:
  * the API envelope ``{"data": {...}, "error": {"code", "message", "log_id"}}``: ``API_ERRORS``;
  * OAuth's ``{error, error_description, log_id}``: ``OAUTH_ERRORS``;
  * ``fail_reason`` of a publish that TikTok gave up on: ``FAIL_REASONS`` (a state, not an error).
Codes missing from a table fall back on the HTTP status (401 → auth, 429 and 5xx → retry).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from backend.platforms.base import (
    AuthError,
    MediaRejected,
    PermanentError,
    PlatformError,
    QuotaExceeded,
    RetryableError,
)

PLATFORM = "tiktok"
RATE_WINDOW_SECONDS = 60.0


@dataclass(frozen=True)
class ErrorRule:
    kind: type[PlatformError]
    user_message: str


RECONNECT = "TikTok no longer accepts Stakazo's access to this account. Reconnect the account."

API_ERRORS: dict[str, ErrorRule] = {
    "access_token_invalid": ErrorRule(AuthError, RECONNECT),
    "scope_not_authorized": ErrorRule(
        AuthError, "The TikTok account did not grant Stakazo permission to post. Reconnect it."
    ),
    "scope_permission_missed": ErrorRule(
        AuthError, "The TikTok account did not grant Stakazo permission to post. Reconnect it."
    ),
    "invalid_params": ErrorRule(PermanentError, "TikTok refused the post's settings."),
    "invalid_file_upload": ErrorRule(
        MediaRejected, "TikTok refused the video file (MP4, MOV or WebM; up to 4 GB)."
    ),
    "rate_limit_exceeded": ErrorRule(
        RetryableError, "TikTok asked us to slow down; the post will be retried shortly."
    ),
    "internal_error": ErrorRule(RetryableError, "TikTok had a temporary problem."),
    "spam_risk_too_many_posts": ErrorRule(
        QuotaExceeded,
        "TikTok's daily posting limit for this account is reached (about 15 posts a day).",
    ),
    "spam_risk_too_many_pending_share": ErrorRule(
        QuotaExceeded,
        "Too many drafts are waiting in this account's TikTok inbox (at most 5 a day). "
        "Post or delete some in the TikTok app first.",
    ),
    "spam_risk_user_banned_from_posting": ErrorRule(
        PermanentError, "TikTok has banned this account from posting."
    ),
    "reached_active_user_cap": ErrorRule(
        QuotaExceeded, "Stakazo's TikTok app reached its daily number of posting accounts."
    ),
    "unaudited_client_can_only_post_to_private_accounts": ErrorRule(
        PermanentError,
        "Stakazo's TikTok app is not audited yet, so it can only post privately (Only me) to "
        "private accounts.",
    ),
    "privacy_level_option_mismatch": ErrorRule(
        PermanentError, "This TikTok account does not offer the chosen visibility."
    ),
    "url_ownership_unverified": ErrorRule(
        PermanentError, "TikTok needs the video's web address to be verified by the app owner."
    ),
}

OAUTH_ERRORS: dict[str, ErrorRule] = {
    "invalid_grant": ErrorRule(AuthError, RECONNECT),
    "access_denied": ErrorRule(AuthError, "Access to the TikTok account was not granted."),
    "invalid_client": ErrorRule(
        PermanentError, "Stakazo's TikTok app credentials are wrong; ask an administrator."
    ),
    "invalid_request": ErrorRule(PermanentError, "TikTok refused the sign-in request."),
    "unauthorized_client": ErrorRule(
        PermanentError, "Stakazo's TikTok app may not use this sign-in method."
    ),
    "invalid_scope": ErrorRule(PermanentError, "TikTok refused the requested permissions."),
    "server_error": ErrorRule(RetryableError, "TikTok had a temporary problem."),
    "temporarily_unavailable": ErrorRule(RetryableError, "TikTok had a temporary problem."),
    "rate_limit_exceeded": ErrorRule(RetryableError, "TikTok asked us to slow down."),
}


@dataclass(frozen=True)
class FailReason:
    retryable: bool
    user_message: str


FAIL_REASONS: dict[str, FailReason] = {
    "internal": FailReason(True, "TikTok had a temporary problem processing the video."),
    "video_pull_failed": FailReason(True, "TikTok could not fetch the video."),
    "auth_removed": FailReason(False, "The account removed Stakazo's access on TikTok."),
    "file_format_check_failed": FailReason(
        False, "TikTok could not read the video (use MP4, MOV or WebM with H.264/H.265/VP8/VP9)."
    ),
    "duration_check_failed": FailReason(False, "TikTok says the video is too long."),
    "frame_rate_check_failed": FailReason(
        False, "TikTok says the video's frame rate is not supported (23-60 fps)."
    ),
    "picture_size_check_failed": FailReason(
        False, "TikTok says the picture size is not supported (360-4096 pixels per side)."
    ),
    "publish_cancelled": FailReason(False, "The post was cancelled on TikTok."),
    "spam_risk_too_many_posts": FailReason(
        False, "TikTok's daily posting limit for this account is reached."
    ),
}


def fail_reason(reason: str) -> FailReason:
    known = FAIL_REASONS.get(reason)
    if known is not None:
        return known
    if reason.startswith("spam_risk"):
        return FailReason(False, "TikTok flagged the post as a spam risk.")
    return FailReason(False, f"TikTok did not publish the video ({reason}).")


def api_error(
    status_code: int, code: str, message: str = "", *, retry_after_seconds: float | None = None
) -> PlatformError:
    """The error for an API answer whose envelope says ``code`` (or that has no envelope)."""
    if code == "rate_limit_exceeded" and retry_after_seconds is None:
        # TikTok's limits are per minute per token and it sends no Retry-After: asking again
        # within the minute only spends the next window's calls.
        retry_after_seconds = RATE_WINDOW_SECONDS
    return _error(API_ERRORS, status_code, code, message, retry_after_seconds)


def oauth_error(
    status_code: int, code: str, description: str = "", *, retry_after_seconds: float | None = None
) -> PlatformError:
    return _error(OAUTH_ERRORS, status_code, code, description, retry_after_seconds)


def _error(
    table: dict[str, ErrorRule],
    status_code: int,
    code: str,
    message: str,
    retry_after_seconds: float | None,
) -> PlatformError:
    rule = table.get(code) or _fallback(status_code, code)
    reason = f"{code}: {message}" if message else code
    return rule.kind(
        PLATFORM,
        reason,
        rule.user_message,
        retry_after_seconds=retry_after_seconds,
        status_code=status_code,
    )


def _fallback(status_code: int, code: str) -> ErrorRule:
    if code.startswith("scope_"):
        return ErrorRule(AuthError, "The TikTok account did not grant a needed permission.")
    if code.startswith("spam_risk"):
        return ErrorRule(PermanentError, "TikTok flagged the post as a spam risk.")
    if status_code == 401:
        return ErrorRule(AuthError, RECONNECT)
    if status_code == 429:
        return ErrorRule(RetryableError, "TikTok asked us to slow down.")
    if status_code >= 500:
        return ErrorRule(RetryableError, "TikTok had a temporary problem.")
    return ErrorRule(PermanentError, f"TikTok refused the request ({code}).")


def envelope_error(body: Any) -> tuple[str, str]:
    """``(code, message)`` from an API envelope; ``("ok", "")`` when it reports none."""
    if not isinstance(body, dict):
        return "unreadable_response", ""
    error = body.get("error")
    if not isinstance(error, dict):
        return "ok", ""
    return str(error.get("code") or "ok"), str(error.get("message") or "")
