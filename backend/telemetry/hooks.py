"""Where whatever reacts to fresh snapshots plugs in (alert rules, for one): each listener is
awaited, in order, right after a collection's snapshots are added to the session, inside the
collecting task's transaction, so what it writes commits (or rolls back) with them."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from sqlalchemy.ext.asyncio import AsyncSession

from backend.telemetry.schemas import Snapshot

SnapshotListener = Callable[[AsyncSession, Snapshot, list[Snapshot]], Awaitable[None]]

_listeners: list[SnapshotListener] = []


def add_snapshot_listener(listener: SnapshotListener) -> None:
    if listener not in _listeners:
        _listeners.append(listener)


def remove_snapshot_listener(listener: SnapshotListener) -> None:
    if listener in _listeners:
        _listeners.remove(listener)


async def on_snapshots(
    session: AsyncSession, instance: Snapshot, workspaces: list[Snapshot]
) -> None:
    for listener in list(_listeners):
        await listener(session, instance, workspaces)
