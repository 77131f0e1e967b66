"""Media pipeline: uploads, assets and timelines, clips and variants, platform rules, scoring
weights.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 00:08:59.095355
"""

from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

from backend.migrations.seeds import stable_id

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


_COMMON = {
    "container": "mp4",
    "video_codec": "h264",
    "profile": "high",
    "pixel_format": "yuv420p",
    "width": 1080,
    "height": 1920,
    "fps": 30,
    "audio_codec": "aac",
    "audio_sample_rate": 48000,
    "audio_channels": 2,
    "audio_bitrate_kbps": 128,
    "faststart": True,
}
# Frozen copy of the rules from the platforms' published specs (see docs/media.md); changing a
# rule means a new version row, approved by an admin, never an edit of this one.
PLATFORM_RULES_V1 = {
    "instagram": {
        **_COMMON,
        "label": "Instagram Reels",
        "min_fps": 23,
        "max_fps": 60,
        "min_duration_seconds": 3,
        "max_duration_seconds": 900,
        "ideal_duration_seconds": [15, 60],
        "max_video_bitrate_kbps": 25000,
        "target_video_bitrate_kbps": 8000,
        "max_size_bytes": 300 * 1024 * 1024,
        "safe_area": {"top": 0.14, "bottom": 0.30, "left": 0.06, "right": 0.12},
    },
    "tiktok": {
        **_COMMON,
        "label": "TikTok",
        "min_fps": 23,
        "max_fps": 60,
        "min_duration_seconds": 3,
        "max_duration_seconds": 600,
        "ideal_duration_seconds": [15, 45],
        "max_video_bitrate_kbps": 25000,
        "target_video_bitrate_kbps": 8000,
        "max_size_bytes": 4 * 1024 * 1024 * 1024,
        "min_side_px": 360,
        "max_side_px": 4096,
        "safe_area": {"top": 0.12, "bottom": 0.28, "left": 0.06, "right": 0.16},
    },
    "youtube": {
        **_COMMON,
        "label": "YouTube Shorts",
        "min_fps": 23,
        "max_fps": 60,
        "min_duration_seconds": 1,
        "max_duration_seconds": 180,
        "ideal_duration_seconds": [20, 60],
        "max_video_bitrate_kbps": 25000,
        "target_video_bitrate_kbps": 8000,
        "max_size_bytes": 256 * 1024 * 1024 * 1024,
        "safe_area": {"top": 0.10, "bottom": 0.25, "left": 0.06, "right": 0.12},
    },
}
SCORING_WEIGHTS_V1 = {
    "instagram": {
        "hook": 0.25,
        "cut_rate": 0.10,
        "speech_density": 0.15,
        "silence_ratio": -0.15,
        "motion": 0.15,
        "faces": 0.15,
        "duration_fit": 0.20,
    },
    "tiktok": {
        "hook": 0.30,
        "cut_rate": 0.15,
        "speech_density": 0.15,
        "silence_ratio": -0.20,
        "motion": 0.15,
        "faces": 0.10,
        "duration_fit": 0.15,
    },
    "youtube": {
        "hook": 0.20,
        "cut_rate": 0.10,
        "speech_density": 0.20,
        "silence_ratio": -0.15,
        "motion": 0.10,
        "faces": 0.15,
        "duration_fit": 0.20,
    },
}


def _seed() -> None:
    now = datetime.now(UTC)
    rules = sa.table(
        "platform_rules",
        sa.column("id", sa.Uuid()),
        sa.column("platform", sa.String()),
        sa.column("version", sa.Integer()),
        sa.column("rules", sa.JSON()),
        sa.column("approved_at", sa.DateTime(timezone=True)),
        sa.column("created_at", sa.DateTime(timezone=True)),
    )
    op.bulk_insert(
        rules,
        [
            {
                "id": stable_id("platform_rule", f"{platform}:1"),
                "platform": platform,
                "version": 1,
                "rules": spec,
                "approved_at": now,
                "created_at": now,
            }
            for platform, spec in PLATFORM_RULES_V1.items()
        ],
    )
    weights = sa.table(
        "scoring_weights",
        sa.column("id", sa.Uuid()),
        sa.column("version", sa.Integer()),
        sa.column("weights", sa.JSON()),
        sa.column("notes", sa.String()),
        sa.column("activated_at", sa.DateTime(timezone=True)),
        sa.column("created_at", sa.DateTime(timezone=True)),
    )
    op.bulk_insert(
        weights,
        [
            {
                "id": stable_id("scoring_weights", "1"),
                "version": 1,
                "weights": SCORING_WEIGHTS_V1,
                "notes": "Hand-set starting point; later versions are trained from published results.",
                "activated_at": now,
                "created_at": now,
            }
        ],
    )


def upgrade() -> None:
    op.create_table(
        "scoring_weights",
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("weights", sa.JSON(), nullable=False),
        sa.Column("notes", sa.String(length=500), nullable=False),
        sa.Column("activated_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_scoring_weights")),
        sa.UniqueConstraint("version", name=op.f("uq_scoring_weights_version")),
    )
    op.create_table(
        "assets",
        sa.Column("workspace_id", sa.Uuid(), nullable=False),
        sa.Column("uploaded_by_id", sa.Uuid(), nullable=True),
        sa.Column("display_name", sa.String(length=500), nullable=False),
        sa.Column("storage_key", sa.String(length=500), nullable=False),
        sa.Column("size_bytes", sa.BigInteger(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("rejection_reason", sa.Text(), nullable=True),
        sa.Column("media_info", sa.JSON(), nullable=True),
        sa.Column("duration_seconds", sa.Double(), nullable=True),
        sa.Column("transcript_status", sa.String(length=16), nullable=False),
        sa.Column("transcript_reason", sa.Text(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["uploaded_by_id"],
            ["users.id"],
            name=op.f("fk_assets_uploaded_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_assets_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assets")),
        sa.UniqueConstraint("workspace_id", "sha256", name=op.f("uq_assets_workspace_id")),
    )
    with op.batch_alter_table("assets", schema=None) as batch_op:
        batch_op.create_index(
            "ix_assets_workspace_created", ["workspace_id", "created_at"], unique=False
        )

    op.create_table(
        "platform_rules",
        sa.Column("platform", sa.String(length=32), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("rules", sa.JSON(), nullable=False),
        sa.Column("approved_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("approved_by_id", sa.Uuid(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["approved_by_id"],
            ["users.id"],
            name=op.f("fk_platform_rules_approved_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_platform_rules")),
        sa.UniqueConstraint("platform", "version", name=op.f("uq_platform_rules_platform")),
    )
    op.create_table(
        "asset_timelines",
        sa.Column("asset_id", sa.Uuid(), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["asset_id"],
            ["assets.id"],
            name=op.f("fk_asset_timelines_asset_id_assets"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_asset_timelines")),
        sa.UniqueConstraint("asset_id", name=op.f("uq_asset_timelines_asset_id")),
    )
    op.create_table(
        "clips",
        sa.Column("workspace_id", sa.Uuid(), nullable=False),
        sa.Column("asset_id", sa.Uuid(), nullable=False),
        sa.Column("start_seconds", sa.Double(), nullable=False),
        sa.Column("end_seconds", sa.Double(), nullable=False),
        sa.Column("rank", sa.Integer(), nullable=False),
        sa.Column("score", sa.Double(), nullable=False),
        sa.Column("scores", sa.JSON(), nullable=False),
        sa.Column("features", sa.JSON(), nullable=False),
        sa.Column("transcript", sa.Text(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("weights_version", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["asset_id"], ["assets.id"], name=op.f("fk_clips_asset_id_assets"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_clips_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_clips")),
    )
    with op.batch_alter_table("clips", schema=None) as batch_op:
        batch_op.create_index("ix_clips_asset_rank", ["asset_id", "rank"], unique=False)
        batch_op.create_index("ix_clips_workspace_score", ["workspace_id", "score"], unique=False)

    op.create_table(
        "uploads",
        sa.Column("workspace_id", sa.Uuid(), nullable=False),
        sa.Column("created_by_id", sa.Uuid(), nullable=True),
        sa.Column("display_name", sa.String(length=500), nullable=False),
        sa.Column("length_bytes", sa.BigInteger(), nullable=False),
        sa.Column("offset_bytes", sa.BigInteger(), nullable=False),
        sa.Column("upload_metadata", sa.JSON(), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("asset_id", sa.Uuid(), nullable=True),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["asset_id"],
            ["assets.id"],
            name=op.f("fk_uploads_asset_id_assets"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["users.id"],
            name=op.f("fk_uploads_created_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_uploads_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_uploads")),
    )
    with op.batch_alter_table("uploads", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_uploads_workspace_id"), ["workspace_id"], unique=False)

    op.create_table(
        "variants",
        sa.Column("workspace_id", sa.Uuid(), nullable=False),
        sa.Column("clip_id", sa.Uuid(), nullable=False),
        sa.Column("platform", sa.String(length=32), nullable=False),
        sa.Column("captions", sa.Boolean(), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("storage_key", sa.String(length=500), nullable=True),
        sa.Column("cover_key", sa.String(length=500), nullable=True),
        sa.Column("preview_key", sa.String(length=500), nullable=True),
        sa.Column("width", sa.Integer(), nullable=True),
        sa.Column("height", sa.Integer(), nullable=True),
        sa.Column("duration_seconds", sa.Double(), nullable=True),
        sa.Column("size_bytes", sa.BigInteger(), nullable=True),
        sa.Column("checks", sa.JSON(), nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["clip_id"], ["clips.id"], name=op.f("fk_variants_clip_id_clips"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_variants_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_variants")),
        sa.UniqueConstraint("clip_id", "platform", "captions", name=op.f("uq_variants_clip_id")),
    )
    with op.batch_alter_table("variants", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_variants_workspace_id"), ["workspace_id"], unique=False
        )

    with op.batch_alter_table("jobs", schema=None) as batch_op:
        batch_op.add_column(sa.Column("asset_id", sa.Uuid(), nullable=True))
        batch_op.add_column(sa.Column("clip_id", sa.Uuid(), nullable=True))
        batch_op.create_index(batch_op.f("ix_jobs_asset_id"), ["asset_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_jobs_asset_id_assets"),
            "assets",
            ["asset_id"],
            ["id"],
            ondelete="CASCADE",
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_jobs_clip_id_clips"), "clips", ["clip_id"], ["id"], ondelete="CASCADE"
        )

    _seed()


def downgrade() -> None:
    with op.batch_alter_table("jobs", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_jobs_clip_id_clips"), type_="foreignkey")
        batch_op.drop_constraint(batch_op.f("fk_jobs_asset_id_assets"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_jobs_asset_id"))
        batch_op.drop_column("clip_id")
        batch_op.drop_column("asset_id")

    with op.batch_alter_table("variants", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_variants_workspace_id"))

    op.drop_table("variants")
    with op.batch_alter_table("uploads", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_uploads_workspace_id"))

    op.drop_table("uploads")
    with op.batch_alter_table("clips", schema=None) as batch_op:
        batch_op.drop_index("ix_clips_workspace_score")
        batch_op.drop_index("ix_clips_asset_rank")

    op.drop_table("clips")
    op.drop_table("asset_timelines")
    op.drop_table("platform_rules")
    with op.batch_alter_table("assets", schema=None) as batch_op:
        batch_op.drop_index("ix_assets_workspace_created")

    op.drop_table("assets")
    op.drop_table("scoring_weights")
