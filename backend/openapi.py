"""The OpenAPI schema documents the errors every route can answer, in the one error shape.

Routes list their own errors with ``error_responses``; what any route can answer whatever it
does is added here once: 400 and 413 for a body that cannot be read or is too large, and the
``{"error", "detail"}`` shape for 422 instead of FastAPI's default validation model (which this
API never sends).
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI

_ERROR_REF = {"$ref": "#/components/schemas/ErrorBody"}
_FASTAPI_VALIDATION = ("HTTPValidationError", "ValidationError")


def _error(description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": _ERROR_REF}}}


def _uses_fastapi_validation_model(response: dict[str, Any]) -> bool:
    schema = response.get("content", {}).get("application/json", {}).get("schema", {})
    return bool(schema.get("$ref", "").endswith("/HTTPValidationError"))


def _errors_as_json(response: dict[str, Any]) -> None:
    """A route with a plain-text success (webhook challenges) still answers errors in JSON;
    FastAPI files them under the route's own media type."""
    content: dict[str, Any] = response.get("content", {})
    for media_type in [m for m in content if m != "application/json"]:
        if content[media_type].get("schema") == _ERROR_REF:
            content.setdefault("application/json", content.pop(media_type))


def document_errors(schema: dict[str, Any]) -> dict[str, Any]:
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            responses: dict[str, Any] = operation.setdefault("responses", {})
            for status, response in responses.items():
                if status.startswith(("4", "5")):
                    _errors_as_json(response)
            validation = responses.get("422")
            if validation is not None and _uses_fastapi_validation_model(validation):
                responses["422"] = _error("The request is invalid; `fields` names each problem.")
            if "requestBody" in operation:
                responses.setdefault(
                    "400", _error("The body could not be read (for JSON: not UTF-8 JSON).")
                )
                responses.setdefault("413", _error("The request body is too large."))
    components = schema.get("components", {}).get("schemas", {})
    for name in _FASTAPI_VALIDATION:
        components.pop(name, None)
    return schema


def client_schema(schema: dict[str, Any], prefix: str = "/v1") -> dict[str, Any]:
    """The schema the generated clients are built from: the versioned API only. Webhooks, OAuth
    callbacks, signed media links and probes are called by platforms, browsers and load
    balancers, never by a client, so /docs shows them and the clients leave them out."""
    paths = {path: ops for path, ops in schema.get("paths", {}).items() if path.startswith(prefix)}
    return {**schema, "paths": paths}


def install_openapi(app: FastAPI) -> None:
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        # FastAPI caches the schema (and rebuilds it when routes change); completing it again
        # changes nothing.
        return document_errors(generate())

    app.openapi = openapi  # type: ignore[method-assign]
