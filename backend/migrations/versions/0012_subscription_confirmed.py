"""When the platform last checked back that a notification subscription was wanted: until then
the subscription is asked for but no notice will come.

Revision ID: 0012_subscription_confirmed
Revises: 0011_clip_caption
Create Date: 2026-12-06 05:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012_subscription_confirmed"
down_revision: str | None = "0011_clip_caption"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("notification_subscriptions") as batch:
        batch.add_column(sa.Column("confirmed_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("notification_subscriptions") as batch:
        batch.drop_column("confirmed_at")
