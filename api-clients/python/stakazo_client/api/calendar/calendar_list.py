import datetime
from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.calendar_list_platform_type_0 import CalendarListPlatformType0
from ...models.error_body import ErrorBody
from ...models.page_calendar_item import PageCalendarItem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    from_: datetime.datetime,
    to: datetime.datetime,
    account_id: None | Unset | UUID = UNSET,
    platform: CalendarListPlatformType0 | None | Unset = UNSET,
    campaign_id: None | Unset | UUID = UNSET,
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

    json_from_ = from_.isoformat()
    params["from"] = json_from_

    json_to = to.isoformat()
    params["to"] = json_to

    json_account_id: None | str | Unset
    if isinstance(account_id, Unset):
        json_account_id = UNSET
    elif isinstance(account_id, UUID):
        json_account_id = str(account_id)
    else:
        json_account_id = account_id
    params["account_id"] = json_account_id

    json_platform: None | str | Unset
    if isinstance(platform, Unset):
        json_platform = UNSET
    elif isinstance(platform, CalendarListPlatformType0):
        json_platform = platform.value
    else:
        json_platform = platform
    params["platform"] = json_platform

    json_campaign_id: None | str | Unset
    if isinstance(campaign_id, Unset):
        json_campaign_id = UNSET
    elif isinstance(campaign_id, UUID):
        json_campaign_id = str(campaign_id)
    else:
        json_campaign_id = campaign_id
    params["campaign_id"] = json_campaign_id

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
        "url": "/v1/calendar",
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorBody | PageCalendarItem | None:
    if response.status_code == 200:
        response_200 = PageCalendarItem.from_dict(response.json())

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
) -> Response[ErrorBody | PageCalendarItem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    from_: datetime.datetime,
    to: datetime.datetime,
    account_id: None | Unset | UUID = UNSET,
    platform: CalendarListPlatformType0 | None | Unset = UNSET,
    campaign_id: None | Unset | UUID = UNSET,
    workspace_id: None | Unset | UUID = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    include_total: bool | Unset = False,
    x_workspace_id: None | Unset | UUID = UNSET,
) -> Response[ErrorBody | PageCalendarItem]:
    """List Calendar

     The workspace's posts placed in `[from, to)`, oldest first: published ones at the time
    they went out, planned ones at their `publish_at`, ones sent as soon as approved at when
    they were created. Every state is included (cancelled and failed too); pages follow
    `next_cursor` like every list. Move a post with
    `POST /v1/publications/{id}/schedule`.

    Args:
        from_ (datetime.datetime): Inclusive, with a zone.
        to (datetime.datetime): Exclusive; at most 62 days on.
        account_id (None | Unset | UUID):
        platform (CalendarListPlatformType0 | None | Unset):
        campaign_id (None | Unset | UUID):
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
        Response[ErrorBody | PageCalendarItem]
    """

    kwargs = _get_kwargs(
        from_=from_,
        to=to,
        account_id=account_id,
        platform=platform,
        campaign_id=campaign_id,
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
    *,
    client: AuthenticatedClient,
    from_: datetime.datetime,
    to: datetime.datetime,
    account_id: None | Unset | UUID = UNSET,
    platform: CalendarListPlatformType0 | None | Unset = UNSET,
    campaign_id: None | Unset | UUID = UNSET,
    workspace_id: None | Unset | UUID = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    include_total: bool | Unset = False,
    x_workspace_id: None | Unset | UUID = UNSET,
) -> ErrorBody | PageCalendarItem | None:
    """List Calendar

     The workspace's posts placed in `[from, to)`, oldest first: published ones at the time
    they went out, planned ones at their `publish_at`, ones sent as soon as approved at when
    they were created. Every state is included (cancelled and failed too); pages follow
    `next_cursor` like every list. Move a post with
    `POST /v1/publications/{id}/schedule`.

    Args:
        from_ (datetime.datetime): Inclusive, with a zone.
        to (datetime.datetime): Exclusive; at most 62 days on.
        account_id (None | Unset | UUID):
        platform (CalendarListPlatformType0 | None | Unset):
        campaign_id (None | Unset | UUID):
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
        ErrorBody | PageCalendarItem
    """

    return sync_detailed(
        client=client,
        from_=from_,
        to=to,
        account_id=account_id,
        platform=platform,
        campaign_id=campaign_id,
        workspace_id=workspace_id,
        limit=limit,
        cursor=cursor,
        include_total=include_total,
        x_workspace_id=x_workspace_id,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    from_: datetime.datetime,
    to: datetime.datetime,
    account_id: None | Unset | UUID = UNSET,
    platform: CalendarListPlatformType0 | None | Unset = UNSET,
    campaign_id: None | Unset | UUID = UNSET,
    workspace_id: None | Unset | UUID = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    include_total: bool | Unset = False,
    x_workspace_id: None | Unset | UUID = UNSET,
) -> Response[ErrorBody | PageCalendarItem]:
    """List Calendar

     The workspace's posts placed in `[from, to)`, oldest first: published ones at the time
    they went out, planned ones at their `publish_at`, ones sent as soon as approved at when
    they were created. Every state is included (cancelled and failed too); pages follow
    `next_cursor` like every list. Move a post with
    `POST /v1/publications/{id}/schedule`.

    Args:
        from_ (datetime.datetime): Inclusive, with a zone.
        to (datetime.datetime): Exclusive; at most 62 days on.
        account_id (None | Unset | UUID):
        platform (CalendarListPlatformType0 | None | Unset):
        campaign_id (None | Unset | UUID):
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
        Response[ErrorBody | PageCalendarItem]
    """

    kwargs = _get_kwargs(
        from_=from_,
        to=to,
        account_id=account_id,
        platform=platform,
        campaign_id=campaign_id,
        workspace_id=workspace_id,
        limit=limit,
        cursor=cursor,
        include_total=include_total,
        x_workspace_id=x_workspace_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    from_: datetime.datetime,
    to: datetime.datetime,
    account_id: None | Unset | UUID = UNSET,
    platform: CalendarListPlatformType0 | None | Unset = UNSET,
    campaign_id: None | Unset | UUID = UNSET,
    workspace_id: None | Unset | UUID = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    include_total: bool | Unset = False,
    x_workspace_id: None | Unset | UUID = UNSET,
) -> ErrorBody | PageCalendarItem | None:
    """List Calendar

     The workspace's posts placed in `[from, to)`, oldest first: published ones at the time
    they went out, planned ones at their `publish_at`, ones sent as soon as approved at when
    they were created. Every state is included (cancelled and failed too); pages follow
    `next_cursor` like every list. Move a post with
    `POST /v1/publications/{id}/schedule`.

    Args:
        from_ (datetime.datetime): Inclusive, with a zone.
        to (datetime.datetime): Exclusive; at most 62 days on.
        account_id (None | Unset | UUID):
        platform (CalendarListPlatformType0 | None | Unset):
        campaign_id (None | Unset | UUID):
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
        ErrorBody | PageCalendarItem
    """

    return (
        await asyncio_detailed(
            client=client,
            from_=from_,
            to=to,
            account_id=account_id,
            platform=platform,
            campaign_id=campaign_id,
            workspace_id=workspace_id,
            limit=limit,
            cursor=cursor,
            include_total=include_total,
            x_workspace_id=x_workspace_id,
        )
    ).parsed
