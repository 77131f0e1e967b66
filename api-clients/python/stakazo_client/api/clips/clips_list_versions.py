from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_body import ErrorBody
from ...models.page_clip_version import PageClipVersion
from ...types import UNSET, Response, Unset


def _get_kwargs(
    clip_id: UUID,
    *,
    workspace_id: None | Unset | UUID = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    include_total: bool | Unset = False,
    x_workspace_id: None | Unset | UUID = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
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

    params["limit"] = limit

    json_cursor: None | str | Unset
    if isinstance(cursor, Unset):
        json_cursor = UNSET
    else:
        json_cursor = cursor
    params["cursor"] = json_cursor

    params["include_total"] = include_total

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/clips/{clip_id}/versions".format(
            clip_id=quote(str(clip_id), safe=""),
        ),
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorBody | PageClipVersion | None:
    if response.status_code == 200:
        response_200 = PageClipVersion.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ErrorBody.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorBody.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ErrorBody.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = ErrorBody.from_dict(response.json())

        return response_404

    if response.status_code == 422:
        response_422 = ErrorBody.from_dict(response.json())

        return response_422

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorBody | PageClipVersion]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    clip_id: UUID,
    *,
    client: AuthenticatedClient,
    workspace_id: None | Unset | UUID = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    include_total: bool | Unset = False,
    x_workspace_id: None | Unset | UUID = UNSET,
) -> Response[ErrorBody | PageClipVersion]:
    """List Versions

     Every version of the clip (the ones it came from and the ones made from it), newest
    first.

    Args:
        clip_id (UUID):
        workspace_id (None | Unset | UUID): The workspace to act in, for links without headers.
        limit (int | Unset): Items per page (1 to 200). Default: 50.
        cursor (None | str | Unset): `next_cursor` of the previous page; leave out for the first
            page.
        include_total (bool | Unset): Also count the whole list (`total`); costs a query, so off
            by default. Default: False.
        x_workspace_id (None | Unset | UUID): The workspace to act in (or use the workspace_id
            query parameter).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | PageClipVersion]
    """

    kwargs = _get_kwargs(
        clip_id=clip_id,
        workspace_id=workspace_id,
        limit=limit,
        cursor=cursor,
        include_total=include_total,
        x_workspace_id=x_workspace_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    clip_id: UUID,
    *,
    client: AuthenticatedClient,
    workspace_id: None | Unset | UUID = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    include_total: bool | Unset = False,
    x_workspace_id: None | Unset | UUID = UNSET,
) -> ErrorBody | PageClipVersion | None:
    """List Versions

     Every version of the clip (the ones it came from and the ones made from it), newest
    first.

    Args:
        clip_id (UUID):
        workspace_id (None | Unset | UUID): The workspace to act in, for links without headers.
        limit (int | Unset): Items per page (1 to 200). Default: 50.
        cursor (None | str | Unset): `next_cursor` of the previous page; leave out for the first
            page.
        include_total (bool | Unset): Also count the whole list (`total`); costs a query, so off
            by default. Default: False.
        x_workspace_id (None | Unset | UUID): The workspace to act in (or use the workspace_id
            query parameter).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | PageClipVersion
    """

    return sync_detailed(
        clip_id=clip_id,
        client=client,
        workspace_id=workspace_id,
        limit=limit,
        cursor=cursor,
        include_total=include_total,
        x_workspace_id=x_workspace_id,
    ).parsed


async def asyncio_detailed(
    clip_id: UUID,
    *,
    client: AuthenticatedClient,
    workspace_id: None | Unset | UUID = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    include_total: bool | Unset = False,
    x_workspace_id: None | Unset | UUID = UNSET,
) -> Response[ErrorBody | PageClipVersion]:
    """List Versions

     Every version of the clip (the ones it came from and the ones made from it), newest
    first.

    Args:
        clip_id (UUID):
        workspace_id (None | Unset | UUID): The workspace to act in, for links without headers.
        limit (int | Unset): Items per page (1 to 200). Default: 50.
        cursor (None | str | Unset): `next_cursor` of the previous page; leave out for the first
            page.
        include_total (bool | Unset): Also count the whole list (`total`); costs a query, so off
            by default. Default: False.
        x_workspace_id (None | Unset | UUID): The workspace to act in (or use the workspace_id
            query parameter).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | PageClipVersion]
    """

    kwargs = _get_kwargs(
        clip_id=clip_id,
        workspace_id=workspace_id,
        limit=limit,
        cursor=cursor,
        include_total=include_total,
        x_workspace_id=x_workspace_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    clip_id: UUID,
    *,
    client: AuthenticatedClient,
    workspace_id: None | Unset | UUID = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    include_total: bool | Unset = False,
    x_workspace_id: None | Unset | UUID = UNSET,
) -> ErrorBody | PageClipVersion | None:
    """List Versions

     Every version of the clip (the ones it came from and the ones made from it), newest
    first.

    Args:
        clip_id (UUID):
        workspace_id (None | Unset | UUID): The workspace to act in, for links without headers.
        limit (int | Unset): Items per page (1 to 200). Default: 50.
        cursor (None | str | Unset): `next_cursor` of the previous page; leave out for the first
            page.
        include_total (bool | Unset): Also count the whole list (`total`); costs a query, so off
            by default. Default: False.
        x_workspace_id (None | Unset | UUID): The workspace to act in (or use the workspace_id
            query parameter).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | PageClipVersion
    """

    return (
        await asyncio_detailed(
            clip_id=clip_id,
            client=client,
            workspace_id=workspace_id,
            limit=limit,
            cursor=cursor,
            include_total=include_total,
            x_workspace_id=x_workspace_id,
        )
    ).parsed
