from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_body import ErrorBody
from ...models.upload_out import UploadOut
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    workspace_id: None | Unset | UUID = UNSET,
    upload_length: int,
    tus_resumable: None | str | Unset = UNSET,
    upload_metadata: None | str | Unset = UNSET,
    x_workspace_id: None | Unset | UUID = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    headers["Upload-Length"] = str(upload_length)

    if not isinstance(tus_resumable, Unset):
        headers["Tus-Resumable"] = tus_resumable

    if not isinstance(upload_metadata, Unset):
        headers["Upload-Metadata"] = upload_metadata

    if not isinstance(x_workspace_id, Unset):
        headers["x-workspace-id"] = x_workspace_id

    params: dict[str, Any] = {}

    json_workspace_id: None | str | Unset
    if isinstance(workspace_id, Unset):
        json_workspace_id = UNSET
    elif isinstance(workspace_id, UUID):
        json_workspace_id = str(workspace_id)
    else:
        json_workspace_id = workspace_id
    params["workspace_id"] = json_workspace_id

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/uploads/tus",
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> ErrorBody | UploadOut | None:
    if response.status_code == 201:
        response_201 = UploadOut.from_dict(response.json())

        return response_201

    if response.status_code == 401:
        response_401 = ErrorBody.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ErrorBody.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = ErrorBody.from_dict(response.json())

        return response_404

    if response.status_code == 412:
        response_412 = ErrorBody.from_dict(response.json())

        return response_412

    if response.status_code == 413:
        response_413 = ErrorBody.from_dict(response.json())

        return response_413

    if response.status_code == 415:
        response_415 = ErrorBody.from_dict(response.json())

        return response_415

    if response.status_code == 422:
        response_422 = ErrorBody.from_dict(response.json())

        return response_422

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorBody | UploadOut]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    workspace_id: None | Unset | UUID = UNSET,
    upload_length: int,
    tus_resumable: None | str | Unset = UNSET,
    upload_metadata: None | str | Unset = UNSET,
    x_workspace_id: None | Unset | UUID = UNSET,
) -> Response[ErrorBody | UploadOut]:
    """Tus Create

     Start a resumable upload (tus creation). Then send the bytes with PATCH to the URL in the
    `Location` header. See docs/uploads.md.

    Args:
        workspace_id (None | Unset | UUID): The workspace to act in, for links without headers.
        upload_length (int): The file's size in bytes.
        tus_resumable (None | str | Unset): Always 1.0.0.
        upload_metadata (None | str | Unset): Comma-separated `key base64(value)` pairs;
            `filename` is required and its extension must be an accepted video container.
        x_workspace_id (None | Unset | UUID): The workspace to act in (or use the workspace_id
            query parameter).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | UploadOut]
    """

    kwargs = _get_kwargs(
        workspace_id=workspace_id,
        upload_length=upload_length,
        tus_resumable=tus_resumable,
        upload_metadata=upload_metadata,
        x_workspace_id=x_workspace_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    workspace_id: None | Unset | UUID = UNSET,
    upload_length: int,
    tus_resumable: None | str | Unset = UNSET,
    upload_metadata: None | str | Unset = UNSET,
    x_workspace_id: None | Unset | UUID = UNSET,
) -> ErrorBody | UploadOut | None:
    """Tus Create

     Start a resumable upload (tus creation). Then send the bytes with PATCH to the URL in the
    `Location` header. See docs/uploads.md.

    Args:
        workspace_id (None | Unset | UUID): The workspace to act in, for links without headers.
        upload_length (int): The file's size in bytes.
        tus_resumable (None | str | Unset): Always 1.0.0.
        upload_metadata (None | str | Unset): Comma-separated `key base64(value)` pairs;
            `filename` is required and its extension must be an accepted video container.
        x_workspace_id (None | Unset | UUID): The workspace to act in (or use the workspace_id
            query parameter).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | UploadOut
    """

    return sync_detailed(
        client=client,
        workspace_id=workspace_id,
        upload_length=upload_length,
        tus_resumable=tus_resumable,
        upload_metadata=upload_metadata,
        x_workspace_id=x_workspace_id,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    workspace_id: None | Unset | UUID = UNSET,
    upload_length: int,
    tus_resumable: None | str | Unset = UNSET,
    upload_metadata: None | str | Unset = UNSET,
    x_workspace_id: None | Unset | UUID = UNSET,
) -> Response[ErrorBody | UploadOut]:
    """Tus Create

     Start a resumable upload (tus creation). Then send the bytes with PATCH to the URL in the
    `Location` header. See docs/uploads.md.

    Args:
        workspace_id (None | Unset | UUID): The workspace to act in, for links without headers.
        upload_length (int): The file's size in bytes.
        tus_resumable (None | str | Unset): Always 1.0.0.
        upload_metadata (None | str | Unset): Comma-separated `key base64(value)` pairs;
            `filename` is required and its extension must be an accepted video container.
        x_workspace_id (None | Unset | UUID): The workspace to act in (or use the workspace_id
            query parameter).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | UploadOut]
    """

    kwargs = _get_kwargs(
        workspace_id=workspace_id,
        upload_length=upload_length,
        tus_resumable=tus_resumable,
        upload_metadata=upload_metadata,
        x_workspace_id=x_workspace_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    workspace_id: None | Unset | UUID = UNSET,
    upload_length: int,
    tus_resumable: None | str | Unset = UNSET,
    upload_metadata: None | str | Unset = UNSET,
    x_workspace_id: None | Unset | UUID = UNSET,
) -> ErrorBody | UploadOut | None:
    """Tus Create

     Start a resumable upload (tus creation). Then send the bytes with PATCH to the URL in the
    `Location` header. See docs/uploads.md.

    Args:
        workspace_id (None | Unset | UUID): The workspace to act in, for links without headers.
        upload_length (int): The file's size in bytes.
        tus_resumable (None | str | Unset): Always 1.0.0.
        upload_metadata (None | str | Unset): Comma-separated `key base64(value)` pairs;
            `filename` is required and its extension must be an accepted video container.
        x_workspace_id (None | Unset | UUID): The workspace to act in (or use the workspace_id
            query parameter).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | UploadOut
    """

    return (
        await asyncio_detailed(
            client=client,
            workspace_id=workspace_id,
            upload_length=upload_length,
            tus_resumable=tus_resumable,
            upload_metadata=upload_metadata,
            x_workspace_id=x_workspace_id,
        )
    ).parsed
