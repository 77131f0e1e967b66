"""WS /v1/events over a real server: who may subscribe, what they receive, and the socket closing
when their access ends (sign-out, deactivation, removal)."""

from __future__ import annotations

from types import SimpleNamespace

import httpx
import pytest
from sqlalchemy import update

from backend.events.subscriber import BAD_REQUEST, FORBIDDEN, UNAUTHENTICATED
from backend.events.wire import parse_id
from backend.models import RefreshToken
from core.clock import utcnow
from tests.events.stack import (
    Member,
    close_code,
    committed,
    first_of,
    next_message,
    subscribe,
)
from tests.factories import DEFAULT_PASSWORD


def _api(stack: SimpleNamespace, who: Member) -> httpx.Client:
    return httpx.Client(base_url=f"http://{stack.host}", headers=who.headers, timeout=10)


def test_a_member_sees_their_workspaces_events_live(stack):
    with subscribe(stack.host, stack.editor.headers) as socket:
        hello = next_message(socket)
        assert hello["type"] == "subscribed"
        assert hello["workspace_id"] == str(stack.workspace_id)
        with _api(stack, stack.editor) as api:
            job = api.post("/v1/jobs", json={"type": "ledger.audit"}).json()
        event = first_of(socket, "job.state")
        assert event["subject_id"] == job["id"]
        assert event["workspace_id"] == str(stack.workspace_id)
        assert event["data"]["state"] == "pending"
        assert parse_id(event["id"]) > parse_id(hello["head"])


def test_browsers_send_the_token_as_a_subprotocol(stack):
    headers = {"X-Workspace-Id": str(stack.workspace_id)}
    with subscribe(stack.host, headers, subprotocols=["bearer", stack.editor.token]) as socket:
        assert socket.subprotocol == "bearer"
        assert next_message(socket)["type"] == "subscribed"


@pytest.mark.parametrize(
    "headers",
    [{}, {"Authorization": "Bearer not-a-token"}, {"Authorization": "Basic dXNlcjpwYXNz"}],
)
def test_no_valid_token_is_closed_4401(stack, headers):
    with subscribe(stack.host, {**headers, "X-Workspace-Id": str(stack.workspace_id)}) as socket:
        assert close_code(socket)[0] == UNAUTHENTICATED


def test_a_token_in_the_url_is_not_accepted(stack):
    query = f"?access_token={stack.editor.token}&workspace_id={stack.workspace_id}"
    with subscribe(stack.host, {}, query) as socket:
        assert close_code(socket) == (UNAUTHENTICATED, "sign_in_first")


def test_another_workspace_or_none_is_refused(stack):
    elsewhere = {**stack.stranger.headers, "X-Workspace-Id": str(stack.workspace_id)}
    with subscribe(stack.host, elsewhere) as socket:
        assert close_code(socket) == (FORBIDDEN, "not_a_member")
    no_workspace = {"Authorization": f"Bearer {stack.editor.token}"}
    with subscribe(stack.host, no_workspace) as socket:
        assert close_code(socket)[0] == BAD_REQUEST
    by_query = f"?workspace_id={stack.workspace_id}"
    with subscribe(stack.host, no_workspace, by_query) as socket:
        assert next_message(socket)["type"] == "subscribed"


def test_a_role_without_the_read_permission_is_refused(stack):
    with subscribe(stack.host, stack.limited.headers) as socket:
        assert close_code(socket) == (FORBIDDEN, "missing_permission")


def test_signing_out_closes_the_socket(stack):
    with subscribe(stack.host, stack.editor.headers) as socket:
        assert next_message(socket)["type"] == "subscribed"
        with _api(stack, stack.editor) as api:
            assert api.post("/v1/auth/logout").status_code == 204
        assert close_code(socket) == (UNAUTHENTICATED, "session_ended")


def test_deactivation_closes_the_socket(stack):
    with subscribe(stack.host, stack.editor.headers) as socket:
        assert next_message(socket)["type"] == "subscribed"
        with _api(stack, stack.admin) as api:
            answer = api.post(f"/v1/members/{stack.editor.user_id}/deactivate")
            assert answer.status_code == 200, answer.text
        assert close_code(socket) == (UNAUTHENTICATED, "account_deactivated")


def test_removal_closes_the_socket_and_others_stay(stack):
    with (
        subscribe(stack.host, stack.editor.headers) as removed,
        subscribe(stack.host, stack.admin.headers) as staying,
    ):
        assert next_message(removed)["type"] == "subscribed"
        assert next_message(staying)["type"] == "subscribed"
        with _api(stack, stack.admin) as api:
            assert api.delete(f"/v1/members/{stack.editor.user_id}").status_code == 204
        assert close_code(removed) == (FORBIDDEN, "not_a_member")
        assert first_of(staying, "member.removed")["subject_id"] == str(stack.editor.user_id)


def test_reconnecting_with_the_last_id_gets_what_was_missed(stack):
    with subscribe(stack.host, stack.editor.headers) as socket:
        head = next_message(socket)["head"]
    with _api(stack, stack.editor) as api:
        missed = [api.post("/v1/jobs", json={"type": "ledger.audit"}).json()["id"] for _ in "ab"]
    with subscribe(stack.host, stack.editor.headers, f"?last_event_id={head}") as socket:
        assert next_message(socket)["type"] == "subscribed"
        replayed = [first_of(socket, "job.state")["subject_id"] for _ in missed]
        assert replayed == missed
    never_issued = "?last_event_id=99999999999999-0"
    with subscribe(stack.host, stack.editor.headers, never_issued) as socket:
        assert next_message(socket)["type"] == "subscribed"
        assert next_message(socket) == {"type": "resync"}


@pytest.mark.parametrize("stack", [0.2], indirect=True)
async def test_the_periodic_check_closes_what_no_event_announced(
    stack, settings, scratch_database_url
):
    with subscribe(stack.host, stack.editor.headers) as socket:
        assert next_message(socket)["type"] == "subscribed"
        # The session ends behind the API's back: no event says so.
        async with committed(scratch_database_url, settings) as session:
            await session.execute(
                update(RefreshToken)
                .where(RefreshToken.user_id == stack.editor.user_id)
                .values(revoked_at=utcnow())
            )
        assert close_code(socket) == (UNAUTHENTICATED, "session_ended")


def _browser_access_cookie(stack: SimpleNamespace, email: str) -> str:
    signed_in = httpx.post(
        f"http://{stack.host}/v1/auth/session",
        json={"email": email, "password": DEFAULT_PASSWORD},
        timeout=10,
    )
    assert signed_in.status_code == 200, signed_in.text
    return str(signed_in.cookies["stakazo_access"])


def test_a_browser_session_subscribes_from_the_dashboard_only(stack, settings):
    access = _browser_access_cookie(stack, stack.editor_email)
    from_dashboard = {
        "Cookie": f"stakazo_access={access}",
        "Origin": settings.effective_dashboard_origin,
    }
    query = f"?workspace_id={stack.workspace_id}"
    with subscribe(stack.host, from_dashboard, query) as socket:
        assert next_message(socket)["type"] == "subscribed"
    from_elsewhere = {**from_dashboard, "Origin": "https://evil.example"}
    with subscribe(stack.host, from_elsewhere, query) as socket:
        assert close_code(socket)[0] == FORBIDDEN
    with subscribe(stack.host, {"Cookie": "stakazo_access=forged"}, query) as socket:
        assert close_code(socket)[0] == UNAUTHENTICATED
