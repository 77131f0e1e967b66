"""Asset and variant states are checked by the database: only the states their lifecycles
(backend/assets/transitions.py, backend/clips/variant_transitions.py) know.

Revision ID: 0008_lifecycles
Revises: 0006_invitations
Create Date: 2026-12-05 03:40:00.000000
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0008_lifecycles"
down_revision: str | None = "0007_outbox"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Frozen here: a later state needs its own revision, whatever the enums say by then.
CHECKS = {
    "assets": "state IN ('uploaded', 'probing', 'analyzing', 'ready', 'rejected', 'failed')",
    "variants": "state IN ('pending', 'rendering', 'ready', 'failed')",
}


def upgrade() -> None:
    for table, condition in CHECKS.items():
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.create_check_constraint(op.f(f"ck_{table}_state_known"), condition)


def downgrade() -> None:
    for table in reversed(CHECKS):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_constraint(op.f(f"ck_{table}_state_known"), type_="check")
