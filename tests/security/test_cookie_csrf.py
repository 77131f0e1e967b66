"""Every route that changes something refuses a browser session cookie without its CSRF token.

A page on another site can make the browser send the cookie (SameSite=Lax stops cross-site
POSTs, not sibling subdomains), but it cannot read the CSRF token to send with it.
"""

from __future__ import annotations

import pytest
from fastapi.dependencies.models import Dependant

from backend.app import create_app, served_routes
from backend.auth.dependencies import current_principal
from backend.config import get_settings
from tests.factories import DEFAULT_PASSWORD
from tests.security.routes import RequestBuilder, operations
from tests.security.support import assert_json_error
from tests.security.world import build_tenant

APP = create_app(get_settings())
SCHEMA = APP.openapi()
ROUTES = {(m, path): route for path, route in served_routes() for m in route.methods}


def _needs_a_principal(dependant: Dependant) -> bool:
    """Signed-in routes: the caller's own (current_principal) or a workspace's (the permission
    gate, which reads the session itself)."""
    return any(
        d.call is current_principal
        or hasattr(d.call, "required_permission")
        or _needs_a_principal(d)
        for d in dependant.dependencies
    )


UNSAFE = [
    op
    for op in operations(APP)
    if op.method in {"POST", "PUT", "PATCH", "DELETE"}
    and _needs_a_principal(ROUTES[(op.method, op.path)].dependant)
]


def test_the_matrix_covers_the_routes_that_change_things():
    names = {op.name for op in UNSAFE}
    assert len(UNSAFE) >= 25
    assert {"POST /v1/auth/logout", "PATCH /v1/workspaces/current", "POST /v1/jobs"} <= names


@pytest.mark.parametrize("operation", UNSAFE, ids=lambda op: op.name)
async def test_a_cookie_without_the_csrf_token_changes_nothing(client, session, operation):
    tenant = await build_tenant(client, session, "a")
    email = f"admin-{tenant.marker}@example.com"
    signed_in = await client.post(
        "/v1/auth/session", json={"email": email, "password": DEFAULT_PASSWORD}
    )
    assert signed_in.status_code == 200
    request = RequestBuilder(SCHEMA, tenant.ids).build(
        operation, {"X-Workspace-Id": str(tenant.workspace.id)}
    )
    response = await client.request(**request)
    assert assert_json_error(response, 403)["error"] == "csrf_failed", response.text
