"""One outbox for every message: sends, next send and dead time on jobs, publications and
webhook deliveries; durable notification subscriptions.

Revision ID: 0007_outbox
Revises: 0006_invitations
"""

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision: str = "0007_outbox"
down_revision: str | None = "0006_invitations"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OUTBOX_TABLES = ("jobs", "publications", "webhook_deliveries")


def _outbox_columns() -> list[sa.Column]:  # type: ignore[type-arg]
    return [
        sa.Column("sends", sa.Integer(), server_default="0", nullable=False),
        sa.Column("resend_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("dead_at", sa.DateTime(timezone=True), nullable=True),
    ]


def upgrade() -> None:
    for table in OUTBOX_TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            for column in _outbox_columns():
                batch_op.add_column(column)
    with op.batch_alter_table("webhook_deliveries", schema=None) as batch_op:
        batch_op.add_column(sa.Column("remote_account_id", sa.String(length=200), nullable=True))
        batch_op.create_check_constraint(
            op.f("ck_webhook_deliveries_state_known"),
            "state IN ('received', 'applied', 'failed', 'dead')",
        )
    op.create_table(
        "notification_subscriptions",
        sa.Column("account_id", sa.Uuid(), nullable=False),
        sa.Column("workspace_id", sa.Uuid(), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("dispatched_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("subscribed_at", sa.DateTime(timezone=True), nullable=True),
        *_outbox_columns(),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "state IN ('pending', 'active', 'dead')",
            name=op.f("ck_notification_subscriptions_state_known"),
        ),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["platform_accounts.id"],
            name=op.f("fk_notification_subscriptions_account_id_platform_accounts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_notification_subscriptions_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notification_subscriptions")),
        sa.UniqueConstraint("account_id", name=op.f("uq_notification_subscriptions_account_id")),
    )
    with op.batch_alter_table("notification_subscriptions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_notification_subscriptions_workspace_id"), ["workspace_id"], unique=False
        )
    _subscribe_connected_youtube_accounts()


def _subscribe_connected_youtube_accounts() -> None:
    """Until now beat renewed every connected channel daily; their rows are due at once."""
    connection = op.get_bind()
    accounts = sa.table(
        "platform_accounts",
        sa.column("id", sa.Uuid()),
        sa.column("workspace_id", sa.Uuid()),
        sa.column("platform", sa.String()),
        sa.column("status", sa.String()),
    )
    subscriptions = sa.table(
        "notification_subscriptions",
        sa.column("id", sa.Uuid()),
        sa.column("account_id", sa.Uuid()),
        sa.column("workspace_id", sa.Uuid()),
        sa.column("state", sa.String()),
        sa.column("sends", sa.Integer()),
        sa.column("resend_at", sa.DateTime(timezone=True)),
        sa.column("created_at", sa.DateTime(timezone=True)),
    )
    rows = connection.execute(
        sa.select(accounts.c.id, accounts.c.workspace_id).where(
            accounts.c.platform == "youtube", accounts.c.status == "connected"
        )
    ).all()
    now = datetime.now(UTC)
    if connection.dialect.name == "sqlite":
        now = now.replace(tzinfo=None)
    if rows:
        op.bulk_insert(
            subscriptions,
            [
                {
                    "id": uuid.uuid4(),
                    "account_id": account_id,
                    "workspace_id": workspace_id,
                    "state": "pending",
                    "sends": 0,
                    "resend_at": now,
                    "created_at": now,
                }
                for account_id, workspace_id in rows
            ],
        )


def downgrade() -> None:
    with op.batch_alter_table("notification_subscriptions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_notification_subscriptions_workspace_id"))
    op.drop_table("notification_subscriptions")
    op.execute("UPDATE webhook_deliveries SET state = 'failed' WHERE state = 'dead'")
    with op.batch_alter_table("webhook_deliveries", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_webhook_deliveries_state_known"), type_="check")
        batch_op.drop_column("remote_account_id")
    for table in reversed(OUTBOX_TABLES):
        with op.batch_alter_table(table, schema=None) as batch_op:
            for name in ("dead_at", "resend_at", "sends"):
                batch_op.drop_column(name)
