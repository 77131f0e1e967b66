from __future__ import annotations

import uuid
from dataclasses import dataclass

from backend.auth.principal import Principal
from backend.models import Membership, Workspace


@dataclass(frozen=True)
class WorkspaceContext:
    """Who is calling, in which workspace, with which role: what every workspace route gets."""

    principal: Principal
    membership: Membership
    permissions: frozenset[str]

    @property
    def workspace(self) -> Workspace:
        return self.membership.workspace

    @property
    def workspace_id(self) -> uuid.UUID:
        return self.membership.workspace_id

    @property
    def user_id(self) -> uuid.UUID:
        return self.principal.user.id

    @property
    def role(self) -> str:
        return self.membership.role.name

    def can(self, permission: str) -> bool:
        return permission in self.permissions
