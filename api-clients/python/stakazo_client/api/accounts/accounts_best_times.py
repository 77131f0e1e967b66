from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.best_times_out import BestTimesOut
from ...models.error_body import ErrorBody
from ...types import UNSET, Response, Unset


def _get_kwargs(
    account_id: UUID,
    *,
    tz: str | Unset = "UTC",
    workspace_id: None | Unset | UUID = UNSET,
    x_workspace_id: None | Unset | UUID = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(x_workspace_id, Unset):
        headers["x-workspace-id"] = x_workspace_id

    params: dict[str, Any] = {}

    params["tz"] = tz

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
        "url": "/v1/accounts/{account_id}/best-times".format(
            account_id=quote(str(account_id), safe=""),
        ),
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> BestTimesOut | ErrorBody | None:
    if response.status_code == 200:
        response_200 = BestTimesOut.from_dict(response.json())

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
) -> Response[BestTimesOut | ErrorBody]:
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
    tz: str | Unset = "UTC",
    workspace_id: None | Unset | UUID = UNSET,
    x_workspace_id: None | Unset | UUID = UNSET,
) -> Response[BestTimesOut | ErrorBody]:
    """Best Times

     The best hours of the week for this account to post, best first: learnt from its own
    published posts (views about 48 hours after each, relative to its typical post), smoothed
    toward the platform's typical good times; with fewer than 10 measured posts, the platform's
    typical good times alone (the `message` says which).

    Args:
        account_id (UUID):
        tz (str | Unset): IANA time zone of the hours. Default: 'UTC'.
        workspace_id (None | Unset | UUID): The workspace to act in, for links without headers.
        x_workspace_id (None | Unset | UUID): The workspace to act in (or use the workspace_id
            query parameter).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BestTimesOut | ErrorBody]
    """

    kwargs = _get_kwargs(
        account_id=account_id,
        tz=tz,
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
    tz: str | Unset = "UTC",
    workspace_id: None | Unset | UUID = UNSET,
    x_workspace_id: None | Unset | UUID = UNSET,
) -> BestTimesOut | ErrorBody | None:
    """Best Times

     The best hours of the week for this account to post, best first: learnt from its own
    published posts (views about 48 hours after each, relative to its typical post), smoothed
    toward the platform's typical good times; with fewer than 10 measured posts, the platform's
    typical good times alone (the `message` says which).

    Args:
        account_id (UUID):
        tz (str | Unset): IANA time zone of the hours. Default: 'UTC'.
        workspace_id (None | Unset | UUID): The workspace to act in, for links without headers.
        x_workspace_id (None | Unset | UUID): The workspace to act in (or use the workspace_id
            query parameter).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BestTimesOut | ErrorBody
    """

    return sync_detailed(
        account_id=account_id,
        client=client,
        tz=tz,
        workspace_id=workspace_id,
        x_workspace_id=x_workspace_id,
    ).parsed


async def asyncio_detailed(
    account_id: UUID,
    *,
    client: AuthenticatedClient,
    tz: str | Unset = "UTC",
    workspace_id: None | Unset | UUID = UNSET,
    x_workspace_id: None | Unset | UUID = UNSET,
) -> Response[BestTimesOut | ErrorBody]:
    """Best Times

     The best hours of the week for this account to post, best first: learnt from its own
    published posts (views about 48 hours after each, relative to its typical post), smoothed
    toward the platform's typical good times; with fewer than 10 measured posts, the platform's
    typical good times alone (the `message` says which).

    Args:
        account_id (UUID):
        tz (str | Unset): IANA time zone of the hours. Default: 'UTC'.
        workspace_id (None | Unset | UUID): The workspace to act in, for links without headers.
        x_workspace_id (None | Unset | UUID): The workspace to act in (or use the workspace_id
            query parameter).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BestTimesOut | ErrorBody]
    """

    kwargs = _get_kwargs(
        account_id=account_id,
        tz=tz,
        workspace_id=workspace_id,
        x_workspace_id=x_workspace_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    account_id: UUID,
    *,
    client: AuthenticatedClient,
    tz: str | Unset = "UTC",
    workspace_id: None | Unset | UUID = UNSET,
    x_workspace_id: None | Unset | UUID = UNSET,
) -> BestTimesOut | ErrorBody | None:
    """Best Times

     The best hours of the week for this account to post, best first: learnt from its own
    published posts (views about 48 hours after each, relative to its typical post), smoothed
    toward the platform's typical good times; with fewer than 10 measured posts, the platform's
    typical good times alone (the `message` says which).

    Args:
        account_id (UUID):
        tz (str | Unset): IANA time zone of the hours. Default: 'UTC'.
        workspace_id (None | Unset | UUID): The workspace to act in, for links without headers.
        x_workspace_id (None | Unset | UUID): The workspace to act in (or use the workspace_id
            query parameter).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BestTimesOut | ErrorBody
    """

    return (
        await asyncio_detailed(
            account_id=account_id,
            client=client,
            tz=tz,
            workspace_id=workspace_id,
            x_workspace_id=x_workspace_id,
        )
    ).parsed
