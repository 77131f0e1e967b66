"""All tables, imported here so Alembic and the app see one complete metadata."""

from backend.models.base import Base
from backend.models.instance import Instance
from backend.models.job import Job
from backend.models.ledger_event import LedgerEvent
from backend.models.login_failure import LoginFailure
from backend.models.membership import Membership
from backend.models.refresh_token import RefreshToken
from backend.models.role import Permission, Role, role_permissions
from backend.models.user import User
from backend.models.workspace import Workspace

__all__ = [
    "Base",
    "Instance",
    "Job",
    "LedgerEvent",
    "LoginFailure",
    "Membership",
    "Permission",
    "RefreshToken",
    "Role",
    "User",
    "Workspace",
    "role_permissions",
]
