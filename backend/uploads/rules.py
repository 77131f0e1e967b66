"""What an upload may be: a video container judged by its name, within the size limit.

Refusals are recorded in the ledger (``upload.rejected``); the errors keep that record although
the request fails.
"""

from __future__ import annotations

import re
import unicodedata
import uuid
from pathlib import PurePosixPath

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from backend import ledger
from backend.config import Settings
from backend.iam.context import WorkspaceContext
from backend.uploads.errors import ContainerNotAllowed, EmptyFile, UploadTooLarge

log = structlog.get_logger(__name__)

MAX_DISPLAY_NAME = 500


def display_name(raw: str | None) -> str:
    """What people see: the last path component, without control or format characters.

    The name never reaches a storage key; keys are built from ids.
    """
    text = unicodedata.normalize("NFC", raw or "")
    text = "".join(ch for ch in text if not unicodedata.category(ch).startswith("C"))
    text = re.split(r"[/\\]", text)[-1].strip()
    if len(text) > MAX_DISPLAY_NAME:
        suffix = PurePosixPath(text).suffix[:20]
        text = text[: MAX_DISPLAY_NAME - len(suffix)] + suffix
    return text


def container_of(name: str, settings: Settings) -> str | None:
    """The file's container judged by its extension, when this server accepts it."""
    extension = PurePosixPath(name).suffix.lower().lstrip(".")
    allowed = {container.lower() for container in settings.allowed_containers}
    return extension if extension and extension in allowed else None


async def reject(
    session: AsyncSession,
    ctx: WorkspaceContext,
    reason: str,
    *,
    name: str,
    size: int | None,
    upload_id: uuid.UUID | None = None,
) -> None:
    payload: dict[str, object] = {"reason": reason, "display_name": name, "size_bytes": size}
    if upload_id is not None:
        payload["upload_id"] = str(upload_id)
    await ledger.record(
        session,
        "upload.rejected",
        workspace_id=ctx.workspace_id,
        actor_id=ctx.user_id,
        payload=payload,
    )
    log.info("uploads.rejected", reason=reason, bytes=size, upload_id=upload_id and str(upload_id))


async def too_large(
    session: AsyncSession, settings: Settings, ctx: WorkspaceContext, name: str, size: int | None
) -> UploadTooLarge:
    await reject(session, ctx, "too_large", name=name, size=size)
    return UploadTooLarge(
        f"The file is larger than this server accepts ({settings.max_upload_bytes} bytes)."
    )


async def not_allowed(
    session: AsyncSession, settings: Settings, ctx: WorkspaceContext, name: str, size: int | None
) -> ContainerNotAllowed:
    await reject(session, ctx, "container_not_allowed", name=name, size=size)
    extension = PurePosixPath(name).suffix or "no extension"
    return ContainerNotAllowed(
        f"Files with {extension!r} are not accepted. Upload a video file: "
        + ", ".join(settings.allowed_containers)
        + "."
    )


async def empty(session: AsyncSession, ctx: WorkspaceContext, name: str) -> EmptyFile:
    await reject(session, ctx, "empty", name=name, size=0)
    return EmptyFile(f"{name!r} is empty (0 bytes). Upload a video file.")
