"""``require_permission("x")``: the one gate in front of every workspace route."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import Depends, Header, Query

from backend.auth.dependencies import PrincipalDep, SessionDep
from backend.errors import Forbidden, InvalidInput, NotFound
from backend.iam import repository
from backend.iam.context import WorkspaceContext
from backend.iam.permissions import PERMISSIONS


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


def require_permission(permission: str) -> Any:
    """Dependency: the caller is a member of the active workspace and their role grants it."""
    if permission not in PERMISSIONS:
        raise ValueError(f"unknown permission {permission!r}")

    async def check(
        principal: PrincipalDep,
        session: SessionDep,
        workspace_id: Annotated[uuid.UUID, Depends(active_workspace_id)],
    ) -> WorkspaceContext:
        membership = await repository.get_membership(session, principal.user.id, workspace_id)
        if membership is None:
            raise WorkspaceNotFound()
        granted = frozenset(await repository.role_permission_names(session, membership.role_id))
        if permission not in granted:
            raise MissingPermission(
                f"Your role in this workspace ({membership.role.name}) does not allow this; "
                f"it needs the '{permission}' permission."
            )
        return WorkspaceContext(principal=principal, membership=membership, permissions=granted)

    check.required_permission = permission  # type: ignore[attr-defined]
    return Depends(check)
