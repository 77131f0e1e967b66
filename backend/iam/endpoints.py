from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, status

from backend.auth.dependencies import PrincipalDep, SessionDep, SettingsDep
from backend.auth.errors import InvalidToken
from backend.errors import Conflict, Forbidden, InvalidInput, error_responses
from backend.iam import repository, service
from backend.iam.context import WorkspaceContext
from backend.iam.dependencies import (
    MissingPermission,
    WorkspaceNotFound,
    require_permission,
)
from backend.iam.schemas import (
    AddMemberRequest,
    ChangeRoleRequest,
    CreateWorkspaceRequest,
    MemberOut,
    PermissionOut,
    RenameWorkspaceRequest,
    RoleOut,
    WorkspaceOut,
)

WORKSPACE_ERRORS = (InvalidToken, MissingPermission, WorkspaceNotFound, InvalidInput)

workspaces = APIRouter(prefix="/workspaces", tags=["workspaces"])
members = APIRouter(prefix="/members", tags=["members"])
roles = APIRouter(prefix="/roles", tags=["members"])


@workspaces.get("", responses=error_responses(InvalidToken))
async def list_workspaces(principal: PrincipalDep, session: SessionDep) -> list[WorkspaceOut]:
    """The workspaces you belong to, with your role in each."""
    return await service.my_workspaces(session, principal.user.id)


@workspaces.post(
    "", status_code=status.HTTP_201_CREATED, responses=error_responses(InvalidToken, InvalidInput)
)
async def create_workspace(
    body: CreateWorkspaceRequest, principal: PrincipalDep, session: SessionDep
) -> WorkspaceOut:
    """Start a new workspace (for another brand or client); you become its admin."""
    membership = await service.create_workspace(session, body.name, principal.user)
    return await service.workspace_view(session, membership)


@workspaces.get("/current", responses=error_responses(*WORKSPACE_ERRORS))
async def current_workspace(
    ctx: Annotated[WorkspaceContext, require_permission("workspace:read")], session: SessionDep
) -> WorkspaceOut:
    """The active workspace (from X-Workspace-Id) and your role in it."""
    return await service.workspace_view(session, ctx.membership)


@workspaces.patch("/current", responses=error_responses(*WORKSPACE_ERRORS))
async def rename_workspace(
    body: RenameWorkspaceRequest,
    ctx: Annotated[WorkspaceContext, require_permission("workspace:manage")],
    session: SessionDep,
) -> WorkspaceOut:
    """Rename the active workspace."""
    await service.rename_workspace(session, ctx, body.name)
    return await service.workspace_view(session, ctx.membership)


@members.get("", responses=error_responses(*WORKSPACE_ERRORS))
async def list_members(
    ctx: Annotated[WorkspaceContext, require_permission("members:read")], session: SessionDep
) -> list[MemberOut]:
    """Everyone in the active workspace and their role."""
    return await service.list_members(session, ctx)


@members.post(
    "",
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(*WORKSPACE_ERRORS, Conflict),
)
async def add_member(
    body: AddMemberRequest,
    ctx: Annotated[WorkspaceContext, require_permission("members:manage")],
    session: SessionDep,
    settings: SettingsDep,
) -> MemberOut:
    """Add someone to the workspace with a role. A new email needs an initial password, which
    the person should change after signing in."""
    return await service.add_member(
        session,
        settings,
        ctx,
        email=body.email,
        role=body.role,
        name=body.name,
        password=body.password,
    )


@members.patch("/{user_id}", responses=error_responses(*WORKSPACE_ERRORS, Conflict))
async def change_role(
    user_id: uuid.UUID,
    body: ChangeRoleRequest,
    ctx: Annotated[WorkspaceContext, require_permission("members:manage")],
    session: SessionDep,
) -> MemberOut:
    """Change a member's role. The last admin cannot be demoted."""
    return await service.change_role(session, ctx, user_id, body.role)


@members.delete(
    "/{user_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=error_responses(*WORKSPACE_ERRORS, Conflict),
)
async def remove_member(
    user_id: uuid.UUID,
    ctx: Annotated[WorkspaceContext, require_permission("members:manage")],
    session: SessionDep,
) -> None:
    """Remove a member from this workspace; their account and other workspaces are untouched."""
    await service.remove_member(session, ctx, user_id)


@members.post(
    "/{user_id}/deactivate", responses=error_responses(*WORKSPACE_ERRORS, Conflict, Forbidden)
)
async def deactivate_member(
    user_id: uuid.UUID,
    ctx: Annotated[WorkspaceContext, require_permission("members:manage")],
    session: SessionDep,
) -> MemberOut:
    """Deactivate the person's account: sign-in is refused and their sessions end now."""
    return await service.set_active(session, ctx, user_id, active=False)


@members.post(
    "/{user_id}/reactivate", responses=error_responses(*WORKSPACE_ERRORS, Conflict, Forbidden)
)
async def reactivate_member(
    user_id: uuid.UUID,
    ctx: Annotated[WorkspaceContext, require_permission("members:manage")],
    session: SessionDep,
) -> MemberOut:
    """Allow a deactivated account to sign in again."""
    return await service.set_active(session, ctx, user_id, active=True)


@roles.get("", responses=error_responses(*WORKSPACE_ERRORS))
async def list_roles(
    ctx: Annotated[WorkspaceContext, require_permission("members:read")], session: SessionDep
) -> list[RoleOut]:
    """The roles a member can have and what each one permits."""
    return [
        RoleOut(
            name=role.name,
            description=role.description,
            permissions=[
                PermissionOut(name=p.name, description=p.description) for p in role.permissions
            ],
        )
        for role in await repository.list_roles(session)
    ]
