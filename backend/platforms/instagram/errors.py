"""Instagram's error answers turned into our error classes, by one table.

Three hosts answer in three shapes:

    graph.instagram.com   {"error": {"message", "type", "code", "error_subcode", "is_transient",
                           "error_user_title", "error_user_msg", "fbtrace_id"}}
    api.instagram.com     {"error_type": "OAuthException", "code": 400, "error_message": "..."}
    rupload.facebook.com  {"debug_info": {"retriable": bool, "type": "...", "message": "..."}}

How a Graph error is classified, first match wins (Meta's error-code reference and the Graph
error-handling guide; the retry column of our protocol notes, section D):

1. HTTP 429 or 5xx: retryable (the call may or may not have happened; ask before redoing it).
2. The subcode, when the table knows it: it is more precise than the code (code 4 is throttling,
   but 4 with subcode 2207051 is a spam restriction).
3. ``is_transient: true``: retryable.
4. The code (200-299 are all permission errors).
5. Anything else: permanent.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

import httpx

from backend.platforms.base import (
    AuthError,
    MediaRejected,
    PermanentError,
    PlatformError,
    QuotaExceeded,
    RetryableError,
)
from backend.platforms.http import json_or_none, retry_after_seconds

PLATFORM = "instagram"

# Subcodes the client acts on itself, beyond raising.
CONTAINER_EXPIRED = 2207020  # the container is older than 24 h: start a new one
NOT_READY = 2207027  # published before FINISHED: poll again
BUILDER_GONE = 2207008  # "does not exist or has been expired": also what a used container says


@dataclass(frozen=True)
class Verdict:
    kind: type[PlatformError]
    user_message: str

    @property
    def retryable(self) -> bool:
        return self.kind is RetryableError


def _retry(message: str) -> Verdict:
    return Verdict(RetryableError, message)


def _permanent(message: str) -> Verdict:
    return Verdict(PermanentError, message)


def _auth(message: str) -> Verdict:
    return Verdict(AuthError, message)


def _media(message: str) -> Verdict:
    return Verdict(MediaRejected, message)


_RECONNECT = "Reconnect the Instagram account in Stakazo."

SUBCODES: dict[int, Verdict] = {
    # Publishing (error-codes reference, "Error Codes Defined").
    2207001: _retry("Instagram had a server error; the upload will be tried again."),
    2207003: _retry("Instagram took too long to fetch the video; it will be tried again."),
    2207008: _retry("Instagram briefly lost track of the prepared upload; trying again."),
    2207020: _permanent(
        "The upload waited more than 24 hours on Instagram and expired; it must be sent again."
    ),
    2207027: _retry("Instagram is still processing the video; publishing will be tried again."),
    2207032: _retry("Instagram could not prepare the post; it will be prepared again."),
    2207053: _retry("Instagram had an unknown upload error; the video will be uploaded again."),
    2207042: Verdict(
        QuotaExceeded,
        "The account reached Instagram's limit of posts published through apps in 24 hours.",
    ),
    2207050: _permanent(
        "Instagram says the account is inactive, checkpointed or restricted. Sign in to the "
        "Instagram app and complete what it asks, then try again."
    ),
    2207051: _permanent("Instagram restricted this post as suspected spam."),
    2207006: _permanent("Instagram cannot find this media (deleted, or a permission is missing)."),
    2207052: _permanent("Instagram could not fetch the media from its address."),
    2207026: _media(
        "Instagram says the video's format is not supported (MP4 or MOV, H.264 or HEVC, AAC "
        "audio, 3 s to 15 min, at most 300 MB)."
    ),
    2207004: _media("Instagram says the image is larger than 8 MB."),
    2207005: _media("Instagram says the image format is not supported."),
    2207009: _media("Instagram says the aspect ratio is not supported."),
    2207057: _permanent("The cover frame time is outside the video."),
    2207010: _permanent(
        "The caption is too long for Instagram (2,200 characters, 30 hashtags and 20 "
        "@-mentions at most)."
    ),
    2207040: _permanent("The caption has more than 20 @-mentions, Instagram's limit."),
    2207023: _permanent("Instagram does not know this media type."),
    2207028: _permanent("Instagram carousels need 2 to 10 photos or videos."),
    2207035: _permanent("Instagram does not allow product tag positions on videos."),
    2207036: _permanent("Instagram needs product tag positions on photos."),
    2207037: _permanent("Instagram could not add the product tags."),
    # Access tokens (Graph error-handling guide, "Authentication Error Subcodes").
    458: _auth("The Instagram account removed Stakazo's access. " + _RECONNECT),
    459: _auth("Instagram locked the account until its owner signs in. " + _RECONNECT),
    460: _auth("The Instagram password changed, which ended Stakazo's access. " + _RECONNECT),
    463: _auth("Stakazo's access to the Instagram account expired. " + _RECONNECT),
    464: _auth("The Instagram account is not confirmed yet. " + _RECONNECT),
    467: _auth("Stakazo's access to the Instagram account is no longer valid. " + _RECONNECT),
    492: _auth("The Instagram session is no longer valid. " + _RECONNECT),
    # "Object does not exist, cannot be loaded due to missing permissions..."
    33: _permanent("Instagram cannot find this item, or Stakazo may not see it."),
}

_THROTTLED = _retry("Instagram is limiting how fast Stakazo may call it; waiting before retrying.")
_PERMISSION = _auth(
    "Stakazo lacks an Instagram permission it needs. Reconnect the account and allow everything "
    "Stakazo asks for."
)

CODES: dict[int, Verdict] = {
    -2: _retry("Instagram had a temporary problem; trying again."),
    -1: _retry("Instagram had a temporary problem; trying again."),
    1: _retry("Instagram had an unknown error; trying again."),
    2: _retry("Instagram is temporarily unavailable; trying again."),
    4: _THROTTLED,
    17: _THROTTLED,
    32: _THROTTLED,
    613: _THROTTLED,
    80002: _THROTTLED,
    9: Verdict(QuotaExceeded, "The account reached Instagram's publishing limit for now."),
    9007: _retry("Instagram is still processing the video; publishing will be tried again."),
    10: _PERMISSION,
    102: _auth("The Instagram session is no longer valid. " + _RECONNECT),
    104: _auth("Instagram needs an access token for this. " + _RECONNECT),
    190: _auth("Stakazo's access to the Instagram account is no longer valid. " + _RECONNECT),
    100: _permanent("Instagram refused a parameter of the request."),
    24: _permanent("Instagram cannot find this media."),
    25: _permanent("Instagram says the account is restricted."),
    352: _media("Instagram says the video's format is not supported."),
    36000: _media("Instagram says the image is too large."),
    36001: _media("Instagram says the image format is not supported."),
    36003: _media("Instagram says the aspect ratio is not supported."),
    36004: _permanent("The caption is too long for Instagram."),
}

_SERVER = _retry("Instagram did not answer properly; trying again.")
_UNKNOWN = _permanent("Instagram refused the request.")


def classify(
    code: int | None,
    subcode: int | None = None,
    *,
    is_transient: bool = False,
    http_status: int | None = None,
) -> Verdict:
    """The verdict for one Graph error (see the module docstring for the order)."""
    if http_status is not None and (http_status == 429 or http_status >= 500):
        return _SERVER if http_status >= 500 else _THROTTLED
    if subcode is not None and subcode in SUBCODES:
        return SUBCODES[subcode]
    if is_transient:
        return _retry("Instagram had a temporary problem; trying again.")
    if code is not None:
        if code in CODES:
            return CODES[code]
        if 200 <= code <= 299:
            return _PERMISSION
    return _UNKNOWN


@dataclass(frozen=True)
class GraphError:
    """The ``error`` object of a Graph answer."""

    message: str
    type: str | None = None
    code: int | None = None
    subcode: int | None = None
    is_transient: bool = False
    user_title: str | None = None
    user_msg: str | None = None
    fbtrace_id: str | None = None

    @classmethod
    def parse(cls, body: Any) -> GraphError | None:
        error = body.get("error") if isinstance(body, dict) else None
        if not isinstance(error, dict):
            return None
        return cls(
            message=str(error.get("message") or ""),
            type=_text(error.get("type")),
            code=_int(error.get("code")),
            subcode=_int(error.get("error_subcode")),
            is_transient=bool(error.get("is_transient")),
            user_title=_text(error.get("error_user_title")),
            user_msg=_text(error.get("error_user_msg")),
            fbtrace_id=_text(error.get("fbtrace_id")),
        )

    @property
    def label(self) -> str:
        """``190/463``: the codes as Meta's reference lists them."""
        return f"{self.code}/{self.subcode}" if self.subcode is not None else f"{self.code}"


def _text(value: Any) -> str | None:
    return str(value) if value not in (None, "") else None


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def graph_error_of(error: PlatformError) -> GraphError | None:
    """The Graph error an exception was built from, if it was built from one."""
    value = getattr(error, "graph_error", None)
    return value if isinstance(value, GraphError) else None


def _build(
    verdict: Verdict,
    reason: str,
    *,
    user_message: str | None = None,
    response: httpx.Response | None = None,
    graph: GraphError | None = None,
) -> PlatformError:
    error = verdict.kind(
        PLATFORM,
        reason,
        user_message or verdict.user_message,
        retry_after_seconds=retry_after_seconds(response) if response is not None else None,
        status_code=response.status_code if response is not None else None,
    )
    # The client acts on a few subcodes itself (expired container, not ready yet).
    setattr(error, "graph_error", graph)  # noqa: B010 - PlatformError has no slot for it
    return error


def error_from_response(response: httpx.Response, operation: str) -> PlatformError:
    """Our error for a failed answer from any of Instagram's hosts."""
    body = json_or_none(response)
    status = response.status_code
    graph = GraphError.parse(body)
    if graph is not None:
        verdict = classify(
            graph.code, graph.subcode, is_transient=graph.is_transient, http_status=status
        )
        reason = f"{operation}: {graph.type or 'error'} {graph.label}: {graph.message}"
        return _build(verdict, reason, response=response, graph=graph)
    if isinstance(body, dict) and "error_type" in body:
        return _oauth_error(body, status, operation, response)
    if isinstance(body, dict) and isinstance(body.get("debug_info"), dict):
        return _upload_error(body["debug_info"], status, operation, response)
    verdict = classify(None, http_status=status)
    snippet = response.text[:200].strip() if body is None else json.dumps(body)[:200]
    return _build(verdict, f"{operation}: HTTP {status}: {snippet}", response=response)


def _oauth_error(
    body: dict[str, Any], status: int, operation: str, response: httpx.Response
) -> PlatformError:
    """api.instagram.com: a refused code, redirect URI or app secret. The user must connect
    again (a code is single-use and short-lived)."""
    message = str(body.get("error_message") or "")
    reason = f"{operation}: {body.get('error_type')} {body.get('code')}: {message}"
    if status == 429 or status >= 500:
        return _build(classify(None, http_status=status), reason, response=response)
    verdict = _auth("Instagram did not accept the sign-in. Connect the account again.")
    return _build(verdict, reason, response=response)


# rupload.facebook.com's ``debug_info.type`` values the client acts on. Meta documents none of
# them [?]; these are the sandbox's, and unknown ones fall back to ``retriable`` and the status.
UPLOAD_TOO_LARGE = "FileTooLarge"
UPLOAD_OFFSET_MISMATCH = "InvalidOffset"


def _upload_error(
    info: dict[str, Any], status: int, operation: str, response: httpx.Response
) -> PlatformError:
    kind = str(info.get("type") or "UploadError")
    reason = f"{operation}: {kind}: {info.get('message') or ''}"
    if status == 429 or status >= 500:
        verdict = classify(None, http_status=status)
    elif info.get("retriable") is True:
        verdict = _retry("The upload to Instagram was interrupted; it will resume.")
    elif status in (401, 403) or kind == "OAuthException":
        verdict = _auth("Instagram refused Stakazo's access while uploading. " + _RECONNECT)
    elif status == 413 or kind == UPLOAD_TOO_LARGE:
        verdict = _media("Instagram says the video file is too large (300 MB at most).")
    else:
        verdict = _permanent("Instagram refused the upload.")
    return _build(verdict, reason, response=response)


_SUBCODE_IN_STATUS = re.compile(r"\b(\d{7})\b")


def container_failure(status_text: str) -> tuple[str, Verdict]:
    """A container in ``ERROR``: its ``status`` holds the error subcode ("Error: ... 2207026").
    Returns the reason to record and the verdict (retryable means: a new container may help)."""
    match = _SUBCODE_IN_STATUS.search(status_text)
    subcode = int(match.group(1)) if match else None
    verdict = classify(None, subcode) if subcode is not None else _UNKNOWN
    label = str(subcode) if subcode is not None else "ERROR"
    return f"{label}: {status_text}", verdict
