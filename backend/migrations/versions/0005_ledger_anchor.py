"""Ledger MACs: each event's hash is sealed with a key kept outside the database.

Rows written before this revision keep a null MAC. A migration cannot add one (it must never hold
the key); ``stakazo migrate`` then appends one keyed ``ledger.anchored`` event whose hash covers
them, which is how verification trusts that prefix.

Revision ID: 0005_ledger_anchor
Revises: 0004_job_heartbeat
Create Date: 2026-12-04 23:10:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005_ledger_anchor"
down_revision: str | None = "0004_job_heartbeat"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # A plain ADD COLUMN: batch mode on SQLite would rebuild the table and drop its append-only
    # triggers.
    op.add_column("ledger_events", sa.Column("mac", sa.String(length=64), nullable=True))


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("ALTER TABLE ledger_events DROP COLUMN mac")
    else:
        op.drop_column("ledger_events", "mac")
