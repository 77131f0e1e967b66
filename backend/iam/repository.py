from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy import BindParameter, ScalarSelect, Select, bindparam, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import contains_eager, joinedload, selectinload

from backend.auth.repository import get_user as get_user  # users are auth's rows
from backend.auth.repository import get_user_by_email as get_user_by_email
from backend.auth.repository import live_session
from backend.models import (
    Invitation,
    Membership,
    Permission,
    Role,
    User,
    Workspace,
    role_permissions,
)
from backend.pagination import Key, Slice, Window, keyset


async def get_role_by_name(session: AsyncSession, name: str) -> Role | None:
    result = await session.execute(select(Role).where(Role.name == name))
    return result.scalar_one_or_none()


async def list_roles(session: AsyncSession) -> Sequence[Role]:
    result = await session.execute(
        select(Role).options(selectinload(Role.permissions)).order_by(Role.name)
    )
    return result.scalars().all()


async def roles_page(session: AsyncSession, window: Window) -> Slice[Role]:
    statement = select(Role).options(selectinload(Role.permissions))
    keys = (Key(Role.name, descending=False), Key(Role.id, descending=False))
    return await keyset(session, statement, keys, window, count=True)


async def role_permission_names(session: AsyncSession, role_id: uuid.UUID) -> set[str]:
    result = await session.execute(
        select(Permission.name)
        .join(role_permissions, role_permissions.c.permission_id == Permission.id)
        .where(role_permissions.c.role_id == role_id)
    )
    return set(result.scalars().all())


async def caller_membership(
    session: AsyncSession,
    user_id: uuid.UUID,
    family_id: uuid.UUID,
    workspace_id: uuid.UUID,
    now: datetime,
) -> tuple[Membership, frozenset[str]] | None:
    """The caller's membership (user, role and workspace loaded) with the role's permission
    names, in one query, when the user is active, session ``family_id`` of theirs is live and
    they belong to the workspace; else None (``get_membership`` and auth's checks tell why)."""
    parameters = {"user_id": user_id, "family_id": family_id, "workspace_id": workspace_id}
    result = await session.execute(_caller_statement(), {**parameters, "now": now})
    row = result.one_or_none()
    if row is None:
        return None
    membership, names = row
    return membership, _names(names)


@cache
def _caller_statement() -> Select[Membership, str | None]:
    # Built once, on first use: building a statement and its cache key anew on every request
    # cost as much as running it (docs/performance.md).
    user_id: BindParameter[Any] = bindparam("user_id")
    return (
        select(Membership, _granted())
        .join(Membership.user)
        .join(Membership.role)
        .join(Membership.workspace)
        .options(
            contains_eager(Membership.user),
            contains_eager(Membership.role),
            contains_eager(Membership.workspace),
        )
        .where(
            Membership.user_id == user_id,
            Membership.workspace_id == bindparam("workspace_id"),
            User.is_active.is_(True),
            live_session(bindparam("family_id"), user_id, bindparam("now")),
        )
    )


def _granted() -> ScalarSelect[str | None]:
    """The permission names of the enclosing query's membership's role, comma-separated."""
    return (
        select(func.aggregate_strings(Permission.name, ","))
        .join(role_permissions, role_permissions.c.permission_id == Permission.id)
        .where(role_permissions.c.role_id == Membership.role_id)
        .scalar_subquery()
    )


def _names(joined: str | None) -> frozenset[str]:
    return frozenset(joined.split(",")) if joined else frozenset()


async def memberships_with_permissions(
    session: AsyncSession, user_id: uuid.UUID
) -> list[tuple[Membership, frozenset[str]]]:
    """Each of the user's memberships (role and workspace loaded) with its permission names."""
    result = await session.execute(
        select(Membership, _granted())
        .options(joinedload(Membership.role), joinedload(Membership.workspace))
        .where(Membership.user_id == user_id)
        .order_by(Membership.created_at)
    )
    return [(membership, _names(names)) for membership, names in result.all()]


async def get_membership(
    session: AsyncSession, user_id: uuid.UUID, workspace_id: uuid.UUID
) -> Membership | None:
    result = await session.execute(
        select(Membership)
        .options(
            joinedload(Membership.role),
            joinedload(Membership.workspace),
            joinedload(Membership.user),
        )
        .where(Membership.user_id == user_id, Membership.workspace_id == workspace_id)
    )
    return result.scalar_one_or_none()


async def memberships_of_user(session: AsyncSession, user_id: uuid.UUID) -> Sequence[Membership]:
    result = await session.execute(
        select(Membership)
        .options(joinedload(Membership.role), joinedload(Membership.workspace))
        .where(Membership.user_id == user_id)
        .order_by(Membership.created_at)
    )
    return result.scalars().all()


_JOINED = (Key(Membership.created_at, descending=False), Key(Membership.id, descending=False))


async def memberships_page(
    session: AsyncSession, user_id: uuid.UUID, window: Window
) -> Slice[Membership]:
    statement = (
        select(Membership)
        .options(joinedload(Membership.role), joinedload(Membership.workspace))
        .where(Membership.user_id == user_id)
    )
    return await keyset(session, statement, _JOINED, window, count=True)


async def members_page(
    session: AsyncSession, workspace_id: uuid.UUID, window: Window
) -> Slice[Membership]:
    statement = (
        select(Membership)
        .options(selectinload(Membership.role), selectinload(Membership.user))
        .where(Membership.workspace_id == workspace_id)
    )
    return await keyset(session, statement, _JOINED, window, count=True)


async def count_active_admins(session: AsyncSession, workspace_id: uuid.UUID) -> int:
    statement = (
        select(func.count())
        .select_from(Membership)
        .join(Role, Role.id == Membership.role_id)
        .join(User, User.id == Membership.user_id)
        .where(Membership.workspace_id == workspace_id, Role.name == "admin", User.is_active)
    )
    return int(await session.scalar(statement) or 0)


async def get_workspace(session: AsyncSession, workspace_id: uuid.UUID) -> Workspace | None:
    return await session.get(Workspace, workspace_id)


async def add(session: AsyncSession, *rows: object) -> None:
    session.add_all(rows)
    await session.flush()


async def delete(session: AsyncSession, row: object) -> None:
    await session.delete(row)
    await session.flush()


async def lock_user(session: AsyncSession, user_id: uuid.UUID) -> None:
    """Serialise one user's creations (PostgreSQL row lock; SQLite's write lock already does)."""
    await session.execute(select(User.id).where(User.id == user_id).with_for_update())


async def count_workspaces_created_by(session: AsyncSession, user_id: uuid.UUID) -> int:
    statement = (
        select(func.count()).select_from(Workspace).where(Workspace.created_by_id == user_id)
    )
    return int(await session.scalar(statement) or 0)


async def get_invitation(session: AsyncSession, invitation_id: uuid.UUID) -> Invitation | None:
    result = await session.execute(
        select(Invitation)
        .options(selectinload(Invitation.workspace), selectinload(Invitation.role))
        .where(Invitation.id == invitation_id)
    )
    return result.scalar_one_or_none()


async def pending_invitations_page(
    session: AsyncSession,
    now: datetime,
    window: Window,
    *,
    workspace_id: uuid.UUID | None = None,
    email: str | None = None,
) -> Slice[Invitation]:
    statement = (
        select(Invitation)
        .options(selectinload(Invitation.workspace), selectinload(Invitation.role))
        .where(Invitation.state == "pending", Invitation.expires_at > now)
    )
    if workspace_id is not None:
        statement = statement.where(Invitation.workspace_id == workspace_id)
    if email is not None:
        statement = statement.where(Invitation.email == email)
    keys = (Key(Invitation.created_at, descending=False), Key(Invitation.id, descending=False))
    return await keyset(session, statement, keys, window, count=True)


async def pending_invitations(
    session: AsyncSession,
    now: datetime,
    *,
    workspace_id: uuid.UUID | None = None,
    email: str | None = None,
) -> Sequence[Invitation]:
    statement = (
        select(Invitation)
        .options(selectinload(Invitation.workspace), selectinload(Invitation.role))
        .where(Invitation.state == "pending", Invitation.expires_at > now)
        .order_by(Invitation.created_at)
    )
    if workspace_id is not None:
        statement = statement.where(Invitation.workspace_id == workspace_id)
    if email is not None:
        statement = statement.where(Invitation.email == email)
    return (await session.execute(statement)).scalars().all()
