from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from backend.models.base import Base, CreatedAt, UUIDPrimaryKey


class Workspace(UUIDPrimaryKey, CreatedAt, Base):
    """A brand or client: every domain row belongs to exactly one workspace."""

    __tablename__ = "workspaces"

    name: Mapped[str] = mapped_column(String(200))
    # Who started it, for the per-user limit on new workspaces (STAKAZO_MAX_WORKSPACES_PER_USER).
    created_by_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True, default=None
    )
    # The workspace's caption style: a preset plus overrides, as core.caption_presets.check_brand
    # accepts it; None: no brand.
    caption_brand: Mapped[dict[str, Any] | None] = mapped_column(JSON, default=None)
