"""Workspaces and members: who belongs where, with which role."""

from __future__ import annotations

import uuid
from collections.abc import Collection, Sequence

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from backend import events, ledger
from backend.auth import repository as auth_repository
from backend.auth.schemas import WorkspaceRole
from backend.auth.service import create_user as create_user  # identity is auth's; kept for callers
from backend.config import Settings
from backend.errors import Conflict, Forbidden, InvalidInput, NotFound
from backend.iam import repository
from backend.iam.context import WorkspaceContext
from backend.iam.schemas import MemberOut, RoleName, WorkspaceOut
from backend.models import Membership, Role, User, Workspace
from backend.pagination import Slice, Window
from core.clock import utcnow

log = structlog.get_logger(__name__)


class MemberNotFound(NotFound):
    code = "member_not_found"
    default_message = "This person is not a member of the workspace."


class LastAdmin(Conflict):
    code = "last_admin"
    default_message = "A workspace must keep at least one active admin. Promote someone else first."


async def role_by_name(session: AsyncSession, name: str) -> Role:
    role = await repository.get_role_by_name(session, name)
    if role is None:
        raise InvalidInput(f"There is no role called {name!r}.")
    return role


class WorkspaceLimitReached(Forbidden):
    code = "workspace_limit_reached"
    default_message = "You have created as many workspaces as one person may here."


async def create_workspace(
    session: AsyncSession, settings: Settings, name: str, owner: User
) -> Membership:
    await repository.lock_user(session, owner.id)
    limit = settings.max_workspaces_per_user
    if await repository.count_workspaces_created_by(session, owner.id) >= limit:
        raise WorkspaceLimitReached(
            f"You have already created {limit} workspaces, the most one person may create here "
            "(STAKAZO_MAX_WORKSPACES_PER_USER). Ask an admin of an existing one to invite you."
        )
    workspace = Workspace(id=uuid.uuid4(), name=name.strip(), created_by_id=owner.id)
    admin = await role_by_name(session, "admin")
    membership = Membership(user_id=owner.id, workspace_id=workspace.id, role_id=admin.id)
    await repository.add(session, workspace, membership)
    await ledger.record(
        session,
        "workspace.created",
        workspace_id=workspace.id,
        actor_id=owner.id,
        payload={"name": workspace.name},
    )
    await ledger.record(
        session,
        "member.added",
        workspace_id=workspace.id,
        actor_id=owner.id,
        user_id=owner.id,
        payload={"role": "admin"},
    )
    return await _reload(session, owner.id, workspace.id)


async def _reload(session: AsyncSession, user_id: uuid.UUID, workspace_id: uuid.UUID) -> Membership:
    membership = await repository.get_membership(session, user_id, workspace_id)
    if membership is None:
        raise MemberNotFound()
    return membership


async def workspace_view(session: AsyncSession, membership: Membership) -> WorkspaceOut:
    permissions = await repository.role_permission_names(session, membership.role_id)
    return workspace_out(membership, permissions)


def workspace_out(membership: Membership, permissions: Collection[str]) -> WorkspaceOut:
    """The workspace as its member sees it, with permissions already known (the gate's)."""
    return WorkspaceOut(
        id=membership.workspace.id,
        name=membership.workspace.name,
        created_at=membership.workspace.created_at,
        role=membership.role.name,
        permissions=sorted(permissions),
    )


async def my_workspaces(
    session: AsyncSession, user_id: uuid.UUID, window: Window
) -> tuple[list[WorkspaceOut], Slice[Membership]]:
    found = await repository.memberships_page(session, user_id, window)
    return [await workspace_view(session, m) for m in found.rows], found


async def workspace_role(session: AsyncSession, membership: Membership) -> WorkspaceRole:
    permissions = await repository.role_permission_names(session, membership.role_id)
    return _role_in(membership, permissions)


async def my_workspace_roles(session: AsyncSession, user_id: uuid.UUID) -> list[WorkspaceRole]:
    """The user's role and permissions in each of their workspaces (one query)."""
    found = await repository.memberships_with_permissions(session, user_id)
    return [_role_in(membership, permissions) for membership, permissions in found]


def _role_in(membership: Membership, permissions: Collection[str]) -> WorkspaceRole:
    return WorkspaceRole(
        workspace_id=membership.workspace.id,
        workspace_name=membership.workspace.name,
        role=membership.role.name,
        permissions=sorted(permissions),
    )


async def rename_workspace(session: AsyncSession, ctx: WorkspaceContext, name: str) -> None:
    previous = ctx.workspace.name
    ctx.workspace.name = name.strip()
    await session.flush()
    await ledger.record(
        session,
        "workspace.renamed",
        workspace_id=ctx.workspace_id,
        actor_id=ctx.user_id,
        payload={"from": previous, "to": ctx.workspace.name},
    )


def member_view(membership: Membership) -> MemberOut:
    return MemberOut(
        user_id=membership.user.id,
        email=membership.user.email,
        name=membership.user.name,
        role=membership.role.name,
        is_active=membership.user.is_active,
        joined_at=membership.created_at,
    )


async def list_members(
    session: AsyncSession, ctx: WorkspaceContext, window: Window
) -> tuple[list[MemberOut], Slice[Membership]]:
    found = await repository.members_page(session, ctx.workspace_id, window)
    return [member_view(m) for m in found.rows], found


async def _target(session: AsyncSession, ctx: WorkspaceContext, user_id: uuid.UUID) -> Membership:
    membership = await repository.get_membership(session, user_id, ctx.workspace_id)
    if membership is None:
        raise MemberNotFound()
    return membership


async def change_role(
    session: AsyncSession, ctx: WorkspaceContext, user_id: uuid.UUID, role: RoleName
) -> MemberOut:
    # Read before the membership is expired below: changing your own role expires the very
    # membership the context holds, and reading it afterwards would be lazy I/O (a 500).
    workspace_id, actor_id = ctx.workspace_id, ctx.user_id
    membership = await _target(session, ctx, user_id)
    previous = membership.role.name
    if previous == role:
        return member_view(await _reload(session, user_id, workspace_id))
    if previous == "admin" and await repository.count_active_admins(session, workspace_id) <= 1:
        raise LastAdmin()
    membership.role_id = (await role_by_name(session, role)).id
    await session.flush()
    session.expire(membership)
    events.record(
        session,
        workspace_id,
        "member.role_changed",
        subject_id=user_id,
        data={"user_id": str(user_id), "from": previous, "to": role},
    )
    await ledger.record(
        session,
        "member.role_changed",
        workspace_id=workspace_id,
        actor_id=actor_id,
        user_id=user_id,
        payload={"from": previous, "to": role},
    )
    return member_view(await _reload(session, user_id, workspace_id))


async def remove_member(session: AsyncSession, ctx: WorkspaceContext, user_id: uuid.UUID) -> None:
    membership = await _target(session, ctx, user_id)
    if membership.role.name == "admin" and (
        await repository.count_active_admins(session, ctx.workspace_id) <= 1
    ):
        raise LastAdmin()
    role = membership.role.name
    await repository.delete(session, membership)
    events.record(
        session,
        ctx.workspace_id,
        "member.removed",
        subject_id=user_id,
        data={"user_id": str(user_id), "role": role},
    )
    await ledger.record(
        session,
        "member.removed",
        workspace_id=ctx.workspace_id,
        actor_id=ctx.user_id,
        user_id=user_id,
        payload={"role": role},
    )


async def set_active(
    session: AsyncSession, ctx: WorkspaceContext, user_id: uuid.UUID, *, active: bool
) -> MemberOut:
    """Deactivate (or reactivate) an account: it can no longer sign in anywhere.

    Only an admin of every workspace the person belongs to may do this; otherwise removing them
    from this workspace is the right tool.
    """
    target = await _target(session, ctx, user_id)
    if user_id == ctx.user_id:
        raise Conflict("You cannot deactivate your own account.")
    for membership in await repository.memberships_of_user(session, user_id):
        mine = await repository.get_membership(session, ctx.user_id, membership.workspace_id)
        if mine is None or mine.role.name != "admin":
            raise Forbidden(
                "This person also belongs to workspaces you do not administer. "
                "Remove them from this workspace instead."
            )
        if (
            not active
            and membership.role.name == "admin"
            and (await repository.count_active_admins(session, membership.workspace_id) <= 1)
        ):
            raise LastAdmin(f"They are the only admin of '{membership.workspace.name}'.")
    user = target.user
    if user.is_active == active:
        return member_view(target)
    now = utcnow()
    user.is_active = active
    user.deactivated_at = None if active else now
    if not active:
        await auth_repository.revoke_all_for_user(session, user_id, now)
        events.record(session, None, "user.deactivated", data={"user_id": str(user_id)})
    await session.flush()
    await ledger.record(
        session,
        "user.reactivated" if active else "user.deactivated",
        workspace_id=ctx.workspace_id,
        actor_id=ctx.user_id,
        user_id=user_id,
    )
    log.info("iam.user_active_changed", user_id=str(user_id), active=active)
    return member_view(target)


async def list_roles(session: AsyncSession) -> Sequence[Role]:
    return await repository.list_roles(session)


async def roles_page(session: AsyncSession, window: Window) -> Slice[Role]:
    return await repository.roles_page(session, window)
