"""Errors are values with an HTTP status; one handler turns them into ``{"error", "detail"}``."""

from __future__ import annotations

from typing import Any, ClassVar

import structlog
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.routing import iter_route_contexts
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from backend.logging import current_request_id
from core.errors import PermanentError as PermanentError  # shared with workers: in core
from core.errors import RetryableError as RetryableError

log = structlog.get_logger(__name__)


class ErrorBody(BaseModel):
    error: str
    detail: str


class AppError(Exception):
    status_code: ClassVar[int] = 400
    code: ClassVar[str] = "bad_request"
    default_message: ClassVar[str] = "The request could not be processed."
    # Evidence written before the error (failed logins, revoked token families) must outlive it.
    keeps_changes: ClassVar[bool] = False

    def __init__(
        self,
        message: str | None = None,
        *,
        headers: dict[str, str] | None = None,
        extra: dict[str, Any] | None = None,
    ):
        self.message = message or self.default_message
        self.headers = headers or {}
        # Structured details beside "detail" (e.g. one error per line of an imported file).
        self.extra = extra or {}
        super().__init__(self.message)


class BadRequest(AppError):
    status_code = 400
    code = "bad_request"


class Unauthorized(AppError):
    status_code = 401
    code = "unauthorized"
    default_message = "Authentication is required."

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message, headers={"WWW-Authenticate": "Bearer"})


class Forbidden(AppError):
    status_code = 403
    code = "forbidden"
    default_message = "You do not have permission to do this."


class NotFound(AppError):
    status_code = 404
    code = "not_found"
    default_message = "Not found."


class Conflict(AppError):
    status_code = 409
    code = "conflict"


class InvalidInput(AppError):
    status_code = 422
    code = "invalid_request"


class RateLimited(AppError):
    status_code = 429
    code = "rate_limited"

    def __init__(self, message: str, retry_after_seconds: int) -> None:
        super().__init__(message, headers={"Retry-After": str(max(1, retry_after_seconds))})
        self.retry_after_seconds = retry_after_seconds


def error_responses(*errors: type[AppError]) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses=`` for a route, so generated clients know its error shapes."""
    responses: dict[int | str, dict[str, Any]] = {}
    for error in errors:
        entry = responses.setdefault(
            error.status_code, {"model": ErrorBody, "description": error.default_message}
        )
        if error.default_message not in entry["description"]:
            entry["description"] += f" / {error.default_message}"
    return responses


def _describe_validation(exc: RequestValidationError) -> tuple[str, list[dict[str, Any]]]:
    fields: list[dict[str, Any]] = []
    sentences: list[str] = []
    for item in exc.errors():
        location = [str(part) for part in item.get("loc", ()) if part not in ("body",)]
        where = ".".join(location) or "request"
        message = str(item.get("msg", "is invalid"))
        fields.append({"field": where, "message": message})
        sentences.append(f"{where}: {message}")
    return "Invalid request — " + "; ".join(sentences), fields


_HTTP_ERROR_CODES = {
    400: "bad_request",
    404: "not_found",
    405: "method_not_allowed",
    413: "body_too_large",
}


def _allowed_methods(request: Request) -> list[str]:
    """Every method some route serves at this path: Starlette names only the first route's."""
    path, root = request.scope["path"], request.scope.get("root_path", "")
    path = path[len(root) :] if root and path.startswith(root) else path
    methods: set[str] = set()
    for route in iter_route_contexts(request.app.routes):
        pattern = getattr(route, "path_regex", None)
        if route.methods and pattern is not None and pattern.match(path):
            methods |= route.methods
    return sorted(methods)


def install_error_handlers(app: FastAPI) -> None:
    async def app_error(_: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, AppError)
        body = {**exc.extra, "error": exc.code, "detail": exc.message}
        return JSONResponse(body, status_code=exc.status_code, headers=exc.headers)

    async def validation_error(_: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, RequestValidationError)
        detail, fields = _describe_validation(exc)
        body = {"error": "invalid_request", "detail": detail, "fields": fields}
        return JSONResponse(body, status_code=422)

    async def http_error(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, StarletteHTTPException)
        code = _HTTP_ERROR_CODES.get(exc.status_code, "http_error")
        detail = exc.detail if isinstance(exc.detail, str) else "Request failed."
        if exc.status_code == 404 and detail == "Not Found":
            detail = "No such endpoint. See /docs for the API."
        if exc.status_code == 400 and detail == "There was an error parsing the body":
            detail = "The body could not be read: send JSON encoded as UTF-8."
        headers = dict(getattr(exc, "headers", None) or {})
        if exc.status_code == 405 and (allowed := _allowed_methods(request)):
            headers["Allow"] = ", ".join(allowed)
            detail = f"{request.method} is not allowed here; use {' or '.join(allowed)}."
        return JSONResponse({"error": code, "detail": detail}, exc.status_code, headers or None)

    async def unhandled(request: Request, exc: Exception) -> JSONResponse:
        request_id = current_request_id()
        log.exception("http.unhandled_error", path=request.url.path, error_type=type(exc).__name__)
        body = {
            "error": "internal_error",
            "detail": f"Something went wrong on our side. Quote request id {request_id} "
            "when reporting it.",
            "request_id": request_id,
        }
        return JSONResponse(body, status_code=500, headers={"X-Request-ID": request_id})

    app.add_exception_handler(AppError, app_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(Exception, unhandled)
