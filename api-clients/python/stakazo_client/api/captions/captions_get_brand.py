from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.caption_brand import CaptionBrand
from ...models.error_body import ErrorBody
from ...types import UNSET, Response, Unset


def _get_kwargs(
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
        "method": "get",
        "url": "/v1/caption-brand",
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CaptionBrand | ErrorBody | None:
    if response.status_code == 200:
        response_200 = CaptionBrand.from_dict(response.json())

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
) -> Response[CaptionBrand | ErrorBody]:
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
    x_workspace_id: None | Unset | UUID = UNSET,
) -> Response[CaptionBrand | ErrorBody]:
    """Get Brand

     The workspace's caption brand: a preset and its overrides, or null.

    Args:
        workspace_id (None | Unset | UUID): The workspace to act in, for links without headers.
        x_workspace_id (None | Unset | UUID): The workspace to act in (or use the workspace_id
            query parameter).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CaptionBrand | ErrorBody]
    """

    kwargs = _get_kwargs(
        workspace_id=workspace_id,
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
    x_workspace_id: None | Unset | UUID = UNSET,
) -> CaptionBrand | ErrorBody | None:
    """Get Brand

     The workspace's caption brand: a preset and its overrides, or null.

    Args:
        workspace_id (None | Unset | UUID): The workspace to act in, for links without headers.
        x_workspace_id (None | Unset | UUID): The workspace to act in (or use the workspace_id
            query parameter).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CaptionBrand | ErrorBody
    """

    return sync_detailed(
        client=client,
        workspace_id=workspace_id,
        x_workspace_id=x_workspace_id,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    workspace_id: None | Unset | UUID = UNSET,
    x_workspace_id: None | Unset | UUID = UNSET,
) -> Response[CaptionBrand | ErrorBody]:
    """Get Brand

     The workspace's caption brand: a preset and its overrides, or null.

    Args:
        workspace_id (None | Unset | UUID): The workspace to act in, for links without headers.
        x_workspace_id (None | Unset | UUID): The workspace to act in (or use the workspace_id
            query parameter).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CaptionBrand | ErrorBody]
    """

    kwargs = _get_kwargs(
        workspace_id=workspace_id,
        x_workspace_id=x_workspace_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    workspace_id: None | Unset | UUID = UNSET,
    x_workspace_id: None | Unset | UUID = UNSET,
) -> CaptionBrand | ErrorBody | None:
    """Get Brand

     The workspace's caption brand: a preset and its overrides, or null.

    Args:
        workspace_id (None | Unset | UUID): The workspace to act in, for links without headers.
        x_workspace_id (None | Unset | UUID): The workspace to act in (or use the workspace_id
            query parameter).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CaptionBrand | ErrorBody
    """

    return (
        await asyncio_detailed(
            client=client,
            workspace_id=workspace_id,
            x_workspace_id=x_workspace_id,
        )
    ).parsed
