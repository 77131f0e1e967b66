import datetime
from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_body import ErrorBody
from ...models.page_ledger_event_out import PageLedgerEventOut
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    type_: None | str | Unset = UNSET,
    type_prefix: None | str | Unset = UNSET,
    actor_id: None | Unset | UUID = UNSET,
    user_id: None | Unset | UUID = UNSET,
    asset_id: None | Unset | UUID = UNSET,
    job_id: None | Unset | UUID = UNSET,
    clip_id: None | Unset | UUID = UNSET,
    publication_id: None | Unset | UUID = UNSET,
    campaign_id: None | Unset | UUID = UNSET,
    since: datetime.datetime | None | Unset = UNSET,
    until: datetime.datetime | None | Unset = UNSET,
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

    json_type_: None | str | Unset
    if isinstance(type_, Unset):
        json_type_ = UNSET
    else:
        json_type_ = type_
    params["type"] = json_type_

    json_type_prefix: None | str | Unset
    if isinstance(type_prefix, Unset):
        json_type_prefix = UNSET
    else:
        json_type_prefix = type_prefix
    params["type_prefix"] = json_type_prefix

    json_actor_id: None | str | Unset
    if isinstance(actor_id, Unset):
        json_actor_id = UNSET
    elif isinstance(actor_id, UUID):
        json_actor_id = str(actor_id)
    else:
        json_actor_id = actor_id
    params["actor_id"] = json_actor_id

    json_user_id: None | str | Unset
    if isinstance(user_id, Unset):
        json_user_id = UNSET
    elif isinstance(user_id, UUID):
        json_user_id = str(user_id)
    else:
        json_user_id = user_id
    params["user_id"] = json_user_id

    json_asset_id: None | str | Unset
    if isinstance(asset_id, Unset):
        json_asset_id = UNSET
    elif isinstance(asset_id, UUID):
        json_asset_id = str(asset_id)
    else:
        json_asset_id = asset_id
    params["asset_id"] = json_asset_id

    json_job_id: None | str | Unset
    if isinstance(job_id, Unset):
        json_job_id = UNSET
    elif isinstance(job_id, UUID):
        json_job_id = str(job_id)
    else:
        json_job_id = job_id
    params["job_id"] = json_job_id

    json_clip_id: None | str | Unset
    if isinstance(clip_id, Unset):
        json_clip_id = UNSET
    elif isinstance(clip_id, UUID):
        json_clip_id = str(clip_id)
    else:
        json_clip_id = clip_id
    params["clip_id"] = json_clip_id

    json_publication_id: None | str | Unset
    if isinstance(publication_id, Unset):
        json_publication_id = UNSET
    elif isinstance(publication_id, UUID):
        json_publication_id = str(publication_id)
    else:
        json_publication_id = publication_id
    params["publication_id"] = json_publication_id

    json_campaign_id: None | str | Unset
    if isinstance(campaign_id, Unset):
        json_campaign_id = UNSET
    elif isinstance(campaign_id, UUID):
        json_campaign_id = str(campaign_id)
    else:
        json_campaign_id = campaign_id
    params["campaign_id"] = json_campaign_id

    json_since: None | str | Unset
    if isinstance(since, Unset):
        json_since = UNSET
    elif isinstance(since, datetime.datetime):
        json_since = since.isoformat()
    else:
        json_since = since
    params["since"] = json_since

    json_until: None | str | Unset
    if isinstance(until, Unset):
        json_until = UNSET
    elif isinstance(until, datetime.datetime):
        json_until = until.isoformat()
    else:
        json_until = until
    params["until"] = json_until

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
        "url": "/v1/ledger",
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorBody | PageLedgerEventOut | None:
    if response.status_code == 200:
        response_200 = PageLedgerEventOut.from_dict(response.json())

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
) -> Response[ErrorBody | PageLedgerEventOut]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    type_: None | str | Unset = UNSET,
    type_prefix: None | str | Unset = UNSET,
    actor_id: None | Unset | UUID = UNSET,
    user_id: None | Unset | UUID = UNSET,
    asset_id: None | Unset | UUID = UNSET,
    job_id: None | Unset | UUID = UNSET,
    clip_id: None | Unset | UUID = UNSET,
    publication_id: None | Unset | UUID = UNSET,
    campaign_id: None | Unset | UUID = UNSET,
    since: datetime.datetime | None | Unset = UNSET,
    until: datetime.datetime | None | Unset = UNSET,
    workspace_id: None | Unset | UUID = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    include_total: bool | Unset = False,
    x_workspace_id: None | Unset | UUID = UNSET,
) -> Response[ErrorBody | PageLedgerEventOut]:
    """List Events

     The workspace's audit trail, newest first. Personal account events (sign-ins, failed
    sign-ins, sessions, password changes) belong to no workspace and are not here: each person
    reads their own at `GET /v1/auth/me/security-events`.

    Args:
        type_ (None | str | Unset): Exact event type, e.g. member.role_changed
        type_prefix (None | str | Unset): Event family, e.g. 'auth.'
        actor_id (None | Unset | UUID):
        user_id (None | Unset | UUID):
        asset_id (None | Unset | UUID):
        job_id (None | Unset | UUID):
        clip_id (None | Unset | UUID):
        publication_id (None | Unset | UUID):
        campaign_id (None | Unset | UUID):
        since (datetime.datetime | None | Unset): Inclusive lower bound (ISO 8601)
        until (datetime.datetime | None | Unset): Exclusive upper bound (ISO 8601)
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
        Response[ErrorBody | PageLedgerEventOut]
    """

    kwargs = _get_kwargs(
        type_=type_,
        type_prefix=type_prefix,
        actor_id=actor_id,
        user_id=user_id,
        asset_id=asset_id,
        job_id=job_id,
        clip_id=clip_id,
        publication_id=publication_id,
        campaign_id=campaign_id,
        since=since,
        until=until,
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
    type_: None | str | Unset = UNSET,
    type_prefix: None | str | Unset = UNSET,
    actor_id: None | Unset | UUID = UNSET,
    user_id: None | Unset | UUID = UNSET,
    asset_id: None | Unset | UUID = UNSET,
    job_id: None | Unset | UUID = UNSET,
    clip_id: None | Unset | UUID = UNSET,
    publication_id: None | Unset | UUID = UNSET,
    campaign_id: None | Unset | UUID = UNSET,
    since: datetime.datetime | None | Unset = UNSET,
    until: datetime.datetime | None | Unset = UNSET,
    workspace_id: None | Unset | UUID = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    include_total: bool | Unset = False,
    x_workspace_id: None | Unset | UUID = UNSET,
) -> ErrorBody | PageLedgerEventOut | None:
    """List Events

     The workspace's audit trail, newest first. Personal account events (sign-ins, failed
    sign-ins, sessions, password changes) belong to no workspace and are not here: each person
    reads their own at `GET /v1/auth/me/security-events`.

    Args:
        type_ (None | str | Unset): Exact event type, e.g. member.role_changed
        type_prefix (None | str | Unset): Event family, e.g. 'auth.'
        actor_id (None | Unset | UUID):
        user_id (None | Unset | UUID):
        asset_id (None | Unset | UUID):
        job_id (None | Unset | UUID):
        clip_id (None | Unset | UUID):
        publication_id (None | Unset | UUID):
        campaign_id (None | Unset | UUID):
        since (datetime.datetime | None | Unset): Inclusive lower bound (ISO 8601)
        until (datetime.datetime | None | Unset): Exclusive upper bound (ISO 8601)
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
        ErrorBody | PageLedgerEventOut
    """

    return sync_detailed(
        client=client,
        type_=type_,
        type_prefix=type_prefix,
        actor_id=actor_id,
        user_id=user_id,
        asset_id=asset_id,
        job_id=job_id,
        clip_id=clip_id,
        publication_id=publication_id,
        campaign_id=campaign_id,
        since=since,
        until=until,
        workspace_id=workspace_id,
        limit=limit,
        cursor=cursor,
        include_total=include_total,
        x_workspace_id=x_workspace_id,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    type_: None | str | Unset = UNSET,
    type_prefix: None | str | Unset = UNSET,
    actor_id: None | Unset | UUID = UNSET,
    user_id: None | Unset | UUID = UNSET,
    asset_id: None | Unset | UUID = UNSET,
    job_id: None | Unset | UUID = UNSET,
    clip_id: None | Unset | UUID = UNSET,
    publication_id: None | Unset | UUID = UNSET,
    campaign_id: None | Unset | UUID = UNSET,
    since: datetime.datetime | None | Unset = UNSET,
    until: datetime.datetime | None | Unset = UNSET,
    workspace_id: None | Unset | UUID = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    include_total: bool | Unset = False,
    x_workspace_id: None | Unset | UUID = UNSET,
) -> Response[ErrorBody | PageLedgerEventOut]:
    """List Events

     The workspace's audit trail, newest first. Personal account events (sign-ins, failed
    sign-ins, sessions, password changes) belong to no workspace and are not here: each person
    reads their own at `GET /v1/auth/me/security-events`.

    Args:
        type_ (None | str | Unset): Exact event type, e.g. member.role_changed
        type_prefix (None | str | Unset): Event family, e.g. 'auth.'
        actor_id (None | Unset | UUID):
        user_id (None | Unset | UUID):
        asset_id (None | Unset | UUID):
        job_id (None | Unset | UUID):
        clip_id (None | Unset | UUID):
        publication_id (None | Unset | UUID):
        campaign_id (None | Unset | UUID):
        since (datetime.datetime | None | Unset): Inclusive lower bound (ISO 8601)
        until (datetime.datetime | None | Unset): Exclusive upper bound (ISO 8601)
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
        Response[ErrorBody | PageLedgerEventOut]
    """

    kwargs = _get_kwargs(
        type_=type_,
        type_prefix=type_prefix,
        actor_id=actor_id,
        user_id=user_id,
        asset_id=asset_id,
        job_id=job_id,
        clip_id=clip_id,
        publication_id=publication_id,
        campaign_id=campaign_id,
        since=since,
        until=until,
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
    type_: None | str | Unset = UNSET,
    type_prefix: None | str | Unset = UNSET,
    actor_id: None | Unset | UUID = UNSET,
    user_id: None | Unset | UUID = UNSET,
    asset_id: None | Unset | UUID = UNSET,
    job_id: None | Unset | UUID = UNSET,
    clip_id: None | Unset | UUID = UNSET,
    publication_id: None | Unset | UUID = UNSET,
    campaign_id: None | Unset | UUID = UNSET,
    since: datetime.datetime | None | Unset = UNSET,
    until: datetime.datetime | None | Unset = UNSET,
    workspace_id: None | Unset | UUID = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    include_total: bool | Unset = False,
    x_workspace_id: None | Unset | UUID = UNSET,
) -> ErrorBody | PageLedgerEventOut | None:
    """List Events

     The workspace's audit trail, newest first. Personal account events (sign-ins, failed
    sign-ins, sessions, password changes) belong to no workspace and are not here: each person
    reads their own at `GET /v1/auth/me/security-events`.

    Args:
        type_ (None | str | Unset): Exact event type, e.g. member.role_changed
        type_prefix (None | str | Unset): Event family, e.g. 'auth.'
        actor_id (None | Unset | UUID):
        user_id (None | Unset | UUID):
        asset_id (None | Unset | UUID):
        job_id (None | Unset | UUID):
        clip_id (None | Unset | UUID):
        publication_id (None | Unset | UUID):
        campaign_id (None | Unset | UUID):
        since (datetime.datetime | None | Unset): Inclusive lower bound (ISO 8601)
        until (datetime.datetime | None | Unset): Exclusive upper bound (ISO 8601)
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
        ErrorBody | PageLedgerEventOut
    """

    return (
        await asyncio_detailed(
            client=client,
            type_=type_,
            type_prefix=type_prefix,
            actor_id=actor_id,
            user_id=user_id,
            asset_id=asset_id,
            job_id=job_id,
            clip_id=clip_id,
            publication_id=publication_id,
            campaign_id=campaign_id,
            since=since,
            until=until,
            workspace_id=workspace_id,
            limit=limit,
            cursor=cursor,
            include_total=include_total,
            x_workspace_id=x_workspace_id,
        )
    ).parsed
