from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...types import UNSET, Response, Unset


def _get_kwargs(
    upload_id: UUID,
    *,
    workspace_id: None | Unset | UUID = UNSET,
    tus_resumable: None | str | Unset = UNSET,
    x_workspace_id: None | Unset | UUID = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(tus_resumable, Unset):
        headers["Tus-Resumable"] = tus_resumable

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
        "method": "head",
        "url": "/v1/uploads/tus/{upload_id}".format(
            upload_id=quote(str(upload_id), safe=""),
        ),
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Any | None:
    if response.status_code == 200:
        return None

    if response.status_code == 401:
        return None

    if response.status_code == 403:
        return None

    if response.status_code == 404:
        return None

    if response.status_code == 410:
        return None

    if response.status_code == 412:
        return None

    if response.status_code == 422:
        return None

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Any]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    upload_id: UUID,
    *,
    client: AuthenticatedClient,
    workspace_id: None | Unset | UUID = UNSET,
    tus_resumable: None | str | Unset = UNSET,
    x_workspace_id: None | Unset | UUID = UNSET,
) -> Response[Any]:
    """Tus Head

     How many bytes the server has (`Upload-Offset`): resume from there after an
    interruption. A finished upload also names its asset in `Stakazo-Asset-Id`.

    Args:
        upload_id (UUID):
        workspace_id (None | Unset | UUID): The workspace to act in, for links without headers.
        tus_resumable (None | str | Unset): Always 1.0.0.
        x_workspace_id (None | Unset | UUID): The workspace to act in (or use the workspace_id
            query parameter).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any]
    """

    kwargs = _get_kwargs(
        upload_id=upload_id,
        workspace_id=workspace_id,
        tus_resumable=tus_resumable,
        x_workspace_id=x_workspace_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


async def asyncio_detailed(
    upload_id: UUID,
    *,
    client: AuthenticatedClient,
    workspace_id: None | Unset | UUID = UNSET,
    tus_resumable: None | str | Unset = UNSET,
    x_workspace_id: None | Unset | UUID = UNSET,
) -> Response[Any]:
    """Tus Head

     How many bytes the server has (`Upload-Offset`): resume from there after an
    interruption. A finished upload also names its asset in `Stakazo-Asset-Id`.

    Args:
        upload_id (UUID):
        workspace_id (None | Unset | UUID): The workspace to act in, for links without headers.
        tus_resumable (None | str | Unset): Always 1.0.0.
        x_workspace_id (None | Unset | UUID): The workspace to act in (or use the workspace_id
            query parameter).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any]
    """

    kwargs = _get_kwargs(
        upload_id=upload_id,
        workspace_id=workspace_id,
        tus_resumable=tus_resumable,
        x_workspace_id=x_workspace_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)
