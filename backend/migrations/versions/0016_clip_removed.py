"""Stretches cut out of a clip (filler words, long pauses) by the transcript editor.

Revision ID: 0016_clip_removed
Revises: 0015_clip_editor
Create Date: 2026-12-06 22:20:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0016_clip_removed"
down_revision: str | None = "0015_clip_editor"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # NULL: nothing removed, so existing clips play as before.
    with op.batch_alter_table("clips", schema=None) as batch_op:
        batch_op.add_column(sa.Column("removed", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("clips", schema=None) as batch_op:
        batch_op.drop_column("removed")
