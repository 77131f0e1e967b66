from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

from backend.publishing.schemas import PublicationState


@dataclass(frozen=True)
class CalendarFilter:
    """Which posts of the window to show (all when a field is None)."""

    account_id: uuid.UUID | None = None
    platform: str | None = None
    campaign_id: uuid.UUID | None = None


class ApprovalCount(BaseModel):
    count: int = Field(description="Distinct approvals given so far.")
    required: int = Field(description="Distinct approvals it needs before it goes ahead.")


class CalendarItem(BaseModel):
    publication_id: uuid.UUID
    clip_id: uuid.UUID
    asset_name: str = Field(description="The name of the video the clip was cut from.")
    cover_url: str | None = Field(description="The cover of the publication's rendered variant.")
    preview_url: str | None
    account_id: uuid.UUID
    account_name: str = Field(description="The account's display name, or its handle.")
    account_handle: str
    platform: str
    at: datetime = Field(
        description="When it is placed on the calendar: the time it was published; else its "
        "`publish_at`; else (a post sent as soon as approved) when it was created."
    )
    state: PublicationState
    caption: str
    campaign_id: uuid.UUID | None = Field(description="The campaign that planned it, if any.")
    approvals: ApprovalCount


class BestTime(BaseModel):
    weekday: int = Field(ge=0, le=6, description="0 is Monday.")
    time: str = Field(description="The hour it starts, `HH:00`, in the time zone asked for.")
    score: float = Field(
        description="Expected views relative to the account's typical post (1.0 = typical), "
        "smoothed toward the platform's default for the hour."
    )
    posts: int = Field(description="The account's posts measured in this hour of the week.")
    source: Literal["history", "platform_default"] = Field(
        description="`history`: the account's own posts placed it here; `platform_default`: "
        "the platform-wide default did (no posts of the account in that hour)."
    )


class BestTimesOut(BaseModel):
    account_id: uuid.UUID
    platform: str
    time_zone: str
    based_on_posts: int = Field(description="Published posts with a reading of their views.")
    message: str = Field(description="Where the times come from, in words.")
    times: list[BestTime] = Field(description="Best first.")
