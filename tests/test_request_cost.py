"""What an authenticated request costs the database: the statements each hot route runs.

Who is calling (live session, active user, membership, role and its permissions) is one query,
a list is one more, and its total only when asked. Counting statements keeps a new eager load
or a second permission lookup from creeping back into every request (bench/api.py measures the
time; docs/performance.md).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncConnection

from backend.models import Job
from tests.factories import DEFAULT_PASSWORD, auth_headers, create_clip, create_member

_DATA = ("SELECT", "INSERT", "UPDATE", "DELETE", "WITH")


@contextmanager
def statements(connection: AsyncConnection) -> Iterator[list[str]]:
    """The data statements run on ``connection`` inside the block (savepoints left out)."""
    seen: list[str] = []

    def note(_conn, _cursor, statement: str, *_args) -> None:
        if statement.lstrip().upper().startswith(_DATA):
            seen.append(" ".join(statement.split()))

    event.listen(connection.sync_connection, "before_cursor_execute", note)
    try:
        yield seen
    finally:
        event.remove(connection.sync_connection, "before_cursor_execute", note)


async def _library(session, editor, count: int = 3) -> list:
    clips = [await create_clip(session, editor.workspace, rank=i + 1) for i in range(count)]
    await session.commit()
    return clips


async def test_a_list_is_one_query_for_the_caller_and_one_for_the_page(
    client, session, connection, editor
):
    await _library(session, editor)
    with statements(connection) as seen:
        page = await client.get("/v1/assets", headers=editor.headers)
    assert page.status_code == 200, page.text
    assert (len(page.json()["items"]), page.json()["total"]) == (3, None)
    assert len(seen) == 2, seen

    with statements(connection) as seen:
        counted = await client.get("/v1/assets?include_total=true", headers=editor.headers)
    assert counted.json()["total"] == 3
    assert len(seen) == 3, seen


async def test_reading_one_row_is_one_query_for_the_caller_and_one_for_the_row(
    client, session, connection, editor
):
    job = Job(workspace_id=editor.workspace.id, type="ledger.audit", state="succeeded")
    session.add(job)
    await session.commit()
    with statements(connection) as seen:
        answer = await client.get(f"/v1/jobs/{job.id}", headers=editor.headers)
    assert answer.status_code == 200, answer.text
    assert len(seen) == 2, seen


async def test_the_clip_list_does_not_grow_with_its_rows(client, session, connection, editor):
    await _library(session, editor, 2)
    with statements(connection) as few:
        await client.get("/v1/clips", headers=editor.headers)
    await _library(session, editor, 8)
    with statements(connection) as many:
        listed = await client.get("/v1/clips", headers=editor.headers)
    assert len(listed.json()["items"]) == 10
    # The caller, then the page with each source name and ready variant's cover joined in.
    assert len(many) == len(few) == 2, many


async def test_who_am_i_is_two_queries(client, connection, editor):
    with statements(connection) as seen:
        me = await client.get("/v1/auth/me", headers=editor.headers)
    assert me.status_code == 200, me.text
    assert len(seen) == 2, seen


async def test_every_change_to_a_callers_standing_counts_on_the_very_next_request(
    client, session, editor
):
    """One query per request means no copy to go stale: signing out, deactivation, removal and
    a role change are each seen by the request right after them."""
    clip = (await _library(session, editor, 1))[0]
    admin = await create_member(session, editor.workspace, "admin")
    await session.commit()
    admin_headers = await auth_headers(client, admin, editor.workspace)
    assert (await client.get("/v1/assets", headers=editor.headers)).status_code == 200

    changed = await client.patch(
        f"/v1/members/{editor.user.id}", json={"role": "viewer"}, headers=admin_headers
    )
    assert changed.status_code == 200, changed.text
    refused = await client.delete(f"/v1/assets/{clip.asset_id}", headers=editor.headers)
    assert (refused.status_code, refused.json()["error"]) == (403, "forbidden")

    deactivated = await client.post(
        f"/v1/members/{editor.user.id}/deactivate", headers=admin_headers
    )
    assert deactivated.status_code == 200
    assert (await client.get("/v1/assets", headers=editor.headers)).status_code == 401
    assert (
        await client.post(f"/v1/members/{editor.user.id}/reactivate", headers=admin_headers)
    ).status_code == 200

    signed_in = await client.post(
        "/v1/auth/login", json={"email": editor.user.email, "password": DEFAULT_PASSWORD}
    )
    fresh = {
        "Authorization": f"Bearer {signed_in.json()['access_token']}",
        "X-Workspace-Id": str(editor.workspace.id),
    }
    assert (await client.get("/v1/assets", headers=fresh)).status_code == 200
    removed = await client.delete(f"/v1/members/{editor.user.id}", headers=admin_headers)
    assert removed.status_code == 204, removed.text
    gone = await client.get("/v1/assets", headers=fresh)
    assert (gone.status_code, gone.json()["error"]) == (404, "workspace_not_found")

    assert (await client.post("/v1/auth/logout", headers=admin_headers)).status_code == 204
    assert (await client.get("/v1/assets", headers=admin_headers)).status_code == 401
