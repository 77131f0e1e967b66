"""Campaigns and their planned posts, approvals by several people, platform rules that editors
propose and admins approve or reject, clip scoring models learnt per workspace and platform, tags
on assets; the permission to propose rule changes (rules:propose, given to editors and admins).

Revision ID: 0014_campaigns
Revises: 0013_telemetry
Create Date: 2026-12-06 14:34:11.339379
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from backend.migrations.seeds import stable_id

PROPOSE = "rules:propose"
PROPOSE_TEXT = "Propose changes to platform rules"


revision: str = "0014_campaigns"
down_revision: str | None = "0013_telemetry"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "campaigns",
        sa.Column("workspace_id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("time_zone", sa.String(length=64), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.Column("schedule_mode", sa.String(length=16), nullable=False),
        sa.Column("posts_per_day", sa.Integer(), nullable=True),
        sa.Column("min_gap_minutes", sa.Integer(), nullable=False),
        sa.Column("blackout_dates", sa.JSON(), nullable=False),
        sa.Column("caption_template", sa.Text(), nullable=False),
        sa.Column("required_hashtags", sa.JSON(), nullable=False),
        sa.Column("source_asset_ids", sa.JSON(), nullable=False),
        sa.Column("source_tags", sa.JSON(), nullable=False),
        sa.Column("approval_policy", sa.String(length=8), nullable=False),
        sa.Column("approvals_required", sa.Integer(), nullable=False),
        sa.Column("evergreen", sa.Boolean(), nullable=False),
        sa.Column("evergreen_cooldown_days", sa.Integer(), nullable=False),
        sa.Column("evergreen_max_reuses", sa.Integer(), nullable=False),
        sa.Column("exploration_share", sa.Double(), nullable=False),
        sa.Column("post_choices", sa.JSON(), server_default="{}", nullable=False),
        sa.Column("created_by_id", sa.Uuid(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "approval_policy IN ('none', 'one', 'n')",
            name=op.f("ck_campaigns_approval_policy_known"),
        ),
        sa.CheckConstraint(
            "schedule_mode IN ('slots', 'cadence')", name=op.f("ck_campaigns_schedule_mode_known")
        ),
        sa.CheckConstraint(
            "state IN ('draft', 'active', 'paused', 'completed')",
            name=op.f("ck_campaigns_state_known"),
        ),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["users.id"],
            name=op.f("fk_campaigns_created_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_campaigns_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_campaigns")),
    )
    with op.batch_alter_table("campaigns", schema=None) as batch_op:
        batch_op.create_index(
            "ix_campaigns_workspace_created_at", ["workspace_id", "created_at"], unique=False
        )

    op.create_table(
        "scoring_models",
        sa.Column("workspace_id", sa.Uuid(), nullable=False),
        sa.Column("platform", sa.String(length=32), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("params", sa.JSON(), nullable=False),
        sa.Column("metrics", sa.JSON(), nullable=False),
        sa.Column("training_rows", sa.Integer(), nullable=False),
        sa.Column("trained_by_id", sa.Uuid(), nullable=True),
        sa.Column("activated_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("activated_by_id", sa.Uuid(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "kind IN ('prior', 'linear', 'lambdarank')", name=op.f("ck_scoring_models_kind_known")
        ),
        sa.CheckConstraint(
            "state IN ('candidate', 'active', 'rejected', 'retired')",
            name=op.f("ck_scoring_models_state_known"),
        ),
        sa.ForeignKeyConstraint(
            ["activated_by_id"],
            ["users.id"],
            name=op.f("fk_scoring_models_activated_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["trained_by_id"],
            ["users.id"],
            name=op.f("fk_scoring_models_trained_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_scoring_models_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_scoring_models")),
        sa.UniqueConstraint(
            "workspace_id", "platform", "version", name=op.f("uq_scoring_models_workspace_id")
        ),
    )
    with op.batch_alter_table("scoring_models", schema=None) as batch_op:
        batch_op.create_index(
            "ix_scoring_models_workspace_platform_state",
            ["workspace_id", "platform", "state"],
            unique=False,
        )

    op.create_table(
        "campaign_targets",
        sa.Column("campaign_id", sa.Uuid(), nullable=False),
        sa.Column("account_id", sa.Uuid(), nullable=False),
        sa.Column("slots", sa.JSON(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["platform_accounts.id"],
            name=op.f("fk_campaign_targets_account_id_platform_accounts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["campaign_id"],
            ["campaigns.id"],
            name=op.f("fk_campaign_targets_campaign_id_campaigns"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_campaign_targets")),
        sa.UniqueConstraint(
            "campaign_id", "account_id", name=op.f("uq_campaign_targets_campaign_id")
        ),
    )
    with op.batch_alter_table("campaign_targets", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_campaign_targets_campaign_id"), ["campaign_id"], unique=False
        )

    op.create_table(
        "campaign_posts",
        sa.Column("campaign_id", sa.Uuid(), nullable=False),
        sa.Column("workspace_id", sa.Uuid(), nullable=False),
        sa.Column("account_id", sa.Uuid(), nullable=False),
        sa.Column("clip_id", sa.Uuid(), nullable=False),
        sa.Column("publication_id", sa.Uuid(), nullable=True),
        sa.Column("slot_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("score", sa.Double(), nullable=False),
        sa.Column("exploration", sa.Boolean(), nullable=False),
        sa.Column("reuse", sa.Integer(), nullable=False),
        sa.Column("reason", sa.JSON(), nullable=False),
        sa.Column("caption", sa.Text(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("source", sa.String(length=8), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "state IN ('planned', 'scheduled', 'published', 'failed', 'cancelled')",
            name=op.f("ck_campaign_posts_state_known"),
        ),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["platform_accounts.id"],
            name=op.f("fk_campaign_posts_account_id_platform_accounts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["campaign_id"],
            ["campaigns.id"],
            name=op.f("fk_campaign_posts_campaign_id_campaigns"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["clip_id"],
            ["clips.id"],
            name=op.f("fk_campaign_posts_clip_id_clips"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["publication_id"],
            ["publications.id"],
            name=op.f("fk_campaign_posts_publication_id_publications"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_campaign_posts_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_campaign_posts")),
        sa.UniqueConstraint(
            "campaign_id", "account_id", "slot_at", name=op.f("uq_campaign_posts_campaign_id")
        ),
    )
    with op.batch_alter_table("campaign_posts", schema=None) as batch_op:
        batch_op.create_index(
            "ix_campaign_posts_account_slot_at", ["account_id", "slot_at"], unique=False
        )
        batch_op.create_index(
            "ix_campaign_posts_workspace_slot_at", ["workspace_id", "slot_at"], unique=False
        )

    op.create_table(
        "publication_approvals",
        sa.Column("publication_id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["publication_id"],
            ["publications.id"],
            name=op.f("fk_publication_approvals_publication_id_publications"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_publication_approvals_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_publication_approvals")),
        sa.UniqueConstraint(
            "publication_id", "user_id", name=op.f("uq_publication_approvals_publication_id")
        ),
    )
    with op.batch_alter_table("publication_approvals", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_publication_approvals_publication_id"), ["publication_id"], unique=False
        )

    with op.batch_alter_table("assets", schema=None) as batch_op:
        batch_op.add_column(sa.Column("tags", sa.JSON(), server_default="[]", nullable=False))

    with op.batch_alter_table("platform_rules", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("status", sa.String(length=16), server_default="approved", nullable=False)
        )
        batch_op.add_column(sa.Column("note", sa.Text(), server_default="", nullable=False))
        batch_op.add_column(sa.Column("proposed_by_id", sa.Uuid(), nullable=True))
        batch_op.add_column(sa.Column("rejected_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("rejected_by_id", sa.Uuid(), nullable=True))
        batch_op.add_column(sa.Column("decision_note", sa.Text(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_platform_rules_proposed_by_id_users"),
            "users",
            ["proposed_by_id"],
            ["id"],
            ondelete="SET NULL",
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_platform_rules_rejected_by_id_users"),
            "users",
            ["rejected_by_id"],
            ["id"],
            ondelete="SET NULL",
        )
        batch_op.create_check_constraint(
            "status_known", "status IN ('proposed', 'approved', 'rejected')"
        )

    with op.batch_alter_table("publications", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("approvals_required", sa.Integer(), server_default="1", nullable=False)
        )

    _grant_propose()


def _grant_propose() -> None:
    permissions = sa.table(
        "permissions",
        sa.column("id", sa.Uuid()),
        sa.column("name", sa.String()),
        sa.column("description", sa.String()),
    )
    links = sa.table(
        "role_permissions", sa.column("role_id", sa.Uuid()), sa.column("permission_id", sa.Uuid())
    )
    permission_id = stable_id("permission", PROPOSE)
    op.bulk_insert(
        permissions, [{"id": permission_id, "name": PROPOSE, "description": PROPOSE_TEXT}]
    )
    op.bulk_insert(
        links,
        [
            {"role_id": stable_id("role", role), "permission_id": permission_id}
            for role in ("admin", "editor")
        ],
    )


def downgrade() -> None:
    permission_id = stable_id("permission", PROPOSE)
    op.execute(
        sa.text("DELETE FROM role_permissions WHERE permission_id = :id").bindparams(
            id=permission_id
        )
    )
    op.execute(sa.text("DELETE FROM permissions WHERE id = :id").bindparams(id=permission_id))
    with op.batch_alter_table("publications", schema=None) as batch_op:
        batch_op.drop_column("approvals_required")

    with op.batch_alter_table("platform_rules", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_platform_rules_status_known"), type_="check")
        batch_op.drop_constraint(
            batch_op.f("fk_platform_rules_rejected_by_id_users"), type_="foreignkey"
        )
        batch_op.drop_constraint(
            batch_op.f("fk_platform_rules_proposed_by_id_users"), type_="foreignkey"
        )
        batch_op.drop_column("decision_note")
        batch_op.drop_column("rejected_by_id")
        batch_op.drop_column("rejected_at")
        batch_op.drop_column("proposed_by_id")
        batch_op.drop_column("note")
        batch_op.drop_column("status")

    with op.batch_alter_table("assets", schema=None) as batch_op:
        batch_op.drop_column("tags")

    with op.batch_alter_table("publication_approvals", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_publication_approvals_publication_id"))

    op.drop_table("publication_approvals")
    with op.batch_alter_table("campaign_posts", schema=None) as batch_op:
        batch_op.drop_index("ix_campaign_posts_workspace_slot_at")
        batch_op.drop_index("ix_campaign_posts_account_slot_at")

    op.drop_table("campaign_posts")
    with op.batch_alter_table("campaign_targets", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_campaign_targets_campaign_id"))

    op.drop_table("campaign_targets")
    with op.batch_alter_table("scoring_models", schema=None) as batch_op:
        batch_op.drop_index("ix_scoring_models_workspace_platform_state")

    op.drop_table("scoring_models")
    with op.batch_alter_table("campaigns", schema=None) as batch_op:
        batch_op.drop_index("ix_campaigns_workspace_created_at")

    op.drop_table("campaigns")
