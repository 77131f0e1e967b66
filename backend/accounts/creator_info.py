"""What an account offers for its next post, so the dashboard can ask the user the platform's
per-post choices from the account's real settings (TikTok's posting guidelines require it)."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from backend.accounts import service
from backend.config import Settings
from backend.iam.context import WorkspaceContext
from backend.platforms import choices
from backend.platforms.base import AuthError, PlatformError
from backend.platforms.registry import display_name


async def creator_info(
    session: AsyncSession, ctx: WorkspaceContext, settings: Settings, account_id: uuid.UUID
) -> tuple[str, dict[str, Any]]:
    """(platform, what it offers), asked from the platform now where it has an API for it."""
    account = await service.get(session, ctx, account_id)
    credentials = await service.credentials(session, settings, account)
    platform = display_name(account.platform)
    try:
        return account.platform, await choices.creator_info(account.platform, settings, credentials)
    except AuthError as error:
        raise service.AccountUnusable(
            f"{platform} refused the connection to @{account.username}: {error.user_message}"
        ) from error
    except PlatformError as error:
        raise service.PlatformUnavailable(
            f"{platform} did not answer properly ({error.user_message}); try again in a moment."
        ) from error
