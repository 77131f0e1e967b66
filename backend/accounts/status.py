"""Account health changes that other domains trigger (a refused token, a revoked app)."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from backend import ledger
from backend.models import PlatformAccount
from backend.models.base import utcnow
from backend.platforms.registry import display_name


async def mark_needs_reauth(session: AsyncSession, account: PlatformAccount, reason: str) -> bool:
    """The platform no longer accepts our tokens: publishing to this account stops until someone
    reconnects it. Records an alert-ready ledger event once per change; False if already marked."""
    if account.status == "needs_reauth":
        return False
    account.status, account.last_error, account.updated_at = "needs_reauth", reason, utcnow()
    await session.flush()
    await ledger.record(
        session,
        "account.needs_reauth",
        workspace_id=account.workspace_id,
        payload={
            "account_id": str(account.id),
            "platform": account.platform,
            "username": account.username,
            "reason": reason,
            "alert": {
                "kind": "account_needs_reauth",
                "severity": "warning",
                "message": f"Your {display_name(account.platform)} account @{account.username} "
                "was disconnected; reconnect it to keep publishing.",
            },
        },
    )
    return True
