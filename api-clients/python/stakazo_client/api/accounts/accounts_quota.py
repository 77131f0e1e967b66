from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.accounts_quota_mode import AccountsQuotaMode
from ...models.error_body import ErrorBody
from ...models.quota_out import QuotaOut
from ...types import UNSET, Response, Unset


def _get_kwargs(
    account_id: UUID,
    *,
    mode: AccountsQuotaMode | Unset = AccountsQuotaMode.DIRECT,
    workspace_id: None | Unset | UUID = UNSET,
    x_workspace_id: None | Unset | UUID = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(x_workspace_id, Unset):
        headers["x-workspace-id"] = x_workspace_id

    params: dict[str, Any] = {}

    json_mode: str | Unset = UNSET
    if not isinstance(mode, Unset):
        json_mode = mode.value

    params["mode"] = json_mode

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
        "url": "/v1/accounts/{account_id}/quota".format(
            account_id=quote(str(account_id), safe=""),
        ),
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> ErrorBody | QuotaOut | None:
    if response.status_code == 200:
        response_200 = QuotaOut.from_dict(response.json())

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

    if response.status_code == 502:
        response_502 = ErrorBody.from_dict(response.json())

        return response_502

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorBody | QuotaOut]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    account_id: UUID,
    *,
    client: AuthenticatedClient,
    mode: AccountsQuotaMode | Unset = AccountsQuotaMode.DIRECT,
    workspace_id: None | Unset | UUID = UNSET,
    x_workspace_id: None | Unset | UUID = UNSET,
) -> Response[ErrorBody | QuotaOut]:
    """Account Quota

     How many posts the account may still publish now, and when room frees up: as the platform
    reports it (Instagram's `content_publishing_limit`, last 24 hours), or counted by Stakazo
    against the platform's documented limit (TikTok direct posts per rolling day, YouTube uploads
    per day in Pacific time). The publishing engine defers posts on the same figures. The account
    must be connected.

    Args:
        account_id (UUID):
        mode (AccountsQuotaMode | Unset):  Default: AccountsQuotaMode.DIRECT.
        workspace_id (None | Unset | UUID): The workspace to act in, for links without headers.
        x_workspace_id (None | Unset | UUID): The workspace to act in (or use the workspace_id
            query parameter).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | QuotaOut]
    """

    kwargs = _get_kwargs(
        account_id=account_id,
        mode=mode,
        workspace_id=workspace_id,
        x_workspace_id=x_workspace_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    account_id: UUID,
    *,
    client: AuthenticatedClient,
    mode: AccountsQuotaMode | Unset = AccountsQuotaMode.DIRECT,
    workspace_id: None | Unset | UUID = UNSET,
    x_workspace_id: None | Unset | UUID = UNSET,
) -> ErrorBody | QuotaOut | None:
    """Account Quota

     How many posts the account may still publish now, and when room frees up: as the platform
    reports it (Instagram's `content_publishing_limit`, last 24 hours), or counted by Stakazo
    against the platform's documented limit (TikTok direct posts per rolling day, YouTube uploads
    per day in Pacific time). The publishing engine defers posts on the same figures. The account
    must be connected.

    Args:
        account_id (UUID):
        mode (AccountsQuotaMode | Unset):  Default: AccountsQuotaMode.DIRECT.
        workspace_id (None | Unset | UUID): The workspace to act in, for links without headers.
        x_workspace_id (None | Unset | UUID): The workspace to act in (or use the workspace_id
            query parameter).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | QuotaOut
    """

    return sync_detailed(
        account_id=account_id,
        client=client,
        mode=mode,
        workspace_id=workspace_id,
        x_workspace_id=x_workspace_id,
    ).parsed


async def asyncio_detailed(
    account_id: UUID,
    *,
    client: AuthenticatedClient,
    mode: AccountsQuotaMode | Unset = AccountsQuotaMode.DIRECT,
    workspace_id: None | Unset | UUID = UNSET,
    x_workspace_id: None | Unset | UUID = UNSET,
) -> Response[ErrorBody | QuotaOut]:
    """Account Quota

     How many posts the account may still publish now, and when room frees up: as the platform
    reports it (Instagram's `content_publishing_limit`, last 24 hours), or counted by Stakazo
    against the platform's documented limit (TikTok direct posts per rolling day, YouTube uploads
    per day in Pacific time). The publishing engine defers posts on the same figures. The account
    must be connected.

    Args:
        account_id (UUID):
        mode (AccountsQuotaMode | Unset):  Default: AccountsQuotaMode.DIRECT.
        workspace_id (None | Unset | UUID): The workspace to act in, for links without headers.
        x_workspace_id (None | Unset | UUID): The workspace to act in (or use the workspace_id
            query parameter).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | QuotaOut]
    """

    kwargs = _get_kwargs(
        account_id=account_id,
        mode=mode,
        workspace_id=workspace_id,
        x_workspace_id=x_workspace_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    account_id: UUID,
    *,
    client: AuthenticatedClient,
    mode: AccountsQuotaMode | Unset = AccountsQuotaMode.DIRECT,
    workspace_id: None | Unset | UUID = UNSET,
    x_workspace_id: None | Unset | UUID = UNSET,
) -> ErrorBody | QuotaOut | None:
    """Account Quota

     How many posts the account may still publish now, and when room frees up: as the platform
    reports it (Instagram's `content_publishing_limit`, last 24 hours), or counted by Stakazo
    against the platform's documented limit (TikTok direct posts per rolling day, YouTube uploads
    per day in Pacific time). The publishing engine defers posts on the same figures. The account
    must be connected.

    Args:
        account_id (UUID):
        mode (AccountsQuotaMode | Unset):  Default: AccountsQuotaMode.DIRECT.
        workspace_id (None | Unset | UUID): The workspace to act in, for links without headers.
        x_workspace_id (None | Unset | UUID): The workspace to act in (or use the workspace_id
            query parameter).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | QuotaOut
    """

    return (
        await asyncio_detailed(
            account_id=account_id,
            client=client,
            mode=mode,
            workspace_id=workspace_id,
            x_workspace_id=x_workspace_id,
        )
    ).parsed
