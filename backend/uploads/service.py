"""Receiving uploads: tus uploads chunk by chunk, small files in one multipart request.

Both end in ``assets.service.register_file``: the same file twice in a workspace is one asset.
Rejections are recorded in the ledger (``upload.rejected``) and kept although the request fails.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import anyio
import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from backend import ledger
from backend.assets import service as assets
from backend.config import Settings
from backend.errors import InvalidInput
from backend.iam.context import WorkspaceContext
from backend.models import Asset, Upload
from backend.uploads import multipart, partials, repository, rules, tus
from backend.uploads.errors import (
    ChecksumMismatch,
    ChunkExceedsLength,
    ContainerNotAllowed,
    OffsetMismatch,
    UploadBusy,
    UploadExpired,
    UploadInterrupted,
    UploadNotFound,
    WrongContentType,
)
from core.clock import utcnow

log = structlog.get_logger(__name__)

FORM_OVERHEAD = 64 * 1024  # multipart boundaries and part headers around the file


async def create(
    session: AsyncSession,
    settings: Settings,
    ctx: WorkspaceContext,
    *,
    length: int,
    metadata_header: str | None,
) -> Upload:
    """Start a tus upload of ``length`` bytes; the file name comes from Upload-Metadata."""
    metadata = tus.parse_metadata(metadata_header)
    name = rules.display_name(metadata.get("filename"))
    if length > settings.max_upload_bytes:
        raise await rules.too_large(session, settings, ctx, name, length)
    if rules.container_of(name, settings) is None:
        raise await rules.not_allowed(session, settings, ctx, name, length)
    upload = await repository.add(
        session,
        Upload(
            id=uuid.uuid4(),
            workspace_id=ctx.workspace_id,
            created_by_id=ctx.user_id,
            display_name=name,
            length_bytes=length,
            offset_bytes=0,
            upload_metadata=metadata,
            state="receiving",
            expires_at=utcnow() + timedelta(hours=settings.upload_expiry_hours),
        ),
    )
    await anyio.to_thread.run_sync(partials.create, partials.path_for(settings, upload.id))
    log.info("uploads.created", upload_id=str(upload.id), bytes=length)
    return upload


async def _current_offset(settings: Settings, upload: Upload) -> int:
    """The committed offset, lowered to what the disk really holds (a lost partial restarts)."""
    if upload.state == "completed":
        return upload.length_bytes
    path = partials.path_for(settings, upload.id)
    on_disk = await anyio.to_thread.run_sync(partials.size_on_disk, path)
    return min(upload.offset_bytes, on_disk or 0)


def _check_alive(upload: Upload) -> None:
    if upload.state == "receiving" and upload.expires_at <= utcnow():
        raise UploadExpired()


async def status(
    session: AsyncSession, settings: Settings, ctx: WorkspaceContext, upload_id: uuid.UUID
) -> tuple[Upload, int]:
    """The upload and the offset to resume from."""
    upload = await repository.get_in_workspace(session, ctx.workspace_id, upload_id)
    if upload is None:
        raise UploadNotFound()
    _check_alive(upload)
    return upload, await _current_offset(settings, upload)


async def _locked(session: AsyncSession, ctx: WorkspaceContext, upload_id: uuid.UUID) -> Upload:
    try:
        upload = await repository.lock_in_workspace(session, ctx.workspace_id, upload_id)
    except repository.UploadLocked:
        raise UploadBusy() from None
    if upload is None:
        raise UploadNotFound()
    return upload


async def receive_chunk(
    session: AsyncSession,
    settings: Settings,
    ctx: WorkspaceContext,
    upload_id: uuid.UUID,
    *,
    offset: int,
    content_length: int | None,
    checksum_header: str | None,
    body: AsyncIterator[bytes],
) -> Upload:
    """Append one chunk at ``offset``; the last byte turns the upload into an asset."""
    checksum = tus.parse_checksum(checksum_header)
    upload = await _locked(session, ctx, upload_id)
    _check_alive(upload)
    current = await _current_offset(settings, upload)
    if offset != current:
        raise OffsetMismatch(current)
    room = upload.length_bytes - current
    if content_length is not None and content_length > room:
        raise ChunkExceedsLength(
            f"This chunk has {content_length} bytes but only {room} remain of the upload."
        )
    if upload.state == "completed":
        return upload
    path = partials.path_for(settings, upload.id)
    hasher = checksum.hasher() if checksum else None
    try:
        received = await partials.receive(path, current, body, room, hasher)
    except partials.ChunkTooLong:
        raise ChunkExceedsLength(f"Only {room} bytes remain of the upload.") from None
    if checksum is not None and (not received.complete or received.digest != checksum.digest):
        await anyio.to_thread.run_sync(partials.truncate, path, current)
        if received.complete:
            await rules.reject(
                session,
                ctx,
                "checksum_mismatch",
                name=upload.display_name,
                size=upload.length_bytes,
                upload_id=upload.id,
            )
            raise ChecksumMismatch()
        received = partials.Received(written=0, complete=False, digest=None)
    upload.offset_bytes = current + received.written
    await session.flush()
    log.info(
        "uploads.chunk_received",
        upload_id=str(upload.id),
        offset=current,
        bytes=received.written,
        complete=received.complete,
    )
    if upload.offset_bytes == upload.length_bytes:
        await _finish(session, settings, ctx, upload, path)
    return upload


async def _finish(
    session: AsyncSession,
    settings: Settings,
    ctx: WorkspaceContext,
    upload: Upload,
    path: Path,
) -> None:
    extension = rules.container_of(upload.display_name, settings)
    if extension is None:  # the allowed containers changed while the upload ran
        raise await rules.not_allowed(
            session, settings, ctx, upload.display_name, upload.length_bytes
        )
    asset, _ = await assets.register_file(
        session,
        settings,
        workspace_id=upload.workspace_id,
        user_id=ctx.user_id,
        display_name=upload.display_name,
        path=path,
        extension=extension,
    )
    upload.state, upload.asset_id = "completed", asset.id
    await session.flush()
    log.info("uploads.completed", upload_id=str(upload.id), asset_id=str(asset.id))


async def terminate(
    session: AsyncSession, settings: Settings, ctx: WorkspaceContext, upload_id: uuid.UUID
) -> None:
    """Abandon an upload: its received bytes are removed (a finished asset stays)."""
    upload = await _locked(session, ctx, upload_id)
    await anyio.to_thread.run_sync(partials.remove, partials.path_for(settings, upload.id))
    await ledger.record(
        session,
        "upload.terminated",
        workspace_id=ctx.workspace_id,
        actor_id=ctx.user_id,
        asset_id=upload.asset_id,
        payload={
            "upload_id": str(upload.id),
            "display_name": upload.display_name,
            "offset_bytes": upload.offset_bytes,
            "length_bytes": upload.length_bytes,
        },
    )
    await repository.delete(session, upload)


async def prune_expired(session: AsyncSession, settings: Settings) -> int:
    """Forget unfinished uploads past their expiry and free their disk space (a periodic task)."""
    uploads = await repository.expired(session, utcnow())
    for upload in uploads:
        await anyio.to_thread.run_sync(partials.remove, partials.path_for(settings, upload.id))
        await repository.delete(session, upload)
    if uploads:
        log.info("uploads.pruned", count=len(uploads))
    return len(uploads)


async def receive_small(
    session: AsyncSession,
    settings: Settings,
    ctx: WorkspaceContext,
    *,
    content_type: str | None,
    content_length: int | None,
    body: AsyncIterator[bytes],
) -> tuple[Asset, bool]:
    """One multipart request with the file in the field ``file``; returns (asset, deduplicated)."""
    boundary = multipart.boundary_of(content_type)
    if boundary is None:
        raise WrongContentType("Send the file as multipart/form-data in a field named 'file'.")
    if content_length is not None and content_length > settings.max_upload_bytes + FORM_OVERHEAD:
        raise await rules.too_large(session, settings, ctx, "", content_length)
    path = partials.path_for(settings, uuid.uuid4())
    await anyio.to_thread.run_sync(partials.create, path)
    names: list[str] = []

    def accept(filename: str) -> None:
        names.append(rules.display_name(filename))
        if rules.container_of(names[-1], settings) is None:
            raise ContainerNotAllowed()

    try:
        try:
            received = await multipart.receive_file(
                body,
                boundary,
                field="file",
                destination=path,
                limit=settings.max_upload_bytes,
                accept=accept,
            )
        except multipart.PartTooLarge:
            raise await rules.too_large(
                session, settings, ctx, names[-1] if names else "", None
            ) from None
        except ContainerNotAllowed:
            raise await rules.not_allowed(session, settings, ctx, names[-1], None) from None
        except multipart.MultipartError as error:
            raise InvalidInput(f"The form could not be read: {error}.") from None
        except partials.BodyInterrupted:
            raise UploadInterrupted() from None
        if received.size == 0:
            raise await rules.empty(session, ctx, names[-1])
        extension = rules.container_of(names[-1], settings)
        assert extension is not None
        log.info("uploads.form_received", bytes=received.size)
        return await assets.register_file(
            session,
            settings,
            workspace_id=ctx.workspace_id,
            user_id=ctx.user_id,
            display_name=names[-1],
            path=path,
            extension=extension,
        )
    finally:
        await anyio.to_thread.run_sync(partials.remove, path)
