"""The user's per-post choices for the platform (TikTok interactions and disclosures, YouTube
audience, tags and category), kept on each publication.

Revision ID: 0009_post_options
Revises: 0006_invitations
Create Date: 2026-12-05 03:40:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009_post_options"
down_revision: str | None = "0008_lifecycles"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("publications") as batch:
        # Existing publications made no choices: approving one asks for them first.
        batch.add_column(sa.Column("options", sa.JSON(), nullable=False, server_default="{}"))


def downgrade() -> None:
    with op.batch_alter_table("publications") as batch:
        batch.drop_column("options")
