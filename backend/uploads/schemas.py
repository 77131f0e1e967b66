from __future__ import annotations

import uuid
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class UploadOut(BaseModel):
    """A tus upload; its URL is in the Location header of POST /v1/uploads/tus."""

    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    display_name: str
    length_bytes: int
    offset_bytes: int = Field(description="How many bytes the server has; resume from here.")
    state: Literal["receiving", "completed"]
    asset_id: uuid.UUID | None = Field(description="The asset, once the last byte arrived.")
    expires_at: datetime
    created_at: datetime
