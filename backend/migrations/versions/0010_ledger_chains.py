"""Ledger chains per workspace (ADR 0002): ``chain`` and ``chain_seq`` on every event.

Existing events cannot be re-hashed (their hashes and MACs are the evidence), so they become the
``legacy`` chain with ``chain_seq = seq`` and keep verifying as before; ``stakazo migrate`` then
closes that chain with one keyed ``ledger.chains_started`` event (a migration never holds the
ledger key). ``seq`` stays as the global listing order, filled from a sequence on PostgreSQL.

Backfilling ``chain_seq`` is an UPDATE, which the append-only triggers refuse, so they are lifted
for it; on SQLite the batch rebuild (needed for NOT NULL and the unique constraint) would drop
them anyway. Both databases get them back before the revision ends.

Revision ID: 0010_ledger_chains
Revises: 0007_outbox
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010_ledger_chains"
down_revision: str | None = "0009_post_options"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

GLOBAL_SEQUENCE = "ledger_events_global_seq"

# Frozen copies of 0001's triggers.
SQLITE_APPEND_ONLY = """
CREATE TRIGGER ledger_events_no_{name} BEFORE {op} ON ledger_events
BEGIN SELECT RAISE(ABORT, 'ledger_events is append-only: {op} is not allowed'); END
"""
POSTGRES_ROW_TRIGGER = "ledger_events_append_only"


def _is_sqlite() -> bool:
    return op.get_bind().dialect.name == "sqlite"


def _lift_append_only() -> None:
    if _is_sqlite():
        op.execute("DROP TRIGGER IF EXISTS ledger_events_no_update")
        op.execute("DROP TRIGGER IF EXISTS ledger_events_no_delete")
    else:
        op.execute(f"ALTER TABLE ledger_events DISABLE TRIGGER {POSTGRES_ROW_TRIGGER}")


def _restore_append_only() -> None:
    if _is_sqlite():
        for operation in ("UPDATE", "DELETE"):
            op.execute(SQLITE_APPEND_ONLY.format(op=operation, name=operation.lower()))
    else:
        op.execute(f"ALTER TABLE ledger_events ENABLE TRIGGER {POSTGRES_ROW_TRIGGER}")


def upgrade() -> None:
    _lift_append_only()
    with op.batch_alter_table("ledger_events", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("chain", sa.String(length=40), server_default="legacy", nullable=False)
        )
        batch_op.add_column(sa.Column("chain_seq", sa.BigInteger(), nullable=True))
    op.execute("UPDATE ledger_events SET chain_seq = seq")
    with op.batch_alter_table("ledger_events", schema=None) as batch_op:
        batch_op.alter_column("chain", server_default=None)
        batch_op.alter_column("chain_seq", existing_type=sa.BigInteger(), nullable=False)
        batch_op.create_unique_constraint(
            batch_op.f("uq_ledger_events_chain"), ["chain", "chain_seq"]
        )
    _restore_append_only()
    if not _is_sqlite():
        op.execute(f"CREATE SEQUENCE {GLOBAL_SEQUENCE} AS bigint")
        # New events continue after the existing ones in the global order.
        op.execute(
            "SELECT setval('ledger_events_global_seq', "
            "COALESCE((SELECT max(seq) FROM ledger_events), 0) + 1, false)"
        )


def downgrade() -> None:
    # The rows stay; events recorded in per-workspace chains do not fit the single global chain,
    # so the older verifier reports the first of them as broken.
    if not _is_sqlite():
        op.execute(f"DROP SEQUENCE IF EXISTS {GLOBAL_SEQUENCE}")
    _lift_append_only()
    with op.batch_alter_table("ledger_events", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_ledger_events_chain"), type_="unique")
        batch_op.drop_column("chain_seq")
        batch_op.drop_column("chain")
    _restore_append_only()
