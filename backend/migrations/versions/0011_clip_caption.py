"""A caption on each clip, written by the marketer and pre-filled when publishing.

Revision ID: 0011_clip_caption
Revises: 0010_ledger_chains
Create Date: 2026-12-05 21:45:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011_clip_caption"
down_revision: str | None = "0010_ledger_chains"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("clips") as batch:
        batch.add_column(sa.Column("caption", sa.Text(), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("clips") as batch:
        batch.drop_column("caption")
