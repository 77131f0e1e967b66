from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from backend.models.base import Base, CreatedAt, UUIDPrimaryKey
from backend.models.role import Role
from backend.models.workspace import Workspace

INVITATION_STATES = ("pending", "accepted", "declined", "revoked")


class Invitation(UUIDPrimaryKey, CreatedAt, Base):
    """An offer to join a workspace with a role, which the person at ``email`` accepts or declines.

    Nobody becomes a member without saying yes. The invitation names an email, not an account:
    the admin who sends it must not learn whether that email already has one, and the person
    sees it once they sign in with that email (before or after their account exists).
    """

    __tablename__ = "invitations"
    __table_args__ = (
        CheckConstraint(
            "state IN ('pending', 'accepted', 'declined', 'revoked')", name="state_known"
        ),
    )

    workspace_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("workspaces.id", ondelete="CASCADE"), index=True
    )
    email: Mapped[str] = mapped_column(String(320), index=True)
    role_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("roles.id"))
    invited_by_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL")
    )
    state: Mapped[str] = mapped_column(String(16), default="pending")
    expires_at: Mapped[datetime]
    responded_at: Mapped[datetime | None] = mapped_column(default=None)

    workspace: Mapped[Workspace] = relationship(lazy="raise")
    role: Mapped[Role] = relationship(lazy="raise")
