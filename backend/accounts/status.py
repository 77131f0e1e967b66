"""Account health changes that other domains trigger (a refused token, a revoked app)."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from backend import events, ledger
from backend.models import PlatformAccount
from backend.platforms.registry import display_name
from core.clock import utcnow


def announce(session: AsyncSession, account: PlatformAccount, change: str) -> None:
    """The account's status on the event stream (never its tokens)."""
    events.record(
        session,
        account.workspace_id,
        "account.state",
        subject_id=account.id,
        data={
            "status": account.status,
            "change": change,
            "platform": account.platform,
            "username": account.username,
        },
    )


async def mark_needs_reauth(session: AsyncSession, account: PlatformAccount, reason: str) -> bool:
    """The platform no longer accepts our tokens: publishing to this account stops until someone
    reconnects it. Records an alert-ready ledger event once per change; False if already marked."""
    if account.status == "needs_reauth":
        return False
    account.status, account.last_error, account.updated_at = "needs_reauth", reason, utcnow()
    await session.flush()
    announce(session, account, "account.needs_reauth")
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
