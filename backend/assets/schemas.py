from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from backend.models import AssetState


class AssetOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    workspace_id: uuid.UUID
    uploaded_by_id: uuid.UUID | None
    display_name: str = Field(description="The uploaded file's name, for people; never a path.")
    size_bytes: int
    sha256: str = Field(description="SHA-256 of the file, hex; the same file is stored once.")
    state: AssetState = Field(
        description="uploaded → probing → analyzing → ready; rejected (bad media) or failed"
    )
    rejection_reason: str | None = Field(description="Why the media was refused, when rejected.")
    media_info: dict[str, Any] | None = Field(description="What probing found: streams, codecs.")
    duration_seconds: float | None
    transcript_status: str = Field(
        description="pending (speech is recognised after the clips are found and their renders "
        "queued; clip edges and captions may still be refined), available, or unavailable "
        "(see transcript_reason)"
    )
    transcript_reason: str | None = Field(description="Why there is no transcript, when none.")
    source_url: str | None = Field(
        default=None,
        description="Signed, expiring link to the uploaded file; plays in a <video> tag.",
    )
    tags: list[str] = Field(
        default_factory=list,
        description="The workspace's labels; campaigns may pick sources by tag.",
    )
    created_at: datetime
    updated_at: datetime


Tag = Annotated[
    str,
    StringConstraints(strip_whitespace=True, to_lower=True, min_length=1, max_length=40),
]


class UpdateAssetRequest(BaseModel):
    """What a person may change of a video: its name and its labels."""

    display_name: str | None = Field(default=None, min_length=1, max_length=500)
    tags: list[Tag] | None = Field(
        default=None, max_length=20, description="Replaces the video's tags (at most 20)."
    )


class AssetUploaded(AssetOut):
    deduplicated: bool = Field(
        description="True when this workspace already had the same file: the existing asset."
    )


class TimelineOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    asset_id: uuid.UUID
    created_at: datetime
    data: dict[str, Any] = Field(
        description="What analysis found over time: shots, loudness, silences, motion, faces, "
        "words."
    )
