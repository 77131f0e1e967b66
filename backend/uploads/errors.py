"""Upload errors. Rejections that the ledger must remember keep their transaction's changes."""

from __future__ import annotations

from backend.errors import AppError, BadRequest, Conflict, InvalidInput, NotFound

TUS_VERSION = "1.0.0"


class UploadNotFound(NotFound):
    code = "upload_not_found"
    default_message = "No such upload in this workspace. It may have been finished or terminated."


class UploadExpired(AppError):
    status_code = 410
    code = "upload_expired"
    default_message = "This upload expired before it was finished. Start a new one."


class TusVersionUnsupported(AppError):
    status_code = 412
    code = "tus_version_unsupported"
    default_message = f"Send the header 'Tus-Resumable: {TUS_VERSION}' (the tus protocol version)."

    def __init__(self) -> None:
        super().__init__(headers={"Tus-Version": TUS_VERSION})


class UploadTooLarge(AppError):
    status_code = 413
    code = "upload_too_large"
    default_message = "The file is larger than this server accepts."
    keeps_changes = True  # the upload.rejected ledger event


class ChunkExceedsLength(AppError):
    status_code = 413
    code = "chunk_exceeds_length"
    default_message = "This chunk would write past the Upload-Length declared at creation."


class EmptyFile(InvalidInput):
    # tus refuses Upload-Length 0 the same way (422): there is nothing to make clips from.
    code = "empty_file"
    default_message = "The file is empty (0 bytes). Upload a video file."
    keeps_changes = True  # the upload.rejected ledger event


class ContainerNotAllowed(AppError):
    status_code = 415
    code = "container_not_allowed"
    default_message = "This kind of file is not accepted; upload a video file."
    keeps_changes = True  # the upload.rejected ledger event


class WrongContentType(AppError):
    status_code = 415
    code = "unsupported_media_type"
    default_message = "Send chunks with 'Content-Type: application/offset+octet-stream'."


class OffsetMismatch(Conflict):
    code = "offset_mismatch"
    default_message = "Upload-Offset does not match the upload's current offset."

    def __init__(self, current: int) -> None:
        super().__init__(
            f"Upload-Offset does not match: the server has {current} bytes. "
            "Ask with HEAD and continue from there.",
            headers={"Upload-Offset": str(current)},
        )


class UploadBusy(AppError):
    status_code = 423
    code = "upload_busy"
    default_message = "Another request is writing to this upload. Retry after it finishes."


class UploadInterrupted(BadRequest):
    code = "upload_interrupted"
    default_message = "The connection ended before the whole file arrived. Upload it again."


class ChecksumAlgorithmUnsupported(BadRequest):
    # tus requires 400 here, so clients can tell it from a corrupted chunk (460).
    code = "checksum_algorithm_unsupported"
    default_message = "Upload-Checksum uses an algorithm this server does not support."


class ChecksumMismatch(AppError):
    status_code = 460
    code = "checksum_mismatch"
    default_message = "Checksum Mismatch: the chunk was discarded; send it again."
    keeps_changes = True  # the upload.rejected ledger event
