"""Connected accounts: the OAuth connect flow, tokens encrypted at rest, refresh before expiry,
and ``needs_reauth`` when a platform stops accepting them."""

from __future__ import annotations

import base64
import hashlib
import secrets
import uuid
from datetime import timedelta
from urllib.parse import urlsplit

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from backend import ledger
from backend.accounts import notifications, repository
from backend.accounts.crypto import TokenCipher
from backend.accounts.status import announce, mark_needs_reauth
from backend.config import Settings, origin_of
from backend.errors import AppError, BadRequest, Conflict, Forbidden, InvalidInput, NotFound
from backend.iam import repository as iam
from backend.iam.context import WorkspaceContext
from backend.models import OAuthState, PlatformAccount
from backend.pagination import Slice, Window
from backend.platforms import registry
from backend.platforms.base import (
    AuthError,
    Credentials,
    PlatformError,
    RefreshTooEarly,
    RemoteAccount,
    RetryableError,
    TokenGrant,
)
from backend.platforms.registry import display_name, redirect_uri
from core.clock import utcnow

log = structlog.get_logger(__name__)

STATE_TTL = timedelta(minutes=15)
# Connect flows one user may have open at once; starting another abandons the oldest, so
# repeated starts never pile up rows.
MAX_OPEN_CONNECTS_PER_USER = 10


class AccountNotFound(NotFound):
    code = "account_not_found"
    default_message = "No such connected account in this workspace."


class InvalidOAuthState(BadRequest):
    code = "invalid_oauth_state"
    default_message = (
        "This sign-in link is unknown, already used or expired. Start connecting the account again."
    )


class OAuthDenied(BadRequest):
    code = "oauth_denied"
    default_message = "Access was not granted on the platform, so no account was connected."
    keeps_changes = True  # the used state and the ledger record of the refusal


class OAuthFailed(BadRequest):
    code = "oauth_failed"
    default_message = "The platform did not accept the sign-in. Start connecting the account again."
    keeps_changes = True


class PlatformUnavailable(AppError):
    status_code = 502
    code = "platform_unavailable"
    default_message = "The platform did not answer properly; try again in a moment."


class RefreshNotYet(Conflict):
    code = "token_refresh_too_early"
    default_message = "The platform does not renew this connection yet; it still works."


class AccountUnusable(BadRequest):
    code = "account_needs_reauth"
    default_message = "This account must be connected again before it can publish."


def _hash_state(state: str) -> str:
    return hashlib.sha256(state.encode()).hexdigest()


def _code_challenge(verifier: str) -> str:
    digest = hashlib.sha256(verifier.encode()).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


class ReturnToRefused(InvalidInput):
    code = "return_to_not_allowed"
    default_message = (
        "return_to must be a path on this site (starting with /) or an address on the "
        "dashboard's origin (STAKAZO_DASHBOARD_ORIGIN)."
    )


def checked_return_to(settings: Settings, return_to: str | None) -> str | None:
    """A path here, or an address on the dashboard's origin; anything else would make the
    callback an open redirect, so it is refused rather than dropped."""
    if not return_to:
        return None
    if any(ord(c) < 0x21 or c == "\\" for c in return_to):
        raise ReturnToRefused()  # browsers read "/\\evil" as "//evil", and strip controls
    if return_to.startswith("/") and not return_to.startswith("//"):
        return return_to
    try:
        origin = origin_of(return_to)
    except ValueError as error:
        raise ReturnToRefused() from error
    parts = urlsplit(return_to)
    if parts.username or parts.password or origin != settings.effective_dashboard_origin:
        raise ReturnToRefused()
    return return_to


async def start_connect(
    session: AsyncSession,
    ctx: WorkspaceContext,
    settings: Settings,
    platform: str,
    return_to: str | None,
) -> tuple[str, OAuthState]:
    return_to = checked_return_to(settings, return_to)
    provider = registry.plugin(platform).oauth(settings)
    state = secrets.token_urlsafe(32)
    verifier = secrets.token_urlsafe(64) if provider.uses_pkce else None
    await repository.trim_states(
        session, ctx.user_id, utcnow(), keep_open=MAX_OPEN_CONNECTS_PER_USER - 1
    )
    row = await repository.add_state(
        session,
        OAuthState(
            id=uuid.uuid4(),
            state_hash=_hash_state(state),
            workspace_id=ctx.workspace_id,
            user_id=ctx.user_id,
            platform=platform,
            code_verifier_encrypted=TokenCipher(settings).encrypt(verifier) if verifier else None,
            return_to=return_to,
            expires_at=utcnow() + STATE_TTL,
        ),
    )
    url = provider.authorization_url(
        state=state,
        redirect_uri=redirect_uri(settings, platform),
        code_challenge=_code_challenge(verifier) if verifier else None,
    )
    await ledger.record(
        session,
        "account.connect_started",
        workspace_id=ctx.workspace_id,
        actor_id=ctx.user_id,
        payload={"platform": platform, "sandbox": settings.uses_sandbox},
    )
    return url, row


async def _claim_state(session: AsyncSession, platform: str, state: str | None) -> OAuthState:
    row = await repository.get_state(session, _hash_state(state)) if state else None
    if row is None or row.platform != platform or row.used_at is not None:
        raise InvalidOAuthState()
    if row.expires_at < utcnow():
        raise InvalidOAuthState("This sign-in link expired. Start connecting the account again.")
    row.used_at = utcnow()
    await session.flush()
    # The state is bound to the user who started the flow: they must still be allowed to connect.
    membership = await iam.get_membership(session, row.user_id, row.workspace_id)
    if membership is None:
        raise Forbidden("You are no longer a member of the workspace this connection was for.")
    if not membership.user.is_active:
        raise Forbidden("Your Stakazo user was deactivated; an admin can reactivate it.")
    granted = await iam.role_permission_names(session, membership.role_id)
    if "accounts:connect" not in granted:
        raise Forbidden("Connecting accounts needs the 'accounts:connect' permission.")
    return row


async def complete_connect(
    session: AsyncSession,
    settings: Settings,
    platform: str,
    *,
    state: str | None,
    code: str | None,
    error: str | None,
) -> tuple[PlatformAccount, OAuthState]:
    row = await _claim_state(session, platform, state)
    if error or not code:
        await ledger.record(
            session,
            "account.connect_denied",
            workspace_id=row.workspace_id,
            actor_id=row.user_id,
            payload={"platform": platform, "error": error or "no code"},
        )
        raise OAuthDenied()
    cipher = TokenCipher(settings)
    verifier = cipher.decrypt(row.code_verifier_encrypted) if row.code_verifier_encrypted else None
    provider = registry.plugin(platform).oauth(settings)
    try:
        grant = await provider.exchange_code(
            code=code, redirect_uri=redirect_uri(settings, platform), code_verifier=verifier
        )
        remote = await provider.fetch_account(grant.access_token)
    except PlatformError as failure:
        log.warning("accounts.connect_failed", platform=platform, reason=failure.reason)
        raise OAuthFailed(
            f"{display_name(platform)} refused the sign-in: {failure.user_message}"
        ) from failure
    account = await _store(session, settings, row, remote, grant)
    if notifications.wants_notifications(account):
        await notifications.request(session, settings, account)
    return account, row


async def _store(
    session: AsyncSession,
    settings: Settings,
    row: OAuthState,
    remote: RemoteAccount,
    grant: TokenGrant,
) -> PlatformAccount:
    account = await repository.find_in_workspace_by_remote(
        session, row.workspace_id, row.platform, remote.remote_id
    )
    reconnected = account is not None
    if account is None:
        account = PlatformAccount(
            id=uuid.uuid4(),
            workspace_id=row.workspace_id,
            platform=row.platform,
            remote_id=remote.remote_id,
            access_token_encrypted="",
        )
        session.add(account)
    account.username, account.display_name = remote.username, remote.display_name
    account.sandbox = settings.uses_sandbox
    account.status, account.last_error, account.connected_by_id = "connected", None, row.user_id
    _set_grant(account, TokenCipher(settings), grant)
    await session.flush()
    announce(session, account, "account.reconnected" if reconnected else "account.connected")
    await ledger.record(
        session,
        "account.reconnected" if reconnected else "account.connected",
        workspace_id=row.workspace_id,
        actor_id=row.user_id,
        payload={
            "account_id": str(account.id),
            "platform": account.platform,
            "username": account.username,
            "sandbox": account.sandbox,
            "scopes": list(grant.scopes),
        },
    )
    return account


def _set_grant(account: PlatformAccount, cipher: TokenCipher, grant: TokenGrant) -> None:
    account.access_token_encrypted = cipher.encrypt(grant.access_token)
    # Platforms that rotate refresh tokens send a new one each time: always keep the newest.
    if grant.refresh_token is not None:
        account.refresh_token_encrypted = cipher.encrypt(grant.refresh_token)
    account.access_expires_at = grant.expires_at
    if grant.refresh_expires_at is not None or grant.refresh_token is not None:
        account.refresh_expires_at = grant.refresh_expires_at
    if grant.scopes:
        account.scopes = list(grant.scopes)
    account.token_issued_at = utcnow()


def current_grant(account: PlatformAccount, cipher: TokenCipher) -> TokenGrant:
    return TokenGrant(
        access_token=cipher.decrypt(account.access_token_encrypted),
        expires_at=account.access_expires_at,
        refresh_token=(
            cipher.decrypt(account.refresh_token_encrypted)
            if account.refresh_token_encrypted
            else None
        ),
        refresh_expires_at=account.refresh_expires_at,
        scopes=tuple(account.scopes or ()),
    )


async def fetch_refreshed_grant(settings: Settings, account: PlatformAccount) -> TokenGrant:
    """The platform call alone, with no session: batch tasks make it outside any transaction,
    since a ledger event written earlier in one would hold the ledger's lock across the call."""
    cipher = TokenCipher(settings)
    provider = registry.plugin(account.platform).oauth(settings)
    return await provider.refresh(current_grant(account, cipher))


async def store_refreshed(
    session: AsyncSession, settings: Settings, account: PlatformAccount, grant: TokenGrant
) -> None:
    _set_grant(account, TokenCipher(settings), grant)
    account.last_error = None
    await session.flush()
    announce(session, account, "account.token_refreshed")
    await ledger.record(
        session,
        "account.token_refreshed",
        workspace_id=account.workspace_id,
        payload={
            "account_id": str(account.id),
            "platform": account.platform,
            "expires_at": grant.expires_at.isoformat() if grant.expires_at else None,
            "refresh_rotated": grant.refresh_token is not None,
        },
    )


async def refresh(session: AsyncSession, settings: Settings, account: PlatformAccount) -> bool:
    """New tokens from the platform. False (and the account needs_reauth) when it refuses;
    retryable failures propagate so the caller retries later, ``RefreshTooEarly`` among them
    (the token is too young to renew and still works: the account stays connected). The account
    row stays locked until the caller's transaction ends; a refresh that committed meanwhile
    counts as done."""
    seen = (account.access_token_encrypted, account.refresh_token_encrypted)
    # TikTok retires a refresh token once used: two refreshes sending the same one would lose
    # the account. The row lock makes the second wait; it then finds new tokens and stops.
    await repository.lock(session, account)
    if (account.access_token_encrypted, account.refresh_token_encrypted) != seen:
        log.info("accounts.refreshed_meanwhile", platform=account.platform)
        return account.status == "connected"
    try:
        grant = await fetch_refreshed_grant(settings, account)
    except AuthError as error:
        await mark_needs_reauth(session, account, error.user_message)
        return False
    except RefreshTooEarly:
        log.info("accounts.refresh_too_early", platform=account.platform)
        raise
    await store_refreshed(session, settings, account, grant)
    return True


async def refresh_now(
    session: AsyncSession, ctx: WorkspaceContext, settings: Settings, account_id: uuid.UUID
) -> PlatformAccount:
    """Refresh on a user's request: a platform that does not answer properly is a 502 to retry,
    a refusal leaves the account needs_reauth."""
    account = await get(session, ctx, account_id)
    try:
        await refresh(session, settings, account)
    except RefreshTooEarly as error:
        raise RefreshNotYet(
            f"{display_name(account.platform)} does not renew this connection yet: "
            f"{error.user_message}"
        ) from error
    except RetryableError as error:
        raise PlatformUnavailable(
            f"{display_name(account.platform)} did not answer properly ({error.user_message}); "
            "try again in a moment."
        ) from error
    return account


def needs_refresh(account: PlatformAccount) -> bool:
    """The access token has (nearly) run out."""
    expires = account.access_expires_at
    return expires is not None and expires - timedelta(minutes=5) < utcnow()


def stored_credentials(settings: Settings, account: PlatformAccount) -> Credentials:
    access_token = TokenCipher(settings).decrypt(account.access_token_encrypted)
    return Credentials(
        access_token=access_token,
        remote_account_id=account.remote_id,
        scopes=tuple(account.scopes or ()),
    )


async def credentials(
    session: AsyncSession, settings: Settings, account: PlatformAccount
) -> Credentials:
    """Usable credentials, refreshed first when the access token has (nearly) run out."""
    if account.status != "connected":
        raise AccountUnusable(
            f"The {display_name(account.platform)} account @{account.username} must be "
            "connected again before it can publish."
        )
    if needs_refresh(account) and not await refresh(session, settings, account):
        raise AccountUnusable(account.last_error)
    return stored_credentials(settings, account)


async def list_accounts(
    session: AsyncSession, ctx: WorkspaceContext, window: Window
) -> Slice[PlatformAccount]:
    return await repository.page_in_workspace(session, ctx.workspace_id, window)


async def get(
    session: AsyncSession, ctx: WorkspaceContext, account_id: uuid.UUID
) -> PlatformAccount:
    account = await repository.get_in_workspace(session, ctx.workspace_id, account_id)
    if account is None:
        raise AccountNotFound()
    return account


async def disconnect(
    session: AsyncSession, ctx: WorkspaceContext, settings: Settings, account_id: uuid.UUID
) -> PlatformAccount:
    """Revoke our access on the platform (best effort) and forget the tokens."""
    account = await get(session, ctx, account_id)
    cipher = TokenCipher(settings)
    if account.access_token_encrypted:
        try:
            provider = registry.plugin(account.platform).oauth(settings)
            await provider.revoke(current_grant(account, cipher))
        except PlatformError as error:
            log.warning("accounts.revoke_failed", platform=account.platform, reason=error.reason)
    account.status = "disconnected"
    account.access_token_encrypted, account.refresh_token_encrypted = "", None
    account.access_expires_at = account.refresh_expires_at = None
    await session.flush()
    announce(session, account, "account.disconnected")
    await ledger.record(
        session,
        "account.disconnected",
        workspace_id=account.workspace_id,
        actor_id=ctx.user_id,
        payload={"account_id": str(account.id), "platform": account.platform},
    )
    return account


async def rotate_keys(session: AsyncSession, settings: Settings) -> int:
    """Re-encrypt every stored token under the newest key; afterwards older keys can go."""
    cipher = TokenCipher(settings)
    count = 0
    for account in await repository.all_encrypted(session):
        if account.access_token_encrypted:
            account.access_token_encrypted = cipher.rotate(account.access_token_encrypted)
        if account.refresh_token_encrypted:
            account.refresh_token_encrypted = cipher.rotate(account.refresh_token_encrypted)
        count += 1
    await session.flush()
    return count
