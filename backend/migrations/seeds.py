"""Helpers that migrations use to seed reference rows with stable ids."""

from __future__ import annotations

import uuid
from typing import Any

import sqlalchemy as sa
from alembic import op

_NAMESPACE = uuid.UUID("6f1c7a52-3c56-4c8e-9d8f-5a0b8d2f4e11")


def stable_id(kind: str, name: str) -> uuid.UUID:
    return uuid.uuid5(_NAMESPACE, f"{kind}:{name}")


def seed_roles(catalogue: dict[str, Any]) -> None:
    permissions = sa.table(
        "permissions",
        sa.column("id", sa.Uuid()),
        sa.column("name", sa.String()),
        sa.column("description", sa.String()),
    )
    roles = sa.table(
        "roles",
        sa.column("id", sa.Uuid()),
        sa.column("name", sa.String()),
        sa.column("description", sa.String()),
    )
    links = sa.table(
        "role_permissions", sa.column("role_id", sa.Uuid()), sa.column("permission_id", sa.Uuid())
    )
    op.bulk_insert(
        permissions,
        [
            {"id": stable_id("permission", name), "name": name, "description": text}
            for name, text in catalogue["permissions"].items()
        ],
    )
    op.bulk_insert(
        roles,
        [
            {"id": stable_id("role", name), "name": name, "description": text}
            for name, (text, _) in catalogue["roles"].items()
        ],
    )
    op.bulk_insert(
        links,
        [
            {"role_id": stable_id("role", role), "permission_id": stable_id("permission", name)}
            for role, (_, granted) in catalogue["roles"].items()
            for name in granted
        ],
    )
