"""Oversized JSON bodies are refused with 413 before they are read: one unauthenticated login
request must not be able to make the API hold hundreds of megabytes."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from tests.security.support import assert_json_error

CHUNK = 64 * 1024
TOTAL = 64 * 1024 * 1024  # far above any sensible limit for a JSON request


async def _body(sent: list[int]) -> AsyncIterator[bytes]:
    """A JSON document that never ends, counting what the server pulled."""
    yield b'{"email": "a@example.com", "password": "'
    for _ in range(TOTAL // CHUNK):
        sent.append(CHUNK)
        yield b"x" * CHUNK
    yield b'"}'


@pytest.mark.parametrize("declared", [True, False], ids=["content-length", "chunked"])
@pytest.mark.parametrize("path", ["/v1/auth/login", "/v1/auth/register", "/v1/auth/refresh"])
async def test_an_oversized_json_body_is_refused_without_being_read(client, path, declared):
    sent: list[int] = []
    headers = {"Content-Type": "application/json"}
    if declared:
        headers["Content-Length"] = str(TOTAL + 60)
    response = await client.post(path, content=_body(sent), headers=headers)
    assert_json_error(response, 413)
    assert sum(sent) < TOTAL // 4, f"the server read {sum(sent)} bytes before refusing"


async def test_an_oversized_body_is_refused_on_an_authenticated_route(client, editor):
    sent: list[int] = []
    response = await client.post(
        "/v1/jobs",
        content=_body(sent),
        headers={**editor.headers, "Content-Type": "application/json"},
    )
    assert_json_error(response, 413)
    assert sum(sent) < TOTAL // 4
