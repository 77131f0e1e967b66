"""Invitations: joining a workspace takes the person's yes.

An admin invites an email, never an account. The answer is the same whether or not the email
has an account, so inviting reveals nothing about who uses Stakazo; and nobody becomes a
member, or shares their history with a workspace, without accepting.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from backend import ledger
from backend.auth import password_policy, passwords
from backend.config import Settings
from backend.errors import Conflict, NotFound
from backend.iam import repository
from backend.iam.context import WorkspaceContext
from backend.iam.schemas import InvitationOut, RoleName
from backend.iam.service import create_user, role_by_name
from backend.models import Invitation, Membership, User
from backend.pagination import Slice, Window
from core.clock import utcnow

log = structlog.get_logger(__name__)

# Pending invitations one workspace may hold: enough for any team, not a spam cannon.
MAX_PENDING_PER_WORKSPACE = 100


class InvitationNotFound(NotFound):
    code = "invitation_not_found"
    default_message = "There is no such invitation for you."


class InvitationClosed(Conflict):
    code = "invitation_closed"
    default_message = "This invitation is no longer open."


class AlreadyMember(Conflict):
    code = "already_member"
    default_message = "This person is already a member of the workspace."


class AlreadyInvited(Conflict):
    code = "already_invited"
    default_message = "This email already has an open invitation to the workspace."


class TooManyInvitations(Conflict):
    code = "too_many_invitations"
    default_message = (
        f"The workspace has {MAX_PENDING_PER_WORKSPACE} open invitations. "
        "Revoke some, or wait for answers, before inviting more."
    )


def view(invitation: Invitation, now: datetime | None = None) -> InvitationOut:
    expired = invitation.state == "pending" and invitation.expires_at <= (now or utcnow())
    return InvitationOut(
        id=invitation.id,
        workspace_id=invitation.workspace_id,
        workspace_name=invitation.workspace.name,
        email=invitation.email,
        role=invitation.role.name,
        state="expired" if expired else invitation.state,
        invited_by_id=invitation.invited_by_id,
        created_at=invitation.created_at,
        expires_at=invitation.expires_at,
    )


async def invite(
    session: AsyncSession,
    settings: Settings,
    ctx: WorkspaceContext,
    *,
    email: str,
    role: RoleName,
    name: str,
    password: str | None,
) -> InvitationOut:
    """Invite an email; with a password, also create the account if the email has none.

    Every branch answers with the same pending invitation and spends the same bcrypt time, so
    the admin cannot tell an existing account from a new one.
    """
    now = utcnow()
    email = email.strip().lower()
    if password is not None:
        password_policy.check(password, email)
    role_row = await role_by_name(session, role)
    user = await repository.get_user_by_email(session, email)
    if user is not None and await repository.get_membership(session, user.id, ctx.workspace_id):
        raise AlreadyMember()
    pending = await repository.pending_invitations(session, now, workspace_id=ctx.workspace_id)
    if any(invitation.email == email for invitation in pending):
        raise AlreadyInvited()
    if len(pending) >= MAX_PENDING_PER_WORKSPACE:
        raise TooManyInvitations()
    if password is not None:
        if user is None:
            await create_user(
                session, settings, email=email, password=password, name=name, actor_id=ctx.user_id
            )
        else:
            # Creating an account costs one bcrypt hash; spend it here too so timing is equal.
            await passwords.hash_password(password, settings.bcrypt_rounds)
    invitation = Invitation(
        id=uuid.uuid4(),
        workspace_id=ctx.workspace_id,
        email=email,
        role_id=role_row.id,
        invited_by_id=ctx.user_id,
        expires_at=now + timedelta(seconds=settings.invitation_ttl_seconds),
    )
    await repository.add(session, invitation)
    await ledger.record(
        session,
        "invitation.created",
        workspace_id=ctx.workspace_id,
        actor_id=ctx.user_id,
        payload={"invitation_id": str(invitation.id), "email": email, "role": role},
    )
    return view(await _load(session, invitation.id), now)


async def _load(session: AsyncSession, invitation_id: uuid.UUID) -> Invitation:
    invitation = await repository.get_invitation(session, invitation_id)
    if invitation is None:
        raise InvitationNotFound()
    return invitation


async def _mine(session: AsyncSession, user: User, invitation_id: uuid.UUID) -> Invitation:
    """The invitation, if it names this user's email; anyone else's is "not found"."""
    invitation = await repository.get_invitation(session, invitation_id)
    if invitation is None or invitation.email != user.email:
        raise InvitationNotFound()
    return invitation


def _ensure_open(invitation: Invitation, now: datetime) -> None:
    state = view(invitation, now).state
    if state != "pending":
        raise InvitationClosed(f"This invitation is no longer open: it is {state}.")


async def my_invitations(
    session: AsyncSession, user: User, window: Window
) -> tuple[list[InvitationOut], Slice[Invitation]]:
    now = utcnow()
    found = await repository.pending_invitations_page(session, now, window, email=user.email)
    return [view(i, now) for i in found.rows], found


async def workspace_invitations(
    session: AsyncSession, ctx: WorkspaceContext, window: Window
) -> tuple[list[InvitationOut], Slice[Invitation]]:
    now = utcnow()
    found = await repository.pending_invitations_page(
        session, now, window, workspace_id=ctx.workspace_id
    )
    return [view(i, now) for i in found.rows], found


async def accept(session: AsyncSession, user: User, invitation_id: uuid.UUID) -> InvitationOut:
    now = utcnow()
    invitation = await _mine(session, user, invitation_id)
    _ensure_open(invitation, now)
    invitation.state, invitation.responded_at = "accepted", now
    joined = await repository.get_membership(session, user.id, invitation.workspace_id) is None
    if joined:
        await repository.add(
            session,
            Membership(
                user_id=user.id, workspace_id=invitation.workspace_id, role_id=invitation.role_id
            ),
        )
    await session.flush()
    await ledger.record(
        session,
        "invitation.accepted",
        workspace_id=invitation.workspace_id,
        actor_id=user.id,
        user_id=user.id,
        payload={"invitation_id": str(invitation.id), "role": invitation.role.name},
    )
    if joined:
        await ledger.record(
            session,
            "member.added",
            workspace_id=invitation.workspace_id,
            actor_id=invitation.invited_by_id,
            user_id=user.id,
            payload={"role": invitation.role.name, "invitation_id": str(invitation.id)},
        )
    log.info("iam.invitation_accepted", invitation_id=str(invitation.id), joined=joined)
    return view(invitation, now)


async def decline(session: AsyncSession, user: User, invitation_id: uuid.UUID) -> InvitationOut:
    now = utcnow()
    invitation = await _mine(session, user, invitation_id)
    _ensure_open(invitation, now)
    invitation.state, invitation.responded_at = "declined", now
    await session.flush()
    await ledger.record(
        session,
        "invitation.declined",
        workspace_id=invitation.workspace_id,
        actor_id=user.id,
        payload={"invitation_id": str(invitation.id)},
    )
    return view(invitation, now)


async def revoke(session: AsyncSession, ctx: WorkspaceContext, invitation_id: uuid.UUID) -> None:
    now = utcnow()
    invitation = await repository.get_invitation(session, invitation_id)
    if invitation is None or invitation.workspace_id != ctx.workspace_id:
        raise InvitationNotFound("There is no such invitation in this workspace.")
    _ensure_open(invitation, now)
    invitation.state, invitation.responded_at = "revoked", now
    await session.flush()
    await ledger.record(
        session,
        "invitation.revoked",
        workspace_id=ctx.workspace_id,
        actor_id=ctx.user_id,
        payload={"invitation_id": str(invitation.id), "email": invitation.email},
    )
