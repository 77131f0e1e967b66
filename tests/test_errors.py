"""Error shapes: JSON everywhere, the right status, no internals on a crash."""

from __future__ import annotations

import httpx
import pytest
from fastapi import APIRouter

from backend.app import create_app
from backend.errors import Conflict


@pytest.fixture
async def crashing_client(settings, session_factory):
    app = create_app(settings, session_factory=session_factory)
    router = APIRouter()

    @router.get("/boom")
    async def boom() -> None:
        raise RuntimeError("database password is hunter2 at /srv/secret/path")

    @router.get("/conflict")
    async def conflict() -> None:
        raise Conflict("Already there.")

    app.include_router(router)
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        yield client


async def test_unknown_route_is_a_json_404(client):
    response = await client.get("/no/such/thing")
    assert response.status_code == 404
    assert response.json() == {
        "error": "not_found",
        "detail": "No such endpoint. See /docs for the API.",
    }


async def test_wrong_method_is_a_json_405(client):
    response = await client.delete("/v1/auth/login")
    assert response.status_code == 405
    assert response.json()["error"] == "method_not_allowed"


async def test_wrong_method_names_every_method_of_the_path(client, editor):
    # The path is served by three routes (HEAD, PATCH, DELETE); Allow must name them all.
    response = await client.put("/v1/uploads/tus/00000000-0000-0000-0000-000000000000")
    assert response.status_code == 405
    assert response.headers["allow"] == "DELETE, HEAD, PATCH"
    assert response.json()["error"] == "method_not_allowed"
    options = await client.options("/v1/auth/login")
    assert (options.status_code, options.headers["allow"]) == (405, "POST")


async def test_undecodable_json_is_a_documented_json_400(client, settings):
    response = await client.post(
        "/v1/auth/login",
        content=b'{"email": "\xff\xfe"}',
        headers={"content-type": "application/json"},
    )
    assert response.status_code == 400
    assert response.json() == {
        "error": "bad_request",
        "detail": "The body could not be read: send JSON encoded as UTF-8.",
    }
    schema = create_app(settings).openapi()
    assert "400" in schema["paths"]["/v1/auth/login"]["post"]["responses"]


def test_the_schema_documents_one_error_shape(settings):
    schema = create_app(settings).openapi()
    assert "HTTPValidationError" not in schema["components"]["schemas"]
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            responses = operation["responses"]
            if "requestBody" in operation:
                assert {"400", "413"} <= set(responses), (method, path)
            for status, response in responses.items():
                if method == "head" and status.startswith(("4", "5")):
                    # A HEAD answer has no body: its errors are described without one, so
                    # generated clients do not try to read an ErrorBody.
                    assert "content" not in response, (method, path, status)
                elif status.startswith(("4", "5")) and path != "/debug/ready":
                    content = response.get("content", {}).get("application/json", {})
                    assert content.get("schema", {}).get("$ref", "").endswith("/ErrorBody"), (
                        method,
                        path,
                        status,
                    )


async def test_malformed_json_is_a_422_with_words(client):
    response = await client.post(
        "/v1/auth/login", content=b"{not json", headers={"content-type": "application/json"}
    )
    assert response.status_code == 422
    assert response.json()["error"] == "invalid_request"


async def test_crash_gives_500_with_request_id_and_no_internals(crashing_client):
    response = await crashing_client.get("/boom", headers={"X-Request-ID": "req-12345678"})
    assert response.status_code == 500
    body = response.json()
    assert body["error"] == "internal_error"
    assert body["request_id"] == "req-12345678"
    assert "hunter2" not in response.text
    assert "/srv" not in response.text
    assert "RuntimeError" not in response.text


async def test_app_errors_carry_their_status(crashing_client):
    response = await crashing_client.get("/conflict")
    assert (response.status_code, response.json()) == (
        409,
        {"error": "conflict", "detail": "Already there."},
    )


async def test_every_response_has_a_request_id(client):
    response = await client.get("/debug/health")
    assert len(response.headers["x-request-id"]) >= 16
    echoed = await client.get("/debug/health", headers={"X-Request-ID": "abcdefgh-1"})
    assert echoed.headers["x-request-id"] == "abcdefgh-1"
    junk = await client.get("/debug/health", headers={"X-Request-ID": "bad id\nwith newline"})
    assert junk.headers["x-request-id"] != "bad id\nwith newline"


def test_openapi_lists_error_responses_and_operation_ids(settings):
    schema = create_app(settings).openapi()
    login = schema["paths"]["/v1/auth/login"]["post"]
    assert login["operationId"] == "auth-login"
    assert {"401", "429"} <= set(login["responses"])
    members = schema["paths"]["/v1/members"]["post"]
    assert {"401", "403", "404", "409", "422"} <= set(members["responses"])
    assert "X-Workspace-Id" in [p["name"] for p in members["parameters"]] or any(
        p["name"].lower() == "x-workspace-id" for p in members["parameters"]
    )


async def test_numbers_past_what_sql_holds_are_invalid_not_a_crash(client, editor):
    # On PostgreSQL these reached the query and overflowed BIGINT: a 500.
    huge = "36893488147419103233"
    for url in ("/v1/jobs", "/v1/assets", "/v1/clips", "/v1/publications", "/v1/ledger"):
        response = await client.get(f"{url}?limit={huge}", headers=editor.headers)
        assert response.status_code == 422, (url, response.text)
        assert response.json()["error"] == "invalid_request"
    assert (await client.get("/v1/jobs?limit=200", headers=editor.headers)).status_code == 200
