from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Index, String, UniqueConstraint
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

# Events recorded before per-workspace chains (migration 0008) form one closed chain of their
# own; events without a workspace (sign-ins, webhook receipts) go to the system chain; every
# other event goes to its workspace's chain, named by the workspace id.
LEGACY_CHAIN = "legacy"
SYSTEM_CHAIN = "system"


class LedgerEvent(UUIDPrimaryKey, Base):
    """Append-only, hash-chained record of every domain event, one chain per workspace."""

    __tablename__ = "ledger_events"
    __table_args__ = (
        UniqueConstraint("chain", "chain_seq"),
        Index("ix_ledger_events_workspace_seq", "workspace_id", "seq"),
        Index("ix_ledger_events_type_seq", "type", "seq"),
    )

    # Global order only (listings); filled from a database sequence, gaps allowed, and not part
    # of any hash outside the legacy chain.
    seq: Mapped[int] = mapped_column(BigInteger, unique=True)
    chain: Mapped[str] = mapped_column(String(40))
    # 1, 2, 3 … within ``chain``, gapless; what the chain's links and the API's numbers use.
    chain_seq: Mapped[int] = mapped_column(BigInteger)
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
