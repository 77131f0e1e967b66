from __future__ import annotations

from fastapi import APIRouter, status

from backend.auth import service
from backend.auth.dependencies import ClientAddressDep, PrincipalDep, SessionDep, SettingsDep
from backend.auth.errors import (
    EmailTaken,
    InvalidCredentials,
    InvalidToken,
    RefreshTokenReused,
    SignupClosed,
    TooManyAttempts,
    WrongPassword,
)
from backend.auth.schemas import (
    ChangePasswordRequest,
    LoginRequest,
    Me,
    RefreshRequest,
    RegisterRequest,
    Registration,
    TokenPair,
    UserOut,
)
from backend.errors import Conflict, InvalidInput, error_responses
from backend.iam import service as iam_service
from backend.ledger import service as ledger_service
from backend.ledger.schemas import LedgerEventOut
from backend.pagination import InvalidCursor, Page, PageDep

router = APIRouter(prefix="/auth", tags=["auth"])


@router.post(
    "/register",
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(SignupClosed, EmailTaken, Conflict, InvalidInput, TooManyAttempts),
)
async def register(
    body: RegisterRequest, session: SessionDep, settings: SettingsDep, address: ClientAddressDep
) -> Registration:
    """Create an account. The very first account becomes admin of a new workspace; after that,
    sign-up is open only when the instance allows it (admins add members otherwise). An email
    that already has an account (409) counts like a failed sign-in towards the rate limits."""
    user, membership = await service.register(
        session,
        settings,
        email=body.email,
        password=body.password,
        name=body.name,
        workspace_name=body.workspace_name,
        client_address=address,
        create_workspace=iam_service.create_workspace,
    )
    return Registration(
        user=UserOut.model_validate(user),
        workspace=await iam_service.workspace_role(session, membership),
    )


@router.post("/login", responses=error_responses(InvalidCredentials, TooManyAttempts))
async def login(
    body: LoginRequest, session: SessionDep, settings: SettingsDep, address: ClientAddressDep
) -> TokenPair:
    """Exchange email and password for a short-lived access token and a refresh token.
    Repeated failures are throttled per account and network address together, and per address
    across many accounts (429, Retry-After)."""
    return await service.login(
        session, settings, email=body.email, password=body.password, client_address=address
    )


@router.post("/refresh", responses=error_responses(InvalidToken, RefreshTokenReused))
async def refresh(body: RefreshRequest, session: SessionDep, settings: SettingsDep) -> TokenPair:
    """Trade a refresh token for a new pair. Each refresh token works once: presenting a used
    one ends the whole session, since it means the token was copied."""
    return await service.refresh(session, settings, body.refresh_token)


@router.post(
    "/logout", status_code=status.HTTP_204_NO_CONTENT, responses=error_responses(InvalidToken)
)
async def logout(principal: PrincipalDep, session: SessionDep) -> None:
    """End this session: its refresh token and access tokens stop working at once."""
    await service.logout(session, principal)


@router.post(
    "/password",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=error_responses(InvalidToken, WrongPassword, TooManyAttempts, InvalidInput),
)
async def change_password(
    body: ChangePasswordRequest,
    principal: PrincipalDep,
    session: SessionDep,
    settings: SettingsDep,
    address: ClientAddressDep,
) -> None:
    """Change your password (give the current one). Your other sessions end; this one stays.
    Wrong current passwords count towards the sign-in limits."""
    await service.change_password(
        session,
        settings,
        principal,
        current_password=body.current_password,
        new_password=body.new_password,
        client_address=address,
    )


@router.get("/me", responses=error_responses(InvalidToken))
async def me(principal: PrincipalDep, session: SessionDep) -> Me:
    """The signed-in user and, for each workspace, their role and permissions."""
    return Me(
        user=UserOut.model_validate(principal.user),
        workspaces=await iam_service.my_workspace_roles(session, principal.user.id),
    )


@router.get("/me/security-events", responses=error_responses(InvalidToken, InvalidCursor))
async def my_security_events(
    principal: PrincipalDep, session: SessionDep, page: PageDep
) -> Page[LedgerEventOut]:
    """Your own account's events, newest first: sign-ins and failed sign-ins (with the network
    address), sessions ended or revoked, password changes. Only you can read them; workspace
    admins cannot."""
    found = await ledger_service.account_events(session, principal.user.id, page.window())
    return page.page([LedgerEventOut.model_validate(event) for event in found.rows], found)
