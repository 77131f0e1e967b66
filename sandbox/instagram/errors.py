"""The Instagram emulator's errors, each in the shape of the host that gives it."""

from __future__ import annotations

import secrets


class GraphFault(Exception):
    """A Graph API error: ``{"error": {...}}``, HTTP 400 unless said otherwise."""

    def __init__(
        self,
        code: int,
        message: str,
        subcode: int | None = None,
        *,
        status: int = 400,
        user_title: str | None = None,
        user_msg: str | None = None,
        transient: bool = False,
        kind: str = "OAuthException",
    ) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.subcode = subcode
        self.status = status
        self.user_title = user_title
        self.user_msg = user_msg
        self.transient = transient
        self.kind = kind

    def body(self) -> dict[str, object]:
        error: dict[str, object] = {
            "message": self.message,
            "type": self.kind,
            "code": self.code,
            "is_transient": self.transient,
            "fbtrace_id": "A" + secrets.token_urlsafe(16),
        }
        if self.subcode is not None:
            error["error_subcode"] = self.subcode
        if self.user_title:
            error["error_user_title"] = self.user_title
        if self.user_msg:
            error["error_user_msg"] = self.user_msg
        return {"error": error}


class UploadFault(Exception):
    """rupload's error: ``{"debug_info": {"retriable", "type", "message"}}``."""

    def __init__(self, status: int, kind: str, message: str, *, retriable: bool = False) -> None:
        super().__init__(message)
        self.status = status
        self.kind = kind
        self.message = message
        self.retriable = retriable

    def body(self) -> dict[str, object]:
        return {
            "debug_info": {"retriable": self.retriable, "type": self.kind, "message": self.message}
        }


class OAuthFault(Exception):
    """api.instagram.com's error: ``{"error_type", "code", "error_message"}``."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status
        self.message = message

    def body(self) -> dict[str, object]:
        return {"error_type": "OAuthException", "code": self.status, "error_message": self.message}


def invalid_token() -> GraphFault:
    return GraphFault(190, "Invalid OAuth access token - Cannot parse access token")


def no_such_object(node: str, verb: str = "get") -> GraphFault:
    return GraphFault(
        100,
        f"Unsupported {verb} request. Object with ID '{node}' does not exist, cannot be loaded "
        "due to missing permissions, or does not support this operation.",
        33,
    )


def media_format(detail: str) -> GraphFault:
    return GraphFault(
        352,
        "The video format is not supported. Please check spec for supported video format",
        2207026,
        user_title="Unsupported video format",
        user_msg=detail,
    )
