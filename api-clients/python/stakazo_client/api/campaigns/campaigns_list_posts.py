import datetime
from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_body import ErrorBody
from ...models.page_campaign_post_out import PageCampaignPostOut
from ...types import UNSET, Response, Unset


def _get_kwargs(
    campaign_id: UUID,
    *,
    from_: datetime.datetime | None | Unset = UNSET,
    to: datetime.datetime | None | Unset = UNSET,
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

    json_from_: None | str | Unset
    if isinstance(from_, Unset):
        json_from_ = UNSET
    elif isinstance(from_, datetime.datetime):
        json_from_ = from_.isoformat()
    else:
        json_from_ = from_
    params["from"] = json_from_

    json_to: None | str | Unset
    if isinstance(to, Unset):
        json_to = UNSET
    elif isinstance(to, datetime.datetime):
        json_to = to.isoformat()
    else:
        json_to = to
    params["to"] = json_to

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
        "url": "/v1/campaigns/{campaign_id}/posts".format(
            campaign_id=quote(str(campaign_id), safe=""),
        ),
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorBody | PageCampaignPostOut | None:
    if response.status_code == 200:
        response_200 = PageCampaignPostOut.from_dict(response.json())

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
) -> Response[ErrorBody | PageCampaignPostOut]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    campaign_id: UUID,
    *,
    client: AuthenticatedClient,
    from_: datetime.datetime | None | Unset = UNSET,
    to: datetime.datetime | None | Unset = UNSET,
    workspace_id: None | Unset | UUID = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    include_total: bool | Unset = False,
    x_workspace_id: None | Unset | UUID = UNSET,
) -> Response[ErrorBody | PageCampaignPostOut]:
    """List Posts

     The campaign's posts in slot order, each with its publication's state.

    Args:
        campaign_id (UUID):
        from_ (datetime.datetime | None | Unset): Slots at or after.
        to (datetime.datetime | None | Unset): Slots before.
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
        Response[ErrorBody | PageCampaignPostOut]
    """

    kwargs = _get_kwargs(
        campaign_id=campaign_id,
        from_=from_,
        to=to,
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
    campaign_id: UUID,
    *,
    client: AuthenticatedClient,
    from_: datetime.datetime | None | Unset = UNSET,
    to: datetime.datetime | None | Unset = UNSET,
    workspace_id: None | Unset | UUID = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    include_total: bool | Unset = False,
    x_workspace_id: None | Unset | UUID = UNSET,
) -> ErrorBody | PageCampaignPostOut | None:
    """List Posts

     The campaign's posts in slot order, each with its publication's state.

    Args:
        campaign_id (UUID):
        from_ (datetime.datetime | None | Unset): Slots at or after.
        to (datetime.datetime | None | Unset): Slots before.
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
        ErrorBody | PageCampaignPostOut
    """

    return sync_detailed(
        campaign_id=campaign_id,
        client=client,
        from_=from_,
        to=to,
        workspace_id=workspace_id,
        limit=limit,
        cursor=cursor,
        include_total=include_total,
        x_workspace_id=x_workspace_id,
    ).parsed


async def asyncio_detailed(
    campaign_id: UUID,
    *,
    client: AuthenticatedClient,
    from_: datetime.datetime | None | Unset = UNSET,
    to: datetime.datetime | None | Unset = UNSET,
    workspace_id: None | Unset | UUID = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    include_total: bool | Unset = False,
    x_workspace_id: None | Unset | UUID = UNSET,
) -> Response[ErrorBody | PageCampaignPostOut]:
    """List Posts

     The campaign's posts in slot order, each with its publication's state.

    Args:
        campaign_id (UUID):
        from_ (datetime.datetime | None | Unset): Slots at or after.
        to (datetime.datetime | None | Unset): Slots before.
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
        Response[ErrorBody | PageCampaignPostOut]
    """

    kwargs = _get_kwargs(
        campaign_id=campaign_id,
        from_=from_,
        to=to,
        workspace_id=workspace_id,
        limit=limit,
        cursor=cursor,
        include_total=include_total,
        x_workspace_id=x_workspace_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    campaign_id: UUID,
    *,
    client: AuthenticatedClient,
    from_: datetime.datetime | None | Unset = UNSET,
    to: datetime.datetime | None | Unset = UNSET,
    workspace_id: None | Unset | UUID = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    include_total: bool | Unset = False,
    x_workspace_id: None | Unset | UUID = UNSET,
) -> ErrorBody | PageCampaignPostOut | None:
    """List Posts

     The campaign's posts in slot order, each with its publication's state.

    Args:
        campaign_id (UUID):
        from_ (datetime.datetime | None | Unset): Slots at or after.
        to (datetime.datetime | None | Unset): Slots before.
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
        ErrorBody | PageCampaignPostOut
    """

    return (
        await asyncio_detailed(
            campaign_id=campaign_id,
            client=client,
            from_=from_,
            to=to,
            workspace_id=workspace_id,
            limit=limit,
            cursor=cursor,
            include_total=include_total,
            x_workspace_id=x_workspace_id,
        )
    ).parsed
