"""Assets: registering an uploaded file once per workspace, reading, and deleting with files."""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import anyio
import structlog
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from backend import ledger
from backend.assets import repository, transitions
from backend.assets.schemas import AssetOut, UpdateAssetRequest
from backend.config import Settings
from backend.errors import NotFound
from backend.iam.context import WorkspaceContext
from backend.jobs import service as jobs
from backend.media import service as media
from backend.models import Asset, AssetState, AssetTimeline
from backend.pagination import Slice, Window
from backend.storage import Storage, StorageError, get_storage
from backend.storage.keys import asset_prefix, asset_source_key

log = structlog.get_logger(__name__)

HASH_CHUNK = 1024 * 1024


class AssetNotFound(NotFound):
    code = "asset_not_found"
    default_message = "No such asset in this workspace."


class TimelineNotReady(NotFound):
    code = "timeline_not_ready"
    default_message = "This asset has not been analysed yet."


def asset_view(settings: Settings, asset: Asset) -> AssetOut:
    """The asset as callers see it, with a signed link to play its source file."""
    view = AssetOut.model_validate(asset)
    view.source_url = media.url(settings, asset.storage_key)
    return view


@dataclass(frozen=True)
class StoredFiles:
    """What to remove from storage once the deletion has committed."""

    prefixes: list[str] = field(default_factory=list)
    keys: list[str] = field(default_factory=list)


def sha256_of(path: Path) -> tuple[str, int]:
    """The file's SHA-256 (hex) and size, read in 1 MiB chunks; run it in a thread."""
    digest, size = hashlib.sha256(), 0
    with path.open("rb") as source:
        while chunk := source.read(HASH_CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


async def register_file(
    session: AsyncSession,
    settings: Settings,
    *,
    workspace_id: uuid.UUID,
    user_id: uuid.UUID | None,
    display_name: str,
    path: Path,
    extension: str,
) -> tuple[Asset, bool]:
    """Turn a fully received local file into an asset, or find the one with the same content.

    A new asset's file moves into storage and a ``media.process`` job is queued; for a known
    file the local copy is removed. Returns ``(asset, deduplicated)``.
    """
    sha256, size = await anyio.to_thread.run_sync(sha256_of, path)
    asset = await repository.get_by_sha256(session, workspace_id, sha256)
    created = asset is None
    if asset is None:
        asset_id = uuid.uuid4()
        asset = Asset(
            id=asset_id,
            workspace_id=workspace_id,
            uploaded_by_id=user_id,
            display_name=display_name,
            storage_key=asset_source_key(asset_id, extension),
            size_bytes=size,
            sha256=sha256,
            state=AssetState.UPLOADED,
        )
        try:
            async with session.begin_nested():
                await repository.add(session, asset)
        except IntegrityError:  # the same file finished at the same moment in another request
            asset = await repository.get_by_sha256(session, workspace_id, sha256)
            if asset is None:
                raise
            created = False
    facts = {"display_name": display_name, "size_bytes": size, "sha256": sha256}
    if created:
        await transitions.created(session, asset, actor_id=user_id, **facts, deduplicated=False)
        await jobs.submit(
            session,
            workspace_id=workspace_id,
            type="media.process",
            created_by_id=user_id,
            asset_id=asset.id,
        )
        # Last, so that a failure before it leaves the received file where a retry finds it.
        storage = get_storage(settings)
        await anyio.to_thread.run_sync(storage.move_file, asset.storage_key, path)
    else:
        # Uploading a known file again changes no state; the ledger still says who did.
        await ledger.record(
            session,
            "asset.uploaded",
            workspace_id=workspace_id,
            actor_id=user_id,
            asset_id=asset.id,
            payload={**facts, "deduplicated": True},
        )
        await anyio.to_thread.run_sync(lambda: path.unlink(missing_ok=True))
    log.info("assets.registered", asset_id=str(asset.id), bytes=size, deduplicated=not created)
    return asset, not created


async def get(session: AsyncSession, ctx: WorkspaceContext, asset_id: uuid.UUID) -> Asset:
    asset = await repository.get_in_workspace(session, ctx.workspace_id, asset_id)
    if asset is None:
        raise AssetNotFound()
    return asset


async def list_assets(
    session: AsyncSession, ctx: WorkspaceContext, *, state: str | None, window: Window
) -> Slice[Asset]:
    return await repository.list_in_workspace(session, ctx.workspace_id, state=state, window=window)


async def timeline(
    session: AsyncSession, ctx: WorkspaceContext, asset_id: uuid.UUID
) -> AssetTimeline:
    asset = await get(session, ctx, asset_id)
    found = await repository.get_timeline(session, asset.id)
    if found is None:
        if asset.state in transitions.WITH_REASON:
            raise TimelineNotReady(
                f"This asset was not analysed: it {asset.state}"
                + (f" ({asset.rejection_reason})." if asset.rejection_reason else ".")
            )
        raise TimelineNotReady(
            f"This asset has not been analysed yet (state: {asset.state}). "
            "Its timeline appears when its media.process job reaches the analysis step."
        )
    return found


async def update(
    session: AsyncSession, ctx: WorkspaceContext, asset_id: uuid.UUID, body: UpdateAssetRequest
) -> Asset:
    """Rename a video or replace its tags; the ledger keeps what changed."""
    asset = await get(session, ctx, asset_id)
    changed: dict[str, object] = {}
    if body.display_name is not None and body.display_name != asset.display_name:
        changed["display_name"] = asset.display_name = body.display_name
    if body.tags is not None:
        tags = list(dict.fromkeys(body.tags))
        if tags != list(asset.tags or []):
            changed["tags"] = asset.tags = tags
    if changed:
        await session.flush()
        await ledger.record(
            session,
            "asset.updated",
            workspace_id=ctx.workspace_id,
            actor_id=ctx.user_id,
            asset_id=asset.id,
            payload=changed,
        )
    return asset


async def delete(session: AsyncSession, ctx: WorkspaceContext, asset_id: uuid.UUID) -> StoredFiles:
    """Delete the asset and, through the database, its clips, variants, timeline and jobs.

    Returns the files to remove once this transaction has committed (see ``remove_files``).
    """
    asset = await get(session, ctx, asset_id)
    files = StoredFiles(
        prefixes=[asset_prefix(asset.id)], keys=await repository.variant_keys(session, asset.id)
    )
    payload = {"display_name": asset.display_name, "sha256": asset.sha256}
    await repository.delete(session, asset)
    await ledger.record(
        session,
        "asset.deleted",
        workspace_id=ctx.workspace_id,
        actor_id=ctx.user_id,
        asset_id=asset_id,
        payload=payload,
    )
    return files


def remove_files(storage: Storage, files: StoredFiles) -> None:
    """Remove stored files; missing ones are fine, and a failure only leaves an orphan behind."""
    try:
        for prefix in files.prefixes:
            storage.delete_prefix(prefix)
        for key in files.keys:
            storage.delete(key)
    except (StorageError, ValueError) as error:
        log.error("assets.files_delete_failed", prefixes=files.prefixes, error=str(error))
