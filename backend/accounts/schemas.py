from __future__ import annotations

import uuid
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

Platform = Literal["instagram", "tiktok", "youtube"]
AccountStatus = Literal["connected", "needs_reauth", "disconnected"]


class AccountOut(BaseModel):
    id: uuid.UUID
    platform: Platform
    remote_id: str = Field(description="The account's id on the platform.")
    username: str
    display_name: str | None
    status: AccountStatus = Field(
        description="`needs_reauth`: the platform stopped accepting our tokens; connect again."
    )
    sandbox: bool = Field(description="Connected to the built-in sandbox, not the real platform.")
    access_expires_at: datetime | None
    last_error: str | None
    created_at: datetime
    updated_at: datetime


class ConnectRequest(BaseModel):
    return_to: str | None = Field(
        default=None,
        max_length=500,
        description="Where to send the browser afterwards: a path on this site (starting with /) "
        "or an address on the dashboard's origin. Other addresses are refused (422).",
    )


class ConnectStart(BaseModel):
    authorize_url: str = Field(description="Send the user's browser here to grant access.")
    expires_at: datetime = Field(description="Finish the flow before this time.")
    sandbox: bool


class ConnectResult(BaseModel):
    account: AccountOut
    return_to: str | None
