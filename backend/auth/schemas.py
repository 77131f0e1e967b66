from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict, EmailStr, Field

from backend.auth.passwords import MAX_LENGTH, MIN_LENGTH

Password = Field(
    min_length=MIN_LENGTH,
    max_length=MAX_LENGTH,
    description=f"{MIN_LENGTH} to {MAX_LENGTH} characters; every character counts. Common "
    "passwords, repeated characters, simple sequences and passwords containing the email's "
    "name part are refused.",
)


class RegisterRequest(BaseModel):
    email: EmailStr
    password: str = Password
    name: str = Field(default="", max_length=200)
    workspace_name: str | None = Field(
        default=None, max_length=200, description="Name of your first workspace (brand)."
    )


class LoginRequest(BaseModel):
    email: str = Field(max_length=320)
    password: str = Field(max_length=MAX_LENGTH)


class ChangePasswordRequest(BaseModel):
    current_password: str = Field(max_length=MAX_LENGTH)
    new_password: str = Password


class RefreshRequest(BaseModel):
    refresh_token: str = Field(min_length=1, max_length=200)


class TokenPair(BaseModel):
    access_token: str
    token_type: str = "bearer"  # noqa: S105 - the OAuth 2 token type, not a secret
    expires_in: int = Field(description="Seconds until the access token expires.")
    refresh_token: str
    refresh_expires_in: int = Field(description="Seconds until the refresh token expires.")


class BrowserSession(BaseModel):
    csrf_token: str = Field(
        description="Also in the readable stakazo_csrf cookie: send it as X-CSRF-Token on "
        "POST, PUT, PATCH and DELETE."
    )
    expires_in: int = Field(
        description="Seconds until the access cookie expires; then POST /v1/auth/session/refresh."
    )


class UserOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    email: str
    name: str
    is_active: bool
    created_at: datetime
    last_login_at: datetime | None


class WorkspaceRole(BaseModel):
    workspace_id: uuid.UUID
    workspace_name: str
    role: str
    permissions: list[str]


class Me(BaseModel):
    user: UserOut
    workspaces: list[WorkspaceRole]


class Registration(BaseModel):
    user: UserOut
    workspace: WorkspaceRole
