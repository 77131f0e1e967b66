"""The real app, served with its event bus, and members of its workspace signed in."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from types import SimpleNamespace

import pytest
from sqlalchemy import insert, select

from backend.models import Membership, Permission, Role
from backend.models.role import role_permissions
from tests.events.stack import Member, committed, data_dir, serving_with_lifespan, sign_in
from tests.factories import DEFAULT_PASSWORD, create_member, create_user, create_workspace


@pytest.fixture
async def stack(
    request, settings, scratch_database_url, tmp_path
) -> AsyncIterator[SimpleNamespace]:
    """Parametrise indirectly with a number to re-check subscriptions that often (seconds)."""
    async with committed(scratch_database_url, settings) as session:
        workspace = await create_workspace(session)
        other_workspace = await create_workspace(session, name="Elsewhere")
        admin = await create_member(session, workspace, "admin")
        editor = await create_member(session, workspace, "editor")
        stranger = await create_member(session, other_workspace, "admin")
        # A role that may see assets but not the workspace's stream.
        narrow = Role(id=uuid.uuid4(), name="assets-only", description="test")
        session.add(narrow)
        await session.flush()
        assets_read = await session.scalar(
            select(Permission).where(Permission.name == "assets:read")
        )
        assert assets_read is not None
        await session.execute(
            insert(role_permissions).values(role_id=narrow.id, permission_id=assets_read.id)
        )
        limited = await create_user(session)
        session.add(Membership(user_id=limited.id, workspace_id=workspace.id, role_id=narrow.id))
    configured = settings.model_copy(
        update={
            "database_url": scratch_database_url,
            "data_dir": data_dir(tmp_path),
            "events_stream_key": f"stakazo:test-events:{uuid.uuid4().hex}",
            # Unless a test asks for it, only events close sockets.
            "events_recheck_seconds": getattr(request, "param", 3600.0),
        }
    )
    with serving_with_lifespan(configured) as host:

        def member(user, in_workspace) -> Member:
            return Member(sign_in(host, user.email, DEFAULT_PASSWORD), in_workspace.id, user.id)

        yield SimpleNamespace(
            host=host,
            admin=member(admin, workspace),
            editor=member(editor, workspace),
            stranger=member(stranger, other_workspace),
            limited=member(limited, workspace),
            workspace_id=workspace.id,
            editor_email=editor.email,
        )
