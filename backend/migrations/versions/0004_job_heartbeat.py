"""Worker heartbeats: a running job proves its worker is alive with ``heartbeat_at``; webhook
deliveries remember when they were last sent to a worker.

Revision ID: 0004_job_heartbeat
Revises: 0003
Create Date: 2026-12-04 23:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004_job_heartbeat"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("jobs", sa.Column("heartbeat_at", sa.DateTime(timezone=True), nullable=True))
    # A job running when this migration runs keeps the last sign of life it had.
    op.execute("UPDATE jobs SET heartbeat_at = updated_at WHERE state = 'running'")
    op.add_column(
        "webhook_deliveries",
        sa.Column("dispatched_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.execute("UPDATE webhook_deliveries SET dispatched_at = received_at")


def downgrade() -> None:
    with op.batch_alter_table("webhook_deliveries") as batch:
        batch.drop_column("dispatched_at")
    with op.batch_alter_table("jobs") as batch:
        batch.drop_column("heartbeat_at")
