"""Connected accounts: the OAuth connect flow, tokens encrypted at rest, refresh before expiry,
and ``needs_reauth`` when a platform stops accepting them."""

from __future__ import annotations

import base64
import hashlib
import secrets
import uuid
from datetime import timedelta

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from backend import ledger
from backend.accounts import repository
from backend.accounts.crypto import TokenCipher
from backend.accounts.status import mark_needs_reauth
from backend.config import Settings
from backend.enqueue import enqueue
from backend.errors import AppError, BadRequest, Forbidden, NotFound
from backend.iam import repository as iam
from backend.iam.context import WorkspaceContext
from backend.models import OAuthState, PlatformAccount
from backend.models.base import utcnow
from backend.platforms import registry
from backend.platforms.base import (
    AuthError,
    Credentials,
    PlatformError,
    RemoteAccount,
    RetryableError,
    TokenGrant,
    display_name,
)
from backend.platforms.registry import redirect_uri
from backend.platforms.youtube import subscribe

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


class AccountUnusable(BadRequest):
    code = "account_needs_reauth"
    default_message = "This account must be connected again before it can publish."


def _hash_state(state: str) -> str:
    return hashlib.sha256(state.encode()).hexdigest()


def _code_challenge(verifier: str) -> str:
    digest = hashlib.sha256(verifier.encode()).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def _safe_return_to(return_to: str | None) -> str | None:
    # Only paths on this site: an absolute URL here would make us an open redirect.
    if return_to and return_to.startswith("/") and not return_to.startswith("//"):
        return return_to
    return None


async def start_connect(
    session: AsyncSession,
    ctx: WorkspaceContext,
    settings: Settings,
    platform: str,
    return_to: str | None,
) -> tuple[str, OAuthState]:
    provider = registry.oauth_provider(platform, settings)
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
            return_to=_safe_return_to(return_to),
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
    provider = registry.oauth_provider(platform, settings)
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
    if account.platform == "youtube":
        # After commit: the hub checks back with our webhook endpoint, which must find the row.
        enqueue(session, "accounts.subscribe_notifications", account_id=account.id)
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


async def refresh(session: AsyncSession, settings: Settings, account: PlatformAccount) -> bool:
    """New tokens from the platform. False (and the account needs_reauth) when it refuses;
    retryable failures propagate so the caller retries later. The account row stays locked
    until the caller's transaction ends; a refresh that committed meanwhile counts as done."""
    seen = (account.access_token_encrypted, account.refresh_token_encrypted)
    # TikTok retires a refresh token once used: two refreshes sending the same one would lose
    # the account. The row lock makes the second wait; it then finds new tokens and stops.
    await repository.lock(session, account)
    if (account.access_token_encrypted, account.refresh_token_encrypted) != seen:
        log.info("accounts.refreshed_meanwhile", platform=account.platform)
        return account.status == "connected"
    cipher = TokenCipher(settings)
    provider = registry.oauth_provider(account.platform, settings)
    try:
        grant = await provider.refresh(current_grant(account, cipher))
    except AuthError as error:
        await mark_needs_reauth(session, account, error.user_message)
        return False
    _set_grant(account, cipher, grant)
    account.last_error = None
    await session.flush()
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
    return True


async def refresh_now(
    session: AsyncSession, ctx: WorkspaceContext, settings: Settings, account_id: uuid.UUID
) -> PlatformAccount:
    """Refresh on a user's request: a platform that does not answer properly is a 502 to retry,
    a refusal leaves the account needs_reauth."""
    account = await get(session, ctx, account_id)
    try:
        await refresh(session, settings, account)
    except RetryableError as error:
        raise PlatformUnavailable(
            f"{display_name(account.platform)} did not answer properly ({error.user_message}); "
            "try again in a moment."
        ) from error
    return account


async def credentials(
    session: AsyncSession, settings: Settings, account: PlatformAccount
) -> Credentials:
    """Usable credentials, refreshed first when the access token has (nearly) run out."""
    if account.status != "connected":
        raise AccountUnusable(
            f"The {display_name(account.platform)} account @{account.username} must be "
            "connected again before it can publish."
        )
    expires = account.access_expires_at
    nearly_expired = expires is not None and expires - timedelta(minutes=5) < utcnow()
    if nearly_expired and not await refresh(session, settings, account):
        raise AccountUnusable(account.last_error)
    access_token = TokenCipher(settings).decrypt(account.access_token_encrypted)
    return Credentials(access_token=access_token, remote_account_id=account.remote_id)


async def refresh_due(session: AsyncSession, settings: Settings) -> tuple[int, int]:
    """Refresh every connected account whose token expires within the margin.
    Returns (refreshed, needs_reauth)."""
    before = utcnow() + timedelta(seconds=settings.token_refresh_margin_seconds)
    refreshed = lost = 0
    for account in await repository.due_for_refresh(session, before):
        try:
            if await refresh(session, settings, account):
                refreshed += 1
            else:
                lost += 1
        except PlatformError as error:
            log.warning("accounts.refresh_retry_later", platform=account.platform, error=str(error))
    return refreshed, lost


async def list_accounts(session: AsyncSession, ctx: WorkspaceContext) -> list[PlatformAccount]:
    return await repository.list_in_workspace(session, ctx.workspace_id)


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
            await registry.oauth_provider(account.platform, settings).revoke(
                current_grant(account, cipher)
            )
        except PlatformError as error:
            log.warning("accounts.revoke_failed", platform=account.platform, reason=error.reason)
    account.status = "disconnected"
    account.access_token_encrypted, account.refresh_token_encrypted = "", None
    account.access_expires_at = account.refresh_expires_at = None
    await session.flush()
    await ledger.record(
        session,
        "account.disconnected",
        workspace_id=account.workspace_id,
        actor_id=ctx.user_id,
        payload={"account_id": str(account.id), "platform": account.platform},
    )
    return account


async def subscribe_notifications(settings: Settings, account: PlatformAccount) -> bool:
    """Ask YouTube's WebSub hub for this channel's upload notices (they expire after days, so
    beat renews them). False when the account is not connected any more."""
    if account.platform != "youtube" or account.status != "connected":
        return False
    callback = f"{settings.public_base_url.rstrip('/')}/webhooks/youtube"
    await subscribe(settings, account.remote_id, callback)
    return True


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
