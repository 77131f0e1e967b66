"""Registration, login with rate limits, refresh-token rotation with reuse detection, logout."""

from __future__ import annotations

import math
import uuid
from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime, timedelta

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from backend import events, ledger
from backend.auth import password_policy, passwords, repository, tokens
from backend.auth.errors import (
    EmailTaken,
    InvalidCredentials,
    InvalidToken,
    RefreshTokenReused,
    SignupClosed,
    TooManyAttempts,
    WrongPassword,
)
from backend.auth.principal import Principal
from backend.auth.schemas import TokenPair
from backend.config import Settings
from backend.errors import Conflict
from backend.models import LoginFailure, Membership, RefreshToken, User
from core.clock import utcnow

log = structlog.get_logger(__name__)


def normalize_email(email: str) -> str:
    return email.strip().lower()


async def create_user(
    session: AsyncSession,
    settings: Settings,
    *,
    email: str,
    password: str,
    name: str,
    actor_id: uuid.UUID | None,
) -> User:
    password_policy.check(password, email)
    user = User(
        id=uuid.uuid4(),
        email=email.strip().lower(),
        name=name.strip(),
        password_hash=await passwords.hash_password(password, settings.bcrypt_rounds),
    )
    await repository.add(session, user)
    await ledger.record(
        session,
        "user.created",
        actor_id=actor_id or user.id,
        user_id=user.id,
        payload={"email": user.email},
    )
    return user


# iam's create_workspace(session, settings, name, owner), handed to register by its caller.
CreateWorkspace = Callable[[AsyncSession, Settings, str, User], Awaitable[Membership]]


async def register(
    session: AsyncSession,
    settings: Settings,
    *,
    email: str,
    password: str,
    name: str,
    workspace_name: str | None,
    client_address: str,
    create_workspace: CreateWorkspace,
) -> tuple[User, Membership]:
    """The first account becomes admin of a first workspace; later ones only with open sign-up.

    ``create_workspace`` is iam's: iam builds on auth, so auth is handed it, never imports it.
    """
    email = normalize_email(email)
    first = not await repository.instance_exists(session)
    if not first and not settings.open_signup:
        raise SignupClosed()
    # With open sign-up, "email taken" is an answer about who has an account. It cannot be
    # hidden without email verification, so it is rationed like failed logins: each one counts
    # as a failure of that account from this address, and an address that probes many
    # accounts is throttled (login and registration alike).
    now = utcnow()
    await _check_rate_limits(session, settings, email, client_address, now)
    if await repository.get_user_by_email(session, email) is not None:
        await repository.add(
            session, LoginFailure(account=email, client_address=client_address, failed_at=now)
        )
        raise EmailTaken()
    user = await create_user(
        session, settings, email=email, password=password, name=name, actor_id=None
    )
    if first and not await repository.claim_instance(session, user.id):
        raise Conflict(
            "Another account was registered first a moment ago. Sign in, or ask its admin."
        )
    default_name = f"{name or email.split('@')[0]}'s workspace"
    membership = await create_workspace(session, settings, workspace_name or default_name, user)
    log.info("auth.registered", user_id=str(user.id), first_user=first)
    return user, membership


def _refuse_at_limit(
    times: Sequence[datetime], limit: int, window: timedelta, now: datetime, subject: str
) -> None:
    """``times`` ascending: the limit lifts when enough of them have left the window."""
    if len(times) < limit:
        return
    lifts_at = times[len(times) - limit] + window
    retry_after = math.ceil((lifts_at - now).total_seconds())
    log.warning("auth.login_throttled", subject=subject, failures=len(times))
    raise TooManyAttempts(
        f"Too many failed sign-in attempts {subject}. Try again in {max(1, retry_after)} seconds.",
        retry_after,
    )


async def _check_rate_limits(
    session: AsyncSession, settings: Settings, account: str, address: str, now: datetime
) -> None:
    """Throttle guessing without letting a guesser lock out anyone else.

    Failures count per account *and* address, so someone guessing one account locks out only
    that account from their own address, never its owner elsewhere or the other people behind
    a shared NAT. An address is throttled as a whole only when it fails on many different
    accounts, which is what credential stuffing looks like.
    """
    window = timedelta(seconds=settings.login_failure_window_seconds)
    since = now - window
    pair = await repository.failures_since(session, account=account, address=address, since=since)
    _refuse_at_limit(
        pair, settings.login_max_failures_per_account, window, now, "on this account from here"
    )
    accounts = await repository.failed_accounts_since(session, address=address, since=since)
    _refuse_at_limit(
        accounts,
        settings.login_max_accounts_per_address,
        window,
        now,
        "on different accounts from your network address",
    )


async def login(
    session: AsyncSession, settings: Settings, *, email: str, password: str, client_address: str
) -> TokenPair:
    now = utcnow()
    account = normalize_email(email)
    await _check_rate_limits(session, settings, account, client_address, now)
    user = await repository.get_user_by_email(session, account)
    password_ok = await passwords.verify_password(
        password, user.password_hash if user else None, settings.bcrypt_rounds
    )
    if user is None or not password_ok or not user.is_active:
        reason = (
            "unknown_account"
            if user is None
            else "wrong_password"
            if not password_ok
            else "deactivated_account"
        )
        failure = LoginFailure(account=account, client_address=client_address, failed_at=now)
        await repository.add(session, failure)
        await ledger.record(
            session,
            "auth.login_failed",
            user_id=user.id if user else None,
            payload={"email": account, "client_address": client_address, "reason": reason},
        )
        raise InvalidCredentials()
    await repository.clear_failures(session, account, client_address)
    user.last_login_at = now
    # Each sign-in adds a session; past the cap the oldest go, so logins cannot pile up rows.
    evicted = await repository.trim_sessions(
        session, user.id, now, keep=settings.max_sessions_per_user - 1
    )
    if evicted:
        log.info("auth.sessions_evicted", user_id=str(user.id), sessions=evicted)
    family_id = uuid.uuid4()
    pair = await _issue_pair(session, settings, user, family_id, now)
    await ledger.record(
        session,
        "auth.login_succeeded",
        actor_id=user.id,
        user_id=user.id,
        payload={"client_address": client_address, "session_id": str(family_id)},
    )
    return pair


async def _issue_pair(
    session: AsyncSession, settings: Settings, user: User, family_id: uuid.UUID, now: datetime
) -> TokenPair:
    refresh = tokens.new_refresh_token()
    await repository.add(
        session,
        RefreshToken(
            user_id=user.id,
            family_id=family_id,
            token_hash=tokens.hash_refresh_token(refresh),
            expires_at=now + timedelta(seconds=settings.refresh_token_ttl_seconds),
        ),
    )
    return TokenPair(
        access_token=tokens.issue_access_token(settings, user.id, family_id, now),
        expires_in=settings.access_token_ttl_seconds,
        refresh_token=refresh,
        refresh_expires_in=settings.refresh_token_ttl_seconds,
    )


async def refresh(session: AsyncSession, settings: Settings, refresh_token: str) -> TokenPair:
    """Rotate: the presented token is spent and a new one of the same family is issued."""
    now = utcnow()
    stored = await repository.get_refresh_token(session, tokens.hash_refresh_token(refresh_token))
    if stored is None or stored.revoked_at is not None:
        raise InvalidToken()
    if stored.used_at is not None:
        await repository.revoke_family(session, stored.family_id, now)
        _session_ended(session, stored.user_id, stored.family_id)
        await ledger.record(
            session,
            "auth.refresh_token_reused",
            user_id=stored.user_id,
            payload={"session_id": str(stored.family_id)},
        )
        log.warning("auth.refresh_token_reused", user_id=str(stored.user_id))
        raise RefreshTokenReused()
    if stored.expires_at <= now:
        raise InvalidToken("Your session has expired. Sign in again.")
    user = await repository.get_user(session, stored.user_id)
    if user is None or not user.is_active:
        raise InvalidToken()
    stored.used_at = now
    return await _issue_pair(session, settings, user, stored.family_id, now)


def _session_ended(session: AsyncSession, user_id: uuid.UUID, session_id: uuid.UUID) -> None:
    # Closes this session's event-stream subscriptions (backend/streaming/connections.py).
    events.record(
        session,
        None,
        "auth.session_revoked",
        data={"user_id": str(user_id), "session_id": str(session_id)},
    )


async def logout(session: AsyncSession, principal: Principal) -> None:
    await end_session(session, principal.user.id, principal.session_id)


async def change_password(
    session: AsyncSession,
    settings: Settings,
    principal: Principal,
    *,
    current_password: str,
    new_password: str,
    client_address: str,
) -> None:
    """Replace the password; every other session of the account ends (a thief's included)."""
    now = utcnow()
    user = principal.user
    await _check_rate_limits(session, settings, user.email, client_address, now)
    if not await passwords.verify_password(
        current_password, user.password_hash, settings.bcrypt_rounds
    ):
        # A stolen access token must not become an unthrottled password oracle.
        await repository.add(
            session, LoginFailure(account=user.email, client_address=client_address, failed_at=now)
        )
        await ledger.record(
            session,
            "auth.password_change_failed",
            actor_id=user.id,
            user_id=user.id,
            payload={"client_address": client_address, "session_id": str(principal.session_id)},
        )
        raise WrongPassword()
    password_policy.check(new_password, user.email)
    user.password_hash = await passwords.hash_password(new_password, settings.bcrypt_rounds)
    await repository.revoke_other_sessions(session, user.id, principal.session_id, now)
    events.record(session, None, "auth.sessions_revoked", data={"user_id": str(user.id)})
    await ledger.record(
        session,
        "auth.password_changed",
        actor_id=user.id,
        user_id=user.id,
        payload={"client_address": client_address, "session_id": str(principal.session_id)},
    )


def verify_access_token(settings: Settings, access_token: str) -> tokens.AccessClaims:
    """The token's claims when its signature and expiry hold; its session is checked apart."""
    try:
        return tokens.decode_access_token(settings, access_token)
    except tokens.InvalidAccessToken as error:
        log.info("auth.token_rejected", reason=str(error))
        raise InvalidToken() from error


async def principal_for(session: AsyncSession, claims: tokens.AccessClaims) -> Principal:
    """The caller named by verified claims: an active user whose session is live, in one
    query; revocation and deactivation are seen on the very next request."""
    now = utcnow()
    user = await repository.live_user(session, claims.user_id, claims.session_id, now)
    if user is None:
        raise refusal(await repository.get_user(session, claims.user_id))
    return Principal(user=user, session_id=claims.session_id)


def refusal(user: User | None) -> InvalidToken:
    """Why verified claims name no caller: the user is gone or deactivated, or (the user
    being fine) the session has ended."""
    if user is None or not user.is_active:
        return InvalidToken()
    return InvalidToken("Your session has ended. Sign in again.")


async def authenticate(session: AsyncSession, settings: Settings, access_token: str) -> Principal:
    return await principal_for(session, verify_access_token(settings, access_token))


async def prune(session: AsyncSession, settings: Settings) -> dict[str, int]:
    """Forget expired refresh tokens and login failures older than the rate-limit window."""
    now = utcnow()
    window = timedelta(seconds=settings.login_failure_window_seconds)
    return {
        "refresh_tokens": await repository.prune_refresh_tokens(session, now),
        "login_failures": await repository.prune_failures(session, now - window),
    }


async def session_of(session: AsyncSession, refresh_token: str) -> RefreshToken | None:
    """The stored link of a refresh token still in play (used ones included: reuse is for
    ``refresh`` to judge), or None."""
    stored = await repository.get_refresh_token(session, tokens.hash_refresh_token(refresh_token))
    if stored is None or stored.revoked_at is not None:
        return None
    return stored


async def end_session(session: AsyncSession, user_id: uuid.UUID, session_id: uuid.UUID) -> None:
    await repository.revoke_family(session, session_id, utcnow())
    _session_ended(session, user_id, session_id)
    await ledger.record(
        session,
        "auth.logged_out",
        actor_id=user_id,
        user_id=user_id,
        payload={"session_id": str(session_id)},
    )


# Tabs of one browser share the session cookie, and when the access cookie expires they may
# all refresh at once: every request but the first then carries the token the first one just
# rotated. Within this window such a request gets a new access token and no new session token
# (its tab already has the new one), instead of ending the session as a replay would.
BROWSER_RACE_SECONDS = 10


async def access_for_racing_tab(
    session: AsyncSession, settings: Settings, stored: RefreshToken
) -> str | None:
    now = utcnow()
    if stored.used_at is None or now - stored.used_at > timedelta(seconds=BROWSER_RACE_SECONDS):
        return None
    if not await repository.session_is_live(session, stored.family_id, stored.user_id, now):
        return None
    return tokens.issue_access_token(settings, stored.user_id, stored.family_id, now)
