"""Clip versions for the transcript editor (version, parent, latest, the clip's own words, its
caption preset) and a workspace's caption brand.

Revision ID: 0015_clip_editor
Revises: 0014_campaigns
Create Date: 2026-12-06 22:10:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015_clip_editor"
down_revision: str | None = "0014_campaigns"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Existing clips become version 1, each the latest of its own chain (the server defaults).
    with op.batch_alter_table("clips", schema=None) as batch_op:
        batch_op.add_column(sa.Column("version", sa.Integer(), server_default="1", nullable=False))
        batch_op.add_column(sa.Column("parent_id", sa.Uuid(), nullable=True))
        batch_op.add_column(
            sa.Column("latest", sa.Boolean(), server_default=sa.true(), nullable=False)
        )
        batch_op.add_column(sa.Column("words", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("caption_preset", sa.String(length=32), nullable=True))
        batch_op.create_index(batch_op.f("ix_clips_parent_id"), ["parent_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_clips_parent_id_clips"),
            "clips",
            ["parent_id"],
            ["id"],
            ondelete="SET NULL",
        )

    with op.batch_alter_table("workspaces", schema=None) as batch_op:
        batch_op.add_column(sa.Column("caption_brand", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("workspaces", schema=None) as batch_op:
        batch_op.drop_column("caption_brand")

    with op.batch_alter_table("clips", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_clips_parent_id_clips"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_clips_parent_id"))
        batch_op.drop_column("caption_preset")
        batch_op.drop_column("words")
        batch_op.drop_column("latest")
        batch_op.drop_column("parent_id")
        batch_op.drop_column("version")
