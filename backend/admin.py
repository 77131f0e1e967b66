"""Administration that runs outside HTTP (the CLI): it owns its own transaction."""

from __future__ import annotations

from sqlalchemy import select

from backend import ledger
from backend.auth import repository as auth_repository
from backend.config import Settings
from backend.db import create_engine, create_session_factory
from backend.errors import Conflict, NotFound
from backend.iam import repository, service
from backend.ledger.service import ProgressCallback, Verification
from backend.models import Membership, Workspace


async def create_user_with_role(
    settings: Settings,
    *,
    email: str,
    password: str,
    role: str,
    name: str = "",
    workspace_name: str | None = None,
) -> str:
    """Create an account with ``role`` in a workspace (named, else the oldest, else a new one)."""
    engine = create_engine(settings.database_url, settings)
    try:
        async with create_session_factory(engine)() as session, session.begin():
            if await repository.get_user_by_email(session, email) is not None:
                raise Conflict(f"{email} already has an account")
            user = await service.create_user(
                session, settings, email=email, password=password, name=name, actor_id=None
            )
            query = select(Workspace).order_by(Workspace.created_at).limit(1)
            if workspace_name:
                query = select(Workspace).where(Workspace.name == workspace_name).limit(1)
            workspace = (await session.execute(query)).scalar_one_or_none()
            if (
                workspace is None
                and workspace_name
                and await auth_repository.instance_exists(session)
            ):
                raise NotFound(f"no workspace is called {workspace_name!r}")
            if workspace is None or not await auth_repository.instance_exists(session):
                await auth_repository.claim_instance(session, user.id)
            if workspace is None:
                if role != "admin":
                    raise Conflict("There is no workspace yet: the first account must be an admin.")
                membership = await service.create_workspace(
                    session, settings, workspace_name or "Default workspace", user
                )
                return f"created {email} as admin of new workspace {membership.workspace.name!r}"
            role_row = await repository.get_role_by_name(session, role)
            assert role_row is not None
            await repository.add(
                session, Membership(user_id=user.id, workspace_id=workspace.id, role_id=role_row.id)
            )
            await ledger.record(
                session,
                "member.added",
                workspace_id=workspace.id,
                user_id=user.id,
                payload={"email": user.email, "role": role, "new_account": True, "via": "cli"},
            )
            return f"created {email} as {role} of workspace {workspace.name!r} ({workspace.id})"
    finally:
        await engine.dispose()


async def rotate_token_keys(settings: Settings) -> int:
    """Re-encrypt every stored platform token under the newest STAKAZO_TOKEN_ENCRYPTION_KEYS key."""
    from backend.accounts.service import rotate_keys

    engine = create_engine(settings.database_url, settings)
    try:
        async with create_session_factory(engine)() as session, session.begin():
            count = await rotate_keys(session, settings)
            await ledger.record(session, "account.keys_rotated", payload={"accounts": count})
            return count
    finally:
        await engine.dispose()


async def seal_legacy_ledger(settings: Settings) -> int | None:
    """Close the ledger's legacy chain with a keyed event (see ledger.seal_legacy_chain)."""
    from backend.ledger.service import seal_legacy_chain

    engine = create_engine(settings.database_url, settings)
    try:
        async with create_session_factory(engine)() as session, session.begin():
            return await seal_legacy_chain(session)
    finally:
        await engine.dispose()


async def verify_ledger(
    settings: Settings, progress: ProgressCallback | None = None
) -> Verification:
    """Every ledger chain, as the instance's operator sees it."""
    from backend.ledger.service import verify

    engine = create_engine(settings.database_url, settings)
    try:
        async with create_session_factory(engine)() as session, session.begin():
            return await verify(session, settings, progress)
    finally:
        await engine.dispose()
