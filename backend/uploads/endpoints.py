from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from typing import Annotated, Any

from fastapi import APIRouter, Header, Request, Response, status
from starlette.requests import ClientDisconnect

from backend.assets import service as asset_service
from backend.assets.schemas import AssetUploaded
from backend.auth.dependencies import SessionDep, SettingsDep
from backend.errors import error_responses
from backend.iam.context import WorkspaceContext
from backend.iam.dependencies import require_permission
from backend.iam.endpoints import WORKSPACE_ERRORS
from backend.uploads import errors, service, tus
from backend.uploads.partials import BodyInterrupted
from backend.uploads.schemas import UploadOut

tus_router = APIRouter(prefix="/uploads/tus", tags=["uploads"], route_class=tus.TusRoute)
router = APIRouter(tags=["uploads"])

Writer = Annotated[WorkspaceContext, require_permission("assets:write")]
Reader = Annotated[WorkspaceContext, require_permission("assets:read")]
TUS_ERRORS = (errors.TusVersionUnsupported, *WORKSPACE_ERRORS)
_BINARY = {"schema": {"type": "string", "format": "binary"}}
_CHUNK_BODY = {"requestBody": {"required": True, "content": {tus.CHUNK_CONTENT_TYPE: _BINARY}}}


def _header(description: str, kind: str = "string") -> dict[str, Any]:
    return {"description": description, "schema": {"type": kind}}


# The answers' tus headers, described so generated clients and readers know where to look.
_OFFSET = _header("How many bytes the server has: send the next chunk from here.", "integer")
_ASSET_ID = _header("The asset made from the upload, once its last byte arrived.")
_CREATED: dict[int | str, dict[str, Any]] = {
    201: {
        "description": "The upload was created; send its bytes with PATCH to `Location`.",
        "headers": {
            "Location": _header("The upload's URL (HEAD, PATCH and DELETE it)."),
            "Upload-Offset": _OFFSET,
        },
    }
}
_STATUS: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "The upload's progress, in headers (the answer has no body).",
        "headers": {
            "Upload-Offset": _OFFSET,
            "Upload-Length": _header("The file's size in bytes.", "integer"),
            "Upload-Metadata": _header("The metadata sent at creation."),
            tus.ASSET_ID_HEADER: _ASSET_ID,
        },
    }
}
_APPENDED: dict[int | str, dict[str, Any]] = {
    204: {
        "description": "The chunk was stored.",
        "headers": {"Upload-Offset": _OFFSET, tus.ASSET_ID_HEADER: _ASSET_ID},
    }
}


def _headers_only(responses: dict[int | str, dict[str, Any]]) -> dict[int | str, dict[str, Any]]:
    """A HEAD answer has no body: its errors are described by status (and the error's words)
    only, so generated clients do not try to read an ErrorBody that never comes."""
    return {
        status_code: {"description": entry["description"]}
        for status_code, entry in responses.items()
    }


_FORM_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["file"],
                    "properties": {"file": {"type": "string", "format": "binary"}},
                }
            }
        },
    }
}


async def _body(request: Request) -> AsyncIterator[bytes]:
    """The request body as it arrives, never all in memory."""
    try:
        async for chunk in request.stream():
            if chunk:
                yield chunk
    except ClientDisconnect:
        raise BodyInterrupted() from None


def _content_type(value: str | None) -> str:
    return (value or "").split(";", 1)[0].strip().lower()


@tus_router.options(
    "",
    status_code=status.HTTP_204_NO_CONTENT,
    response_class=Response,
    responses={
        204: {
            "description": "What this server supports, in headers (the answer has no body).",
            "headers": {
                "Tus-Version": _header("The tus protocol versions: 1.0.0."),
                "Tus-Extension": _header("The tus extensions, comma-separated."),
                "Tus-Max-Size": _header("The largest upload accepted, in bytes.", "integer"),
                "Tus-Checksum-Algorithm": _header("The Upload-Checksum algorithms."),
            },
        }
    },
)
async def tus_options(settings: SettingsDep) -> Response:
    """tus discovery: the protocol version, extensions, size limit and checksum algorithms this
    server supports. Needs no authentication."""
    return Response(
        status_code=status.HTTP_204_NO_CONTENT,
        headers={
            "Tus-Version": errors.TUS_VERSION,
            "Tus-Extension": ",".join(tus.EXTENSIONS),
            "Tus-Max-Size": str(settings.max_upload_bytes),
            "Tus-Checksum-Algorithm": ",".join(tus.CHECKSUM_ALGORITHMS),
        },
    )


@tus_router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    responses={
        **_CREATED,
        **error_responses(*TUS_ERRORS, errors.UploadTooLarge, errors.ContainerNotAllowed),
    },
)
async def tus_create(
    request: Request,
    response: Response,
    ctx: Writer,
    session: SessionDep,
    settings: SettingsDep,
    upload_length: Annotated[
        int, Header(alias="Upload-Length", ge=1, description="The file's size in bytes.")
    ],
    tus_resumable: tus.TusResumable = None,
    upload_metadata: Annotated[
        str | None,
        Header(
            alias="Upload-Metadata",
            description="Comma-separated `key base64(value)` pairs; `filename` is required and "
            "its extension must be an accepted video container.",
        ),
    ] = None,
) -> UploadOut:
    """Start a resumable upload (tus creation). Then send the bytes with PATCH to the URL in the
    `Location` header. See docs/uploads.md."""
    tus.check_version(tus_resumable)
    upload = await service.create(
        session, settings, ctx, length=upload_length, metadata_header=upload_metadata
    )
    response.headers["Location"] = request.url_for("tus_head", upload_id=upload.id).path
    response.headers["Upload-Offset"] = "0"
    return UploadOut.model_validate(upload)


@tus_router.head(
    "/{upload_id}",
    response_class=Response,
    responses={
        **_STATUS,
        **_headers_only(error_responses(*TUS_ERRORS, errors.UploadNotFound, errors.UploadExpired)),
    },
)
async def tus_head(
    upload_id: uuid.UUID,
    ctx: Reader,
    session: SessionDep,
    settings: SettingsDep,
    tus_resumable: tus.TusResumable = None,
) -> Response:
    """How many bytes the server has (`Upload-Offset`): resume from there after an
    interruption. A finished upload also names its asset in `Stakazo-Asset-Id`."""
    tus.check_version(tus_resumable)
    upload, offset = await service.status(session, settings, ctx, upload_id)
    headers = {
        "Upload-Offset": str(offset),
        "Upload-Length": str(upload.length_bytes),
        "Cache-Control": "no-store",
    }
    if upload.upload_metadata:
        headers["Upload-Metadata"] = tus.encode_metadata(upload.upload_metadata)
    if upload.asset_id is not None:
        headers[tus.ASSET_ID_HEADER] = str(upload.asset_id)
    return Response(status_code=status.HTTP_200_OK, headers=headers)


@tus_router.patch(
    "/{upload_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    response_class=Response,
    openapi_extra=_CHUNK_BODY,
    responses={
        **_APPENDED,
        **error_responses(
            *TUS_ERRORS,
            errors.UploadNotFound,
            errors.UploadExpired,
            errors.OffsetMismatch,
            errors.WrongContentType,
            errors.ChunkExceedsLength,
            errors.UploadBusy,
            errors.ChecksumAlgorithmUnsupported,
            errors.ChecksumMismatch,
        ),
    },
)
async def tus_patch(
    upload_id: uuid.UUID,
    request: Request,
    ctx: Writer,
    session: SessionDep,
    settings: SettingsDep,
    upload_offset: Annotated[
        int, Header(alias="Upload-Offset", ge=0, description="Where this chunk starts.")
    ],
    tus_resumable: tus.TusResumable = None,
    upload_checksum: Annotated[
        str | None,
        Header(
            alias="Upload-Checksum", description="`sha1|sha256|md5 base64(digest)` of the chunk."
        ),
    ] = None,
    content_type: Annotated[str | None, Header(include_in_schema=False)] = None,
    content_length: Annotated[int | None, Header(include_in_schema=False, ge=0)] = None,
) -> Response:
    """Append a chunk at `Upload-Offset` (which must equal the server's offset, else 409 with
    the right offset). With `Upload-Checksum`, a corrupted chunk is discarded (460). The last
    chunk answers with the asset's id in `Stakazo-Asset-Id`; the same file uploaded twice in a
    workspace gives the same asset."""
    tus.check_version(tus_resumable)
    if _content_type(content_type) != tus.CHUNK_CONTENT_TYPE:
        raise errors.WrongContentType()
    upload = await service.receive_chunk(
        session,
        settings,
        ctx,
        upload_id,
        offset=upload_offset,
        content_length=content_length,
        checksum_header=upload_checksum,
        body=_body(request),
    )
    headers = {"Upload-Offset": str(upload.offset_bytes)}
    if upload.asset_id is not None:
        headers[tus.ASSET_ID_HEADER] = str(upload.asset_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT, headers=headers)


@tus_router.delete(
    "/{upload_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    response_class=Response,
    responses=error_responses(*TUS_ERRORS, errors.UploadNotFound, errors.UploadBusy),
)
async def tus_terminate(
    upload_id: uuid.UUID,
    ctx: Writer,
    session: SessionDep,
    settings: SettingsDep,
    tus_resumable: tus.TusResumable = None,
) -> Response:
    """Abandon an upload (tus termination): the bytes received so far are deleted."""
    tus.check_version(tus_resumable)
    await service.terminate(session, settings, ctx, upload_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


_UPLOAD_RESPONSES: dict[int | str, dict[str, Any]] = {
    **error_responses(
        *WORKSPACE_ERRORS,
        errors.UploadTooLarge,
        errors.ContainerNotAllowed,
        errors.WrongContentType,
        errors.UploadInterrupted,
        errors.EmptyFile,
    ),
    200: {"model": AssetUploaded, "description": "The workspace already had this file."},
}


@router.post(
    "/upload",
    status_code=status.HTTP_201_CREATED,
    openapi_extra=_FORM_BODY,
    responses=_UPLOAD_RESPONSES,
)
async def upload_file(
    request: Request,
    response: Response,
    ctx: Writer,
    session: SessionDep,
    settings: SettingsDep,
    content_type: Annotated[str | None, Header(include_in_schema=False)] = None,
    content_length: Annotated[int | None, Header(include_in_schema=False, ge=0)] = None,
) -> AssetUploaded:
    """Upload a small video in one multipart request (field `file`, not empty). 201 with the
    new asset, or 200 with `deduplicated: true` and the existing asset when the workspace already
    has the same file. For large files or unreliable networks use the resumable /uploads/tus."""
    asset, deduplicated = await service.receive_small(
        session,
        settings,
        ctx,
        content_type=content_type,
        content_length=content_length,
        body=_body(request),
    )
    if deduplicated:
        response.status_code = status.HTTP_200_OK
    view = asset_service.asset_view(settings, asset)
    return AssetUploaded(**view.model_dump(), deduplicated=deduplicated)
