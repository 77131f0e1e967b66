"""Every list is a Page: items, total, an opaque cursor that walks every row exactly once."""

from __future__ import annotations

import base64
from typing import Any

import pytest

from backend import ledger
from backend.openapi import client_schema
from tests.factories import auth_headers, create_clip, create_member, create_workspace

PAGE_FIELDS = {"items", "total", "next_cursor"}


def _resolve(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        node = schema["components"]["schemas"][node["$ref"].rsplit("/", 1)[1]]
    return node


def _list_operations(schema: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """GET operations whose answer holds a list of rows: a bare array or an `items` array."""
    found = {}
    for path, methods in client_schema(schema)["paths"].items():
        get = methods.get("get")
        if get is None:
            continue
        body = get["responses"]["200"]["content"]["application/json"]["schema"]
        resolved = _resolve(schema, body)
        if resolved.get("type") == "array" or "items" in resolved.get("properties", {}):
            found[path] = get
    return found


async def test_every_list_in_the_client_schema_is_a_page(client):
    schema = (await client.get("/openapi.json")).json()
    lists = _list_operations(schema)
    assert len(lists) >= 15, sorted(lists)
    for path, operation in lists.items():
        body = _resolve(schema, operation["responses"]["200"]["content"]["application/json"])
        page = _resolve(schema, body["schema"])
        assert set(page["properties"]) == PAGE_FIELDS, path
        assert set(page["required"]) == PAGE_FIELDS, path
        params = {p["name"]: p for p in operation["parameters"] if p["in"] == "query"}
        assert {"limit", "cursor"} <= set(params), path
        assert (params["limit"]["schema"]["minimum"], params["limit"]["schema"]["maximum"]) == (
            1,
            200,
        ), path
        assert not {"offset", "before"} & set(params), path
        assert "400" in operation["responses"], path  # invalid_cursor is documented


async def _walk(client, url: str, headers: dict[str, str], limit: int) -> list[dict[str, Any]]:
    separator = "&" if "?" in url else "?"
    page = (await client.get(f"{url}{separator}limit={limit}", headers=headers)).json()
    seen, pages = list(page["items"]), 1
    while page["next_cursor"] is not None:
        assert len(page["items"]) == limit
        page = (
            await client.get(
                f"{url}{separator}limit={limit}&cursor={page['next_cursor']}", headers=headers
            )
        ).json()
        seen += page["items"]
        pages += 1
    assert pages > 1, url
    return seen


@pytest.fixture
async def busy(client, session):
    """A workspace with rows to page through, several of them tied on their sort key."""
    workspace = await create_workspace(session)
    admin = await create_member(session, workspace, "admin")
    for _ in range(4):
        await create_member(session, workspace, "viewer")
    for rank in range(7):
        await create_clip(session, workspace, score=0.5, rank=rank % 2)  # ties on score and rank
    for n in range(6):
        await ledger.record(session, "asset.uploaded", workspace_id=workspace.id, payload={"n": n})
    await session.commit()
    return await auth_headers(client, admin, workspace)


@pytest.mark.parametrize(
    ("url", "rows", "key"),
    [
        ("/v1/members", 5, "user_id"),
        ("/v1/clips", 7, "id"),
        ("/v1/clips?sort=start", 7, "id"),
        ("/v1/clips?platform=tiktok", 7, "id"),
        ("/v1/ledger?type=asset.uploaded", 6, "id"),
        ("/v1/roles", None, "name"),
        ("/v1/platform-rules", None, "id"),
    ],
)
async def test_paging_returns_every_row_once(client, busy, url, rows, key):
    whole_url = f"{url}{'&' if '?' in url else '?'}limit=200&include_total=true"
    whole = (await client.get(whole_url, headers=busy)).json()
    assert whole["next_cursor"] is None
    walked = await _walk(client, url, busy, limit=2)
    assert [row[key] for row in walked] == [row[key] for row in whole["items"]]
    assert len({row[key] for row in walked}) == len(walked)
    if rows is not None:
        assert len(walked) == rows
    if whole["total"] is not None:
        assert whole["total"] == len(walked)


async def test_the_audit_trail_has_no_total(client, busy):
    asked = await client.get("/v1/ledger?include_total=true", headers=busy)
    assert asked.json()["total"] is None


async def test_forged_or_foreign_cursors_are_refused(client, busy):
    cursor = (await client.get("/v1/members?limit=2", headers=busy)).json()["next_cursor"]
    raw = bytearray(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    raw[-3] ^= 1  # change the position, keep the signature
    edited = base64.urlsafe_b64encode(bytes(raw)).rstrip(b"=").decode()
    for bad in (edited, "not-a-cursor", "%%%", "A" * 40):
        response = await client.get(f"/v1/members?cursor={bad}", headers=busy)
        assert response.status_code == 400, bad
        assert response.json()["error"] == "invalid_cursor"
    elsewhere = await client.get(f"/v1/roles?cursor={cursor}", headers=busy)
    assert (elsewhere.status_code, elsewhere.json()["error"]) == (400, "invalid_cursor")
    assert (await client.get(f"/v1/members?cursor={cursor}", headers=busy)).status_code == 200


async def test_limit_is_bounded(client, busy):
    for limit in (0, 201, -1):
        response = await client.get(f"/v1/members?limit={limit}", headers=busy)
        assert response.status_code == 422, limit
    assert len((await client.get("/v1/members", headers=busy)).json()["items"]) == 5
