from __future__ import annotations

import uuid
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, EmailStr, Field

from backend.auth.passwords import MAX_LENGTH, MIN_LENGTH

RoleName = Literal["admin", "editor", "viewer"]


class WorkspaceOut(BaseModel):
    id: uuid.UUID
    name: str
    created_at: datetime
    role: RoleName
    permissions: list[str]


class CreateWorkspaceRequest(BaseModel):
    name: str = Field(min_length=1, max_length=200)


class RenameWorkspaceRequest(BaseModel):
    name: str = Field(min_length=1, max_length=200)


class MemberOut(BaseModel):
    user_id: uuid.UUID
    email: str
    name: str
    role: RoleName
    is_active: bool
    joined_at: datetime


class AddMemberRequest(BaseModel):
    email: EmailStr
    role: RoleName
    name: str = Field(default="", max_length=200)
    password: str | None = Field(
        default=None,
        min_length=MIN_LENGTH,
        max_length=MAX_LENGTH,
        description="Initial password, used only if the email has no Stakazo account yet "
        "(the person should change it after signing in). Ignored for an existing account, "
        "whose password never changes here. The answer is the same either way.",
    )


InvitationState = Literal["pending", "accepted", "declined", "revoked", "expired"]


class InvitationOut(BaseModel):
    id: uuid.UUID
    workspace_id: uuid.UUID
    workspace_name: str
    email: str
    role: RoleName
    state: InvitationState
    invited_by_id: uuid.UUID | None
    created_at: datetime
    expires_at: datetime


class ChangeRoleRequest(BaseModel):
    role: RoleName


class PermissionOut(BaseModel):
    name: str
    description: str


class RoleOut(BaseModel):
    name: RoleName
    description: str
    permissions: list[PermissionOut]
