"""The permission catalogue and the built-in roles.

The database holds the same mapping (seeded by migrations) and is what ``require_permission``
enforces; a test keeps the two identical, so changing a role means writing a migration.
"""

from __future__ import annotations

from typing import Final

PERMISSIONS: Final[dict[str, str]] = {
    "workspace:read": "See the workspace and its settings",
    "workspace:manage": "Rename the workspace and change its settings",
    "members:read": "See who belongs to the workspace and the roles on offer",
    "members:manage": "Add, remove, deactivate members and change their roles",
    "ledger:read": "Read and verify the audit trail",
    "jobs:read": "See background jobs and their progress",
    "jobs:write": "Start and cancel background jobs",
    "assets:read": "See uploaded videos",
    "assets:write": "Upload and delete videos",
    "clips:read": "See clips, scores and variants",
    "clips:write": "Edit clips and render variants",
    "rules:read": "See platform rules and scoring weights",
    "rules:approve": "Approve platform rules and scoring weight versions",
    "rules:propose": "Propose changes to platform rules",
    "campaigns:read": "See campaigns and publications",
    "campaigns:write": "Create and edit campaigns and drafts",
    "campaigns:publish": "Approve and publish to connected accounts",
    "accounts:read": "See connected platform accounts",
    "accounts:connect": "Connect and disconnect platform accounts",
    "telemetry:read": "See metrics, alerts and system health",
    "telemetry:manage": "Acknowledge and silence alerts, ask for a health analysis",
}

_READ = [name for name in PERMISSIONS if name.endswith(":read")]
_EDIT = ["jobs:write", "assets:write", "clips:write", "campaigns:write", "rules:propose"]

ROLES: Final[dict[str, tuple[str, list[str]]]] = {
    "admin": ("Everything, including members, roles, approvals and accounts", list(PERMISSIONS)),
    "editor": ("Uploads, edits clips, prepares campaigns; cannot publish or manage", _READ + _EDIT),
    "viewer": ("Reads everything in the workspace, changes nothing", _READ),
}

ROLE_NAMES: Final[tuple[str, ...]] = tuple(ROLES)
