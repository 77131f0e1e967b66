from __future__ import annotations

import uuid
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

Platform = Literal["instagram", "tiktok", "youtube"]
AccountStatus = Literal["connected", "needs_reauth", "disconnected"]


class NotificationsOut(BaseModel):
    """The account's push notifications from the platform (YouTube's upload notices)."""

    state: Literal["pending", "active", "dead"] = Field(
        description="`pending`: being asked for; `active`: the platform accepted the request "
        "(renewed before it lapses); `dead`: asking kept failing (see `error`; retry it from "
        "GET /v1/outbox)."
    )
    confirmed_at: datetime | None = Field(
        description="When the platform last checked back that we want its notices: they come "
        "from then on. Null: not live yet."
    )
    error: str | None


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
    notifications: NotificationsOut | None = Field(
        default=None,
        description="Notices the platform pushes about this account's posts; null where it "
        "sends none this way (Instagram, TikTok) or the account is not connected.",
    )
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


class TikTokCreatorInfo(BaseModel):
    """creator_info/query, as TikTok answered it just now."""

    nickname: str | None = Field(description="Show it on the posting form (TikTok's rule).")
    username: str | None
    avatar_url: str | None
    privacy_level_options: list[str] = Field(description="The only privacy levels to offer.")
    comment_disabled: bool = Field(description="Turned off by the creator: grey it out.")
    duet_disabled: bool
    stitch_disabled: bool
    max_video_post_duration_sec: int | None


class YouTubeCategory(BaseModel):
    id: str
    title: str


class YouTubeCreatorInfo(BaseModel):
    """YouTube's assignable categories (fixed, documented list) and what must be asked."""

    categories: list[YouTubeCategory]
    default_category_id: str
    made_for_kids_required: bool = Field(description="Always asked; never assumed.")


class CreatorInfoOut(BaseModel):
    account_id: uuid.UUID
    platform: Platform
    tiktok: TikTokCreatorInfo | None = None
    youtube: YouTubeCreatorInfo | None = None
