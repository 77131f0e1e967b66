"""Every route, every role, and another workspace's ids: generated from the OpenAPI schema and the
permission each route demands (read from its FastAPI dependencies).

- Across tenants: a member of workspace A never reaches B's rows, whether it names them by id in
  A (404, or 403 for a role that lacks the permission anyway) or names B's workspace (404), and
  never reads any of B's ids or markers in a response.
- Within a workspace, on its own rows: a role lacking the route's permission gets 403; a role
  holding it does not.
"""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from sqlalchemy import select

from backend.app import create_app
from backend.config import get_settings
from backend.iam.permissions import PERMISSIONS, ROLE_NAMES, ROLES
from backend.models import (
    AIHealthRun,
    Alert,
    Asset,
    Campaign,
    Clip,
    Invitation,
    Job,
    LedgerEvent,
    Membership,
    PlatformAccount,
    Publication,
    ScoringModel,
    Upload,
    User,
    Variant,
)
from tests.security.routes import (
    ID_PARAMETERS,
    IDS_WITHOUT_ROWS,
    OTHER_PATH_PARAMETERS,
    SELF_AUTHORISED,
    Operation,
    RequestBuilder,
    is_id_name,
    operations,
)
from tests.security.support import assert_json_error
from tests.security.world import Tenant, build_tenant, leaked

APP = create_app(get_settings())
SCHEMA = APP.openapi()
OPERATIONS = operations(APP)
GUARDED = [operation for operation in OPERATIONS if operation.permission]
ROWS = {
    "asset_id": Asset,
    "clip_id": Clip,
    "variant_id": Variant,
    "job_id": Job,
    "account_id": PlatformAccount,
    "publication_id": Publication,
    "upload_id": Upload,
    "event_id": LedgerEvent,
    "user_id": User,
    "invitation_id": Invitation,
    "alert_id": Alert,
    "run_id": AIHealthRun,
    "model_id": ScoringModel,
    "campaign_id": Campaign,
}
# Query filters that name rows: each is set to the other workspace's row of that kind.
PROBED_FILTERS = set(ROWS) | {"actor_id"} | IDS_WITHOUT_ROWS


def _holds(role: str, operation: Operation) -> bool:
    return operation.permission in ROLES[role][1]


def test_every_operation_is_guarded_or_says_what_authorises_it():
    unaccounted = [
        op.name
        for op in OPERATIONS
        if not op.permission and (op.method, op.path) not in SELF_AUTHORISED
    ]
    assert unaccounted == []
    guarded_yet_listed = [op.name for op in GUARDED if (op.method, op.path) in SELF_AUTHORISED]
    assert guarded_yet_listed == []
    listed = {(op.method, op.path) for op in OPERATIONS}
    assert set(SELF_AUTHORISED) <= listed, set(SELF_AUTHORISED) - listed
    assert {op.permission for op in GUARDED} <= set(PERMISSIONS)
    assert len(GUARDED) >= 40


def test_every_parameter_that_names_a_row_is_probed():
    for operation in OPERATIONS:
        for parameter in operation.parameters("path"):
            assert parameter["name"] in ID_PARAMETERS | OTHER_PATH_PARAMETERS, operation.name
        for parameter in operation.parameters("query"):
            if is_id_name(parameter["name"]):
                assert parameter["name"] in PROBED_FILTERS, (operation.name, parameter["name"])
    # Each id-taking route is in the matrix, and the matrix has a role that can reach each.
    id_routes = [op for op in GUARDED if op.path_ids]
    assert len(id_routes) >= 20
    assert all(any(_holds(role, op) for role in ROLE_NAMES) for op in GUARDED)


async def _snapshot(session, tenant: Tenant) -> dict[str, Any]:
    """Every row of the tenant as stored now (to prove a probe changed nothing)."""
    state: dict[str, Any] = {}
    for kind, model in ROWS.items():
        row = await session.get(model, tenant.ids[kind], populate_existing=True)
        assert row is not None, kind
        state[kind] = {c.key: getattr(row, c.key) for c in model.__table__.columns}
    memberships = await session.scalars(
        select(Membership)
        .where(Membership.workspace_id == tenant.workspace.id)
        .execution_options(populate_existing=True)
    )
    state["memberships"] = sorted((str(m.user_id), str(m.role_id)) for m in memberships)
    return state


def _not_a_server_fault(response: httpx.Response, role: str) -> None:
    """Below 500, or the platform's own outage passed on as 502/503 with the JSON shape."""
    if response.status_code in (502, 503):
        assert_json_error(response, (502, 503))
    else:
        assert response.status_code < 500, (role, response.text)


def _refused(response: httpx.Response, status: int) -> dict[str, str]:
    if response.request.method == "HEAD":  # no body to read
        assert response.status_code == status, response.headers
        return {}
    return assert_json_error(response, status)


@pytest.mark.parametrize("operation", GUARDED, ids=lambda op: op.name)
async def test_route_keeps_workspaces_apart_and_follows_the_permission_map(
    client, session, operation
):
    mine = await build_tenant(client, session, "a")
    theirs = await build_tenant(client, session, "b")
    before = await _snapshot(session, theirs)

    # Across workspaces: every role of mine, naming their rows.
    probe = RequestBuilder(SCHEMA, theirs.ids)
    names_rows = probe.carries_ids(operation)
    for role in ROLE_NAMES:
        # Acting in my own workspace.
        response = await client.request(**probe.build(operation, mine.headers[role]))
        _not_a_server_fault(response, role)
        assert leaked(response, theirs) == [], (role, response.text[:500])
        if not _holds(role, operation):
            _refused(response, 403)
        elif names_rows:
            _refused(response, 404)
        # Naming their workspace, of which I am not a member.
        response = await client.request(**probe.build(operation, mine.as_member_of(role, theirs)))
        body = _refused(response, 404)
        assert body.get("error", "workspace_not_found") == "workspace_not_found", role
        assert leaked(response, theirs) == []

    # Within my workspace, on my own rows: the permission map decides, from least to most.
    own = RequestBuilder(SCHEMA, mine.ids)
    for role in ("viewer", "editor", "admin"):
        response = await client.request(**own.build(operation, mine.headers[role]))
        _not_a_server_fault(response, role)
        assert leaked(response, theirs) == []
        if _holds(role, operation):
            assert response.status_code != 403, (role, response.text)
        else:
            body = _refused(response, 403)
            if body:
                assert body["error"] == "forbidden"
                assert operation.permission in body["detail"]

    assert await _snapshot(session, theirs) == before
