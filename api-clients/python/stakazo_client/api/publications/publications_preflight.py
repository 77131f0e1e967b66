from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_body import ErrorBody
from ...models.preflight_out import PreflightOut
from ...types import UNSET, Response, Unset


def _get_kwargs(
    publication_id: UUID,
    *,
    workspace_id: None | Unset | UUID = UNSET,
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

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/publications/{publication_id}/preflight".format(
            publication_id=quote(str(publication_id), safe=""),
        ),
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorBody | PreflightOut | None:
    if response.status_code == 200:
        response_200 = PreflightOut.from_dict(response.json())

        return response_200

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
) -> Response[ErrorBody | PreflightOut]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    publication_id: UUID,
    *,
    client: AuthenticatedClient,
    workspace_id: None | Unset | UUID = UNSET,
    x_workspace_id: None | Unset | UUID = UNSET,
) -> Response[ErrorBody | PreflightOut]:
    """Preflight Publication

     Check a publication against its platform's active rules without sending anything: the
    caption, title, hashtags and mentions, TikTok's privacy for an unaudited app, the rendered
    file's length, size and shape (codecs and frame rate once the engine has read the file),
    the account's posts in the last 24 hours and the posting windows, at its publish time.
    `ok` is false when something would stop it; problems with `retry_at` only delay it.

    Args:
        publication_id (UUID):
        workspace_id (None | Unset | UUID): The workspace to act in, for links without headers.
        x_workspace_id (None | Unset | UUID): The workspace to act in (or use the workspace_id
            query parameter).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | PreflightOut]
    """

    kwargs = _get_kwargs(
        publication_id=publication_id,
        workspace_id=workspace_id,
        x_workspace_id=x_workspace_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    publication_id: UUID,
    *,
    client: AuthenticatedClient,
    workspace_id: None | Unset | UUID = UNSET,
    x_workspace_id: None | Unset | UUID = UNSET,
) -> ErrorBody | PreflightOut | None:
    """Preflight Publication

     Check a publication against its platform's active rules without sending anything: the
    caption, title, hashtags and mentions, TikTok's privacy for an unaudited app, the rendered
    file's length, size and shape (codecs and frame rate once the engine has read the file),
    the account's posts in the last 24 hours and the posting windows, at its publish time.
    `ok` is false when something would stop it; problems with `retry_at` only delay it.

    Args:
        publication_id (UUID):
        workspace_id (None | Unset | UUID): The workspace to act in, for links without headers.
        x_workspace_id (None | Unset | UUID): The workspace to act in (or use the workspace_id
            query parameter).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | PreflightOut
    """

    return sync_detailed(
        publication_id=publication_id,
        client=client,
        workspace_id=workspace_id,
        x_workspace_id=x_workspace_id,
    ).parsed


async def asyncio_detailed(
    publication_id: UUID,
    *,
    client: AuthenticatedClient,
    workspace_id: None | Unset | UUID = UNSET,
    x_workspace_id: None | Unset | UUID = UNSET,
) -> Response[ErrorBody | PreflightOut]:
    """Preflight Publication

     Check a publication against its platform's active rules without sending anything: the
    caption, title, hashtags and mentions, TikTok's privacy for an unaudited app, the rendered
    file's length, size and shape (codecs and frame rate once the engine has read the file),
    the account's posts in the last 24 hours and the posting windows, at its publish time.
    `ok` is false when something would stop it; problems with `retry_at` only delay it.

    Args:
        publication_id (UUID):
        workspace_id (None | Unset | UUID): The workspace to act in, for links without headers.
        x_workspace_id (None | Unset | UUID): The workspace to act in (or use the workspace_id
            query parameter).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | PreflightOut]
    """

    kwargs = _get_kwargs(
        publication_id=publication_id,
        workspace_id=workspace_id,
        x_workspace_id=x_workspace_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    publication_id: UUID,
    *,
    client: AuthenticatedClient,
    workspace_id: None | Unset | UUID = UNSET,
    x_workspace_id: None | Unset | UUID = UNSET,
) -> ErrorBody | PreflightOut | None:
    """Preflight Publication

     Check a publication against its platform's active rules without sending anything: the
    caption, title, hashtags and mentions, TikTok's privacy for an unaudited app, the rendered
    file's length, size and shape (codecs and frame rate once the engine has read the file),
    the account's posts in the last 24 hours and the posting windows, at its publish time.
    `ok` is false when something would stop it; problems with `retry_at` only delay it.

    Args:
        publication_id (UUID):
        workspace_id (None | Unset | UUID): The workspace to act in, for links without headers.
        x_workspace_id (None | Unset | UUID): The workspace to act in (or use the workspace_id
            query parameter).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | PreflightOut
    """

    return (
        await asyncio_detailed(
            publication_id=publication_id,
            client=client,
            workspace_id=workspace_id,
            x_workspace_id=x_workspace_id,
        )
    ).parsed
