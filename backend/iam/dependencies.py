"""``require_permission("x")``: the one gate in front of every workspace route."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import Depends, Header, Query
from starlette.requests import HTTPConnection

from backend.auth.connection import Credentials, enforce_browser_rules, read_credentials
from backend.auth.dependencies import BearerDocumented, SessionDep, SettingsDep
from backend.auth.principal import Principal
from backend.auth.service import principal_for
from backend.errors import Forbidden, InvalidInput, NotFound
from backend.iam import repository
from backend.iam.context import WorkspaceContext
from backend.iam.permissions import PERMISSIONS
from core.clock import utcnow


class WorkspaceNotFound(NotFound):
    code = "workspace_not_found"
    default_message = "No such workspace, or you are not a member of it."


class MissingPermission(Forbidden):
    code = "forbidden"


async def active_workspace_id(
    x_workspace_id: Annotated[
        uuid.UUID | None,
        Header(description="The workspace to act in (or use the workspace_id query parameter)."),
    ] = None,
    workspace_id: Annotated[
        uuid.UUID | None, Query(description="The workspace to act in, for links without headers.")
    ] = None,
) -> uuid.UUID:
    if x_workspace_id and workspace_id and x_workspace_id != workspace_id:
        raise InvalidInput("The X-Workspace-Id header and workspace_id parameter disagree.")
    chosen = x_workspace_id or workspace_id
    if chosen is None:
        raise InvalidInput(
            "Say which workspace to act in: send the X-Workspace-Id header "
            "(your workspaces are listed by GET /v1/auth/me)."
        )
    return chosen


async def caller_credentials(
    connection: HTTPConnection, settings: SettingsDep, _documented: BearerDocumented
) -> Credentials:
    """Read before the workspace is: a caller who is not signed in hears that first."""
    return read_credentials(connection, settings)


CredentialsDep = Annotated[Credentials, Depends(caller_credentials)]


def require_permission(permission: str) -> Any:
    """Dependency: the caller is a member of the active workspace and their role grants it.

    One query answers the common case (live session, active user, membership, role and its
    permissions); only a refusal asks again, to say which of them failed, in the order a
    caller fixes them: signed in (401), allowed by the browser rules (403), a member (404).
    """
    if permission not in PERMISSIONS:
        raise ValueError(f"unknown permission {permission!r}")

    async def check(
        connection: HTTPConnection,
        session: SessionDep,
        settings: SettingsDep,
        credentials: CredentialsDep,
        workspace_id: Annotated[uuid.UUID, Depends(active_workspace_id)],
    ) -> WorkspaceContext:
        claims = credentials.claims
        found = await repository.caller_membership(
            session, claims.user_id, claims.session_id, workspace_id, utcnow()
        )
        if found is None:
            await principal_for(session, claims)
            enforce_browser_rules(connection, settings, credentials)
            raise WorkspaceNotFound()
        membership, granted = found
        enforce_browser_rules(connection, settings, credentials)
        if permission not in granted:
            raise MissingPermission(
                f"Your role in this workspace ({membership.role.name}) does not allow this; "
                f"it needs the '{permission}' permission."
            )
        principal = Principal(user=membership.user, session_id=claims.session_id)
        return WorkspaceContext(principal=principal, membership=membership, permissions=granted)

    check.required_permission = permission  # type: ignore[attr-defined]
    return Depends(check)
