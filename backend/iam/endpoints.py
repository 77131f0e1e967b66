from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, status

from backend.auth.dependencies import PrincipalDep, SessionDep, SettingsDep
from backend.auth.errors import InvalidToken
from backend.errors import Conflict, Forbidden, InvalidInput, error_responses
from backend.iam import invitations, service
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
    InvitationOut,
    MemberOut,
    PermissionOut,
    RenameWorkspaceRequest,
    RoleOut,
    WorkspaceOut,
)
from backend.pagination import InvalidCursor, Page, PageDep

WORKSPACE_ERRORS = (InvalidToken, MissingPermission, WorkspaceNotFound, InvalidInput)

workspaces = APIRouter(prefix="/workspaces", tags=["workspaces"])
members = APIRouter(prefix="/members", tags=["members"])
roles = APIRouter(prefix="/roles", tags=["members"])
mine = APIRouter(prefix="/invitations", tags=["invitations"])


@workspaces.get("", responses=error_responses(InvalidToken, InvalidCursor))
async def list_workspaces(
    principal: PrincipalDep, session: SessionDep, page: PageDep
) -> Page[WorkspaceOut]:
    """The workspaces you belong to, with your role in each, in the order you joined them."""
    items, found = await service.my_workspaces(session, principal.user.id, page.window())
    return page.page(items, found)


@workspaces.post(
    "",
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(InvalidToken, InvalidInput, service.WorkspaceLimitReached),
)
async def create_workspace(
    body: CreateWorkspaceRequest,
    principal: PrincipalDep,
    session: SessionDep,
    settings: SettingsDep,
) -> WorkspaceOut:
    """Start a new workspace (for another brand or client); you become its admin. One person
    may create at most STAKAZO_MAX_WORKSPACES_PER_USER workspaces (403 past that)."""
    membership = await service.create_workspace(session, settings, body.name, principal.user)
    return await service.workspace_view(session, membership)


@workspaces.get("/current", responses=error_responses(*WORKSPACE_ERRORS))
async def current_workspace(
    ctx: Annotated[WorkspaceContext, require_permission("workspace:read")], session: SessionDep
) -> WorkspaceOut:
    """The active workspace (from X-Workspace-Id) and your role in it."""
    return service.workspace_out(ctx.membership, ctx.permissions)


@workspaces.patch("/current", responses=error_responses(*WORKSPACE_ERRORS))
async def rename_workspace(
    body: RenameWorkspaceRequest,
    ctx: Annotated[WorkspaceContext, require_permission("workspace:manage")],
    session: SessionDep,
) -> WorkspaceOut:
    """Rename the active workspace."""
    await service.rename_workspace(session, ctx, body.name)
    return service.workspace_out(ctx.membership, ctx.permissions)


@members.get("", responses=error_responses(*WORKSPACE_ERRORS, InvalidCursor))
async def list_members(
    ctx: Annotated[WorkspaceContext, require_permission("members:read")],
    session: SessionDep,
    page: PageDep,
) -> Page[MemberOut]:
    """Everyone in the active workspace and their role, in the order they joined."""
    items, found = await service.list_members(session, ctx, page.window())
    return page.page(items, found)


@members.post(
    "",
    status_code=status.HTTP_202_ACCEPTED,
    responses=error_responses(*WORKSPACE_ERRORS, invitations.AlreadyMember, Conflict),
)
async def add_member(
    body: AddMemberRequest,
    ctx: Annotated[WorkspaceContext, require_permission("members:manage")],
    session: SessionDep,
    settings: SettingsDep,
) -> InvitationOut:
    """Invite someone by email with a role. They become a member only when they accept
    (`POST /v1/invitations/{id}/accept`, signed in with that email). The answer is the same
    pending invitation whether or not the email already has an account. With `password`, an
    email that has no account gets one with that initial password, to change after signing in;
    an existing account's password is never touched."""
    return await invitations.invite(
        session,
        settings,
        ctx,
        email=body.email,
        role=body.role,
        name=body.name,
        password=body.password,
    )


@members.get("/invitations", responses=error_responses(*WORKSPACE_ERRORS, InvalidCursor))
async def list_workspace_invitations(
    ctx: Annotated[WorkspaceContext, require_permission("members:manage")],
    session: SessionDep,
    page: PageDep,
) -> Page[InvitationOut]:
    """The workspace's invitations still waiting for an answer, oldest first."""
    items, found = await invitations.workspace_invitations(session, ctx, page.window())
    return page.page(items, found)


@members.delete(
    "/invitations/{invitation_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=error_responses(*WORKSPACE_ERRORS, invitations.InvitationNotFound, Conflict),
)
async def revoke_invitation(
    invitation_id: uuid.UUID,
    ctx: Annotated[WorkspaceContext, require_permission("members:manage")],
    session: SessionDep,
) -> None:
    """Withdraw an invitation that has not been answered yet."""
    await invitations.revoke(session, ctx, invitation_id)


@members.patch("/{user_id:uuid}", responses=error_responses(*WORKSPACE_ERRORS, Conflict))
async def change_role(
    user_id: uuid.UUID,
    body: ChangeRoleRequest,
    ctx: Annotated[WorkspaceContext, require_permission("members:manage")],
    session: SessionDep,
) -> MemberOut:
    """Change a member's role. The last admin cannot be demoted."""
    return await service.change_role(session, ctx, user_id, body.role)


@members.delete(
    "/{user_id:uuid}",
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
    "/{user_id:uuid}/deactivate", responses=error_responses(*WORKSPACE_ERRORS, Conflict, Forbidden)
)
async def deactivate_member(
    user_id: uuid.UUID,
    ctx: Annotated[WorkspaceContext, require_permission("members:manage")],
    session: SessionDep,
) -> MemberOut:
    """Deactivate the person's account: sign-in is refused and their sessions end now."""
    return await service.set_active(session, ctx, user_id, active=False)


@members.post(
    "/{user_id:uuid}/reactivate", responses=error_responses(*WORKSPACE_ERRORS, Conflict, Forbidden)
)
async def reactivate_member(
    user_id: uuid.UUID,
    ctx: Annotated[WorkspaceContext, require_permission("members:manage")],
    session: SessionDep,
) -> MemberOut:
    """Allow a deactivated account to sign in again."""
    return await service.set_active(session, ctx, user_id, active=True)


@roles.get("", responses=error_responses(*WORKSPACE_ERRORS, InvalidCursor))
async def list_roles(
    ctx: Annotated[WorkspaceContext, require_permission("members:read")],
    session: SessionDep,
    page: PageDep,
) -> Page[RoleOut]:
    """The roles a member can have and what each one permits."""
    found = await service.roles_page(session, page.window())
    items = [
        RoleOut(
            name=role.name,
            description=role.description,
            permissions=[
                PermissionOut(name=p.name, description=p.description) for p in role.permissions
            ],
        )
        for role in found.rows
    ]
    return page.page(items, found)


@mine.get("", responses=error_responses(InvalidToken, InvalidCursor))
async def my_invitations(
    principal: PrincipalDep, session: SessionDep, page: PageDep
) -> Page[InvitationOut]:
    """Invitations to workspaces waiting for your answer (sent to your account's email)."""
    items, found = await invitations.my_invitations(session, principal.user, page.window())
    return page.page(items, found)


@mine.post(
    "/{invitation_id}/accept",
    responses=error_responses(InvalidToken, invitations.InvitationNotFound, Conflict),
)
async def accept_invitation(
    invitation_id: uuid.UUID, principal: PrincipalDep, session: SessionDep
) -> InvitationOut:
    """Join the workspace with the role the invitation names."""
    return await invitations.accept(session, principal.user, invitation_id)


@mine.post(
    "/{invitation_id}/decline",
    responses=error_responses(InvalidToken, invitations.InvitationNotFound, Conflict),
)
async def decline_invitation(
    invitation_id: uuid.UUID, principal: PrincipalDep, session: SessionDep
) -> InvitationOut:
    """Say no: you do not join, and the invitation closes."""
    return await invitations.decline(session, principal.user, invitation_id)
