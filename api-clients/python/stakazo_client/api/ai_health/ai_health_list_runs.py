import datetime
from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.ai_health_list_runs_outcome_type_0 import AiHealthListRunsOutcomeType0
from ...models.error_body import ErrorBody
from ...models.page_run_out import PageRunOut
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    workspace_id: None | Unset | UUID = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    include_total: bool | Unset = False,
    min_score: int | None | Unset = UNSET,
    max_score: int | None | Unset = UNSET,
    outcome: AiHealthListRunsOutcomeType0 | None | Unset = UNSET,
    created_after: datetime.datetime | None | Unset = UNSET,
    created_before: datetime.datetime | None | Unset = UNSET,
    critical_only: bool | Unset = False,
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

    json_min_score: int | None | Unset
    if isinstance(min_score, Unset):
        json_min_score = UNSET
    else:
        json_min_score = min_score
    params["min_score"] = json_min_score

    json_max_score: int | None | Unset
    if isinstance(max_score, Unset):
        json_max_score = UNSET
    else:
        json_max_score = max_score
    params["max_score"] = json_max_score

    json_outcome: None | str | Unset
    if isinstance(outcome, Unset):
        json_outcome = UNSET
    elif isinstance(outcome, AiHealthListRunsOutcomeType0):
        json_outcome = outcome.value
    else:
        json_outcome = outcome
    params["outcome"] = json_outcome

    json_created_after: None | str | Unset
    if isinstance(created_after, Unset):
        json_created_after = UNSET
    elif isinstance(created_after, datetime.datetime):
        json_created_after = created_after.isoformat()
    else:
        json_created_after = created_after
    params["created_after"] = json_created_after

    json_created_before: None | str | Unset
    if isinstance(created_before, Unset):
        json_created_before = UNSET
    elif isinstance(created_before, datetime.datetime):
        json_created_before = created_before.isoformat()
    else:
        json_created_before = created_before
    params["created_before"] = json_created_before

    params["critical_only"] = critical_only

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/ai/health/runs",
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> ErrorBody | PageRunOut | None:
    if response.status_code == 200:
        response_200 = PageRunOut.from_dict(response.json())

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
) -> Response[ErrorBody | PageRunOut]:
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
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    include_total: bool | Unset = False,
    min_score: int | None | Unset = UNSET,
    max_score: int | None | Unset = UNSET,
    outcome: AiHealthListRunsOutcomeType0 | None | Unset = UNSET,
    created_after: datetime.datetime | None | Unset = UNSET,
    created_before: datetime.datetime | None | Unset = UNSET,
    critical_only: bool | Unset = False,
    x_workspace_id: None | Unset | UUID = UNSET,
) -> Response[ErrorBody | PageRunOut]:
    """List Runs

     The workspace's AI health runs, newest first: score range, outcome, creation dates and
    critical only as filters.

    Args:
        workspace_id (None | Unset | UUID): The workspace to act in, for links without headers.
        limit (int | Unset): Items per page (1 to 200). Default: 50.
        cursor (None | str | Unset): `next_cursor` of the previous page; leave out for the first
            page.
        include_total (bool | Unset): Also count the whole list (`total`); costs a query, so off
            by default. Default: False.
        min_score (int | None | Unset):
        max_score (int | None | Unset):
        outcome (AiHealthListRunsOutcomeType0 | None | Unset):
        created_after (datetime.datetime | None | Unset):
        created_before (datetime.datetime | None | Unset):
        critical_only (bool | Unset):  Default: False.
        x_workspace_id (None | Unset | UUID): The workspace to act in (or use the workspace_id
            query parameter).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | PageRunOut]
    """

    kwargs = _get_kwargs(
        workspace_id=workspace_id,
        limit=limit,
        cursor=cursor,
        include_total=include_total,
        min_score=min_score,
        max_score=max_score,
        outcome=outcome,
        created_after=created_after,
        created_before=created_before,
        critical_only=critical_only,
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
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    include_total: bool | Unset = False,
    min_score: int | None | Unset = UNSET,
    max_score: int | None | Unset = UNSET,
    outcome: AiHealthListRunsOutcomeType0 | None | Unset = UNSET,
    created_after: datetime.datetime | None | Unset = UNSET,
    created_before: datetime.datetime | None | Unset = UNSET,
    critical_only: bool | Unset = False,
    x_workspace_id: None | Unset | UUID = UNSET,
) -> ErrorBody | PageRunOut | None:
    """List Runs

     The workspace's AI health runs, newest first: score range, outcome, creation dates and
    critical only as filters.

    Args:
        workspace_id (None | Unset | UUID): The workspace to act in, for links without headers.
        limit (int | Unset): Items per page (1 to 200). Default: 50.
        cursor (None | str | Unset): `next_cursor` of the previous page; leave out for the first
            page.
        include_total (bool | Unset): Also count the whole list (`total`); costs a query, so off
            by default. Default: False.
        min_score (int | None | Unset):
        max_score (int | None | Unset):
        outcome (AiHealthListRunsOutcomeType0 | None | Unset):
        created_after (datetime.datetime | None | Unset):
        created_before (datetime.datetime | None | Unset):
        critical_only (bool | Unset):  Default: False.
        x_workspace_id (None | Unset | UUID): The workspace to act in (or use the workspace_id
            query parameter).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | PageRunOut
    """

    return sync_detailed(
        client=client,
        workspace_id=workspace_id,
        limit=limit,
        cursor=cursor,
        include_total=include_total,
        min_score=min_score,
        max_score=max_score,
        outcome=outcome,
        created_after=created_after,
        created_before=created_before,
        critical_only=critical_only,
        x_workspace_id=x_workspace_id,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    workspace_id: None | Unset | UUID = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    include_total: bool | Unset = False,
    min_score: int | None | Unset = UNSET,
    max_score: int | None | Unset = UNSET,
    outcome: AiHealthListRunsOutcomeType0 | None | Unset = UNSET,
    created_after: datetime.datetime | None | Unset = UNSET,
    created_before: datetime.datetime | None | Unset = UNSET,
    critical_only: bool | Unset = False,
    x_workspace_id: None | Unset | UUID = UNSET,
) -> Response[ErrorBody | PageRunOut]:
    """List Runs

     The workspace's AI health runs, newest first: score range, outcome, creation dates and
    critical only as filters.

    Args:
        workspace_id (None | Unset | UUID): The workspace to act in, for links without headers.
        limit (int | Unset): Items per page (1 to 200). Default: 50.
        cursor (None | str | Unset): `next_cursor` of the previous page; leave out for the first
            page.
        include_total (bool | Unset): Also count the whole list (`total`); costs a query, so off
            by default. Default: False.
        min_score (int | None | Unset):
        max_score (int | None | Unset):
        outcome (AiHealthListRunsOutcomeType0 | None | Unset):
        created_after (datetime.datetime | None | Unset):
        created_before (datetime.datetime | None | Unset):
        critical_only (bool | Unset):  Default: False.
        x_workspace_id (None | Unset | UUID): The workspace to act in (or use the workspace_id
            query parameter).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | PageRunOut]
    """

    kwargs = _get_kwargs(
        workspace_id=workspace_id,
        limit=limit,
        cursor=cursor,
        include_total=include_total,
        min_score=min_score,
        max_score=max_score,
        outcome=outcome,
        created_after=created_after,
        created_before=created_before,
        critical_only=critical_only,
        x_workspace_id=x_workspace_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    workspace_id: None | Unset | UUID = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    include_total: bool | Unset = False,
    min_score: int | None | Unset = UNSET,
    max_score: int | None | Unset = UNSET,
    outcome: AiHealthListRunsOutcomeType0 | None | Unset = UNSET,
    created_after: datetime.datetime | None | Unset = UNSET,
    created_before: datetime.datetime | None | Unset = UNSET,
    critical_only: bool | Unset = False,
    x_workspace_id: None | Unset | UUID = UNSET,
) -> ErrorBody | PageRunOut | None:
    """List Runs

     The workspace's AI health runs, newest first: score range, outcome, creation dates and
    critical only as filters.

    Args:
        workspace_id (None | Unset | UUID): The workspace to act in, for links without headers.
        limit (int | Unset): Items per page (1 to 200). Default: 50.
        cursor (None | str | Unset): `next_cursor` of the previous page; leave out for the first
            page.
        include_total (bool | Unset): Also count the whole list (`total`); costs a query, so off
            by default. Default: False.
        min_score (int | None | Unset):
        max_score (int | None | Unset):
        outcome (AiHealthListRunsOutcomeType0 | None | Unset):
        created_after (datetime.datetime | None | Unset):
        created_before (datetime.datetime | None | Unset):
        critical_only (bool | Unset):  Default: False.
        x_workspace_id (None | Unset | UUID): The workspace to act in (or use the workspace_id
            query parameter).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | PageRunOut
    """

    return (
        await asyncio_detailed(
            client=client,
            workspace_id=workspace_id,
            limit=limit,
            cursor=cursor,
            include_total=include_total,
            min_score=min_score,
            max_score=max_score,
            outcome=outcome,
            created_after=created_after,
            created_before=created_before,
            critical_only=critical_only,
            x_workspace_id=x_workspace_id,
        )
    ).parsed
