"""rupload.facebook.com in the emulator: the resumable upload of a container's bytes.

``POST {uri}`` with ``Authorization: OAuth <token>``, ``offset`` and ``file_size`` headers and the
bytes from ``offset`` on. Only Facebook Login for Business tokens may use it [M2]; an Instagram
Login token is refused. Meta documents no way to ask for the offset after an interruption [?], so
``GET {uri}`` is refused unless ``upload_offset_query`` turns it on (then it answers
``{"id", "offset", "file_size"}``). A restart at offset 0 replaces the partial bytes; a complete
upload sent again is accepted only if identical.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from starlette.requests import ClientDisconnect
from starlette.responses import Response

from sandbox.faults import DropConnection, lost
from sandbox.instagram.accounts import PUBLISH
from sandbox.instagram.errors import GraphFault, UploadFault
from sandbox.instagram.http import Shared, bearer, upload_error
from sandbox.instagram.state import Container


def add_upload_routes(router: APIRouter, shared: Shared) -> None:
    state, context = shared.state, shared.context
    path = "/rupload/ig-api-upload/{version}/{container_id}"

    def authorize(request: Request, container_id: str) -> Container:
        value = bearer(request, {})
        held = state.tokens.get(value or "")
        if held is not None and held.login != "facebook":
            raise UploadFault(
                403,
                "OAuthException",
                "Resumable upload is only available for apps using Facebook Login for Business",
            )
        try:
            token = state.authenticate(value, context.now(), PUBLISH, "facebook")
        except GraphFault as fault:
            raise UploadFault(401, "OAuthException", fault.message) from fault
        return state.upload_container(token, container_id, context.now())

    @router.get(path)
    async def upload_offset(request: Request, version: str, container_id: str) -> Response:
        rule, injected = await shared.inject("upload_offset", upload_error)
        if injected is not None:
            return injected
        if not state.config.upload_offset_query:
            raise UploadFault(405, "MethodNotAllowed", "GET is not supported on this uri")
        container = authorize(request, container_id)
        lost(rule)
        body = {
            "id": container.id,
            "offset": len(container.data),
            "file_size": container.declared_size,
        }
        return JSONResponse(body)

    @router.post(path, name="instagram_upload")
    async def upload(request: Request, version: str, container_id: str) -> Response:
        rule, injected = await shared.inject("upload", upload_error)
        if injected is not None:
            return injected
        container = authorize(request, container_id)
        try:
            offset = int(request.headers["offset"])
            file_size = int(request.headers["file_size"])
        except (KeyError, ValueError) as error:
            raise UploadFault(
                400, "BadRequest", "The offset and file_size headers are required integers"
            ) from error
        if offset < 0 or file_size <= 0:
            raise UploadFault(400, "BadRequest", "offset must be >= 0 and file_size > 0")
        if container.receiving:
            raise UploadFault(
                409, "UploadInProgress", "Another upload to this uri is running", retriable=True
            )
        resend = state.start_upload(container, offset, file_size)
        # A complete upload sent again is read aside and compared, never stored.
        target = bytearray() if resend else container.data
        start = len(target)
        drop_after = (file_size - offset) // 2 if rule and rule.fault == "drop" else None
        container.receiving = True
        try:
            async for chunk in request.stream():
                target.extend(chunk)
                if len(target) > file_size:
                    del target[start:]
                    raise UploadFault(400, "BadRequest", "The body is longer than file_size")
                if drop_after is not None and len(target) - start >= max(1, drop_after):
                    raise DropConnection()  # the bytes read so far stay
        except ClientDisconnect:
            return Response(status_code=499)  # nobody left to answer; the bytes stay
        finally:
            container.receiving = False
        if resend:
            if bytes(target) != bytes(container.data):
                raise UploadFault(400, "UploadAlreadyComplete", "All bytes were received already")
        elif len(container.data) < file_size:
            raise UploadFault(
                400,
                "IncompleteUpload",
                f"received {len(container.data)} of {file_size} bytes; resume at that offset",
                retriable=True,
            )
        else:
            state.finish_upload(container, context.now(), context.processing_time(rule))
        lost(rule)
        return JSONResponse({"success": True, "message": "Upload successful."})
