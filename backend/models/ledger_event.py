from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from backend.models.base import Base, UUIDPrimaryKey

# Referenced rows may be deleted later (an asset, a user); the audit trail must not be, so the
# reference columns deliberately carry no foreign keys.
REFERENCE_COLUMNS = (
    "workspace_id",
    "actor_id",
    "user_id",
    "asset_id",
    "job_id",
    "clip_id",
    "publication_id",
    "campaign_id",
)


class LedgerEvent(UUIDPrimaryKey, Base):
    """Append-only, hash-chained record of every domain event."""

    __tablename__ = "ledger_events"
    __table_args__ = (
        Index("ix_ledger_events_workspace_seq", "workspace_id", "seq"),
        Index("ix_ledger_events_type_seq", "type", "seq"),
    )

    seq: Mapped[int] = mapped_column(BigInteger, unique=True)
    occurred_at: Mapped[datetime]
    type: Mapped[str] = mapped_column(String(100))
    workspace_id: Mapped[uuid.UUID | None] = mapped_column(default=None)
    actor_id: Mapped[uuid.UUID | None] = mapped_column(default=None, index=True)
    user_id: Mapped[uuid.UUID | None] = mapped_column(default=None, index=True)
    asset_id: Mapped[uuid.UUID | None] = mapped_column(default=None, index=True)
    job_id: Mapped[uuid.UUID | None] = mapped_column(default=None, index=True)
    clip_id: Mapped[uuid.UUID | None] = mapped_column(default=None, index=True)
    publication_id: Mapped[uuid.UUID | None] = mapped_column(default=None, index=True)
    campaign_id: Mapped[uuid.UUID | None] = mapped_column(default=None, index=True)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    # HMAC of ``hash`` under the ledger key, which is never stored in the database; null only for
    # events written before the key existed (see backend/ledger/chain.py).
    mac: Mapped[str | None] = mapped_column(String(64), default=None)
