import datetime
from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_body import ErrorBody
from ...models.series import Series
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    metric: str,
    from_: datetime.datetime | None | Unset = UNSET,
    to: datetime.datetime | None | Unset = UNSET,
    step: int | None | Unset = UNSET,
    workspace_id: None | Unset | UUID = UNSET,
    x_workspace_id: None | Unset | UUID = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(x_workspace_id, Unset):
        headers["x-workspace-id"] = x_workspace_id

    params: dict[str, Any] = {}

    params["metric"] = metric

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

    json_step: int | None | Unset
    if isinstance(step, Unset):
        json_step = UNSET
    else:
        json_step = step
    params["step"] = json_step

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
        "url": "/v1/telemetry/series",
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> ErrorBody | Series | None:
    if response.status_code == 200:
        response_200 = Series.from_dict(response.json())

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[ErrorBody | Series]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    metric: str,
    from_: datetime.datetime | None | Unset = UNSET,
    to: datetime.datetime | None | Unset = UNSET,
    step: int | None | Unset = UNSET,
    workspace_id: None | Unset | UUID = UNSET,
    x_workspace_id: None | Unset | UUID = UNSET,
) -> Response[ErrorBody | Series]:
    """Get Series

     One metric of the workspace's snapshots between `from` and `to`, averaged into
    `step`-second buckets: at most 1000 points (422 beyond). An unknown metric is a 422 that
    says how names look, never an empty series.

    Args:
        metric (str): A name from `GET /v1/telemetry/metrics`, e.g. `queue.media.depth`.
        from_ (datetime.datetime | None | Unset): Default: an hour before `to`.
        to (datetime.datetime | None | Unset): Default: now.
        step (int | None | Unset): Bucket width in seconds; default: about 360 points in all.
        workspace_id (None | Unset | UUID): The workspace to act in, for links without headers.
        x_workspace_id (None | Unset | UUID): The workspace to act in (or use the workspace_id
            query parameter).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | Series]
    """

    kwargs = _get_kwargs(
        metric=metric,
        from_=from_,
        to=to,
        step=step,
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
    metric: str,
    from_: datetime.datetime | None | Unset = UNSET,
    to: datetime.datetime | None | Unset = UNSET,
    step: int | None | Unset = UNSET,
    workspace_id: None | Unset | UUID = UNSET,
    x_workspace_id: None | Unset | UUID = UNSET,
) -> ErrorBody | Series | None:
    """Get Series

     One metric of the workspace's snapshots between `from` and `to`, averaged into
    `step`-second buckets: at most 1000 points (422 beyond). An unknown metric is a 422 that
    says how names look, never an empty series.

    Args:
        metric (str): A name from `GET /v1/telemetry/metrics`, e.g. `queue.media.depth`.
        from_ (datetime.datetime | None | Unset): Default: an hour before `to`.
        to (datetime.datetime | None | Unset): Default: now.
        step (int | None | Unset): Bucket width in seconds; default: about 360 points in all.
        workspace_id (None | Unset | UUID): The workspace to act in, for links without headers.
        x_workspace_id (None | Unset | UUID): The workspace to act in (or use the workspace_id
            query parameter).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | Series
    """

    return sync_detailed(
        client=client,
        metric=metric,
        from_=from_,
        to=to,
        step=step,
        workspace_id=workspace_id,
        x_workspace_id=x_workspace_id,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    metric: str,
    from_: datetime.datetime | None | Unset = UNSET,
    to: datetime.datetime | None | Unset = UNSET,
    step: int | None | Unset = UNSET,
    workspace_id: None | Unset | UUID = UNSET,
    x_workspace_id: None | Unset | UUID = UNSET,
) -> Response[ErrorBody | Series]:
    """Get Series

     One metric of the workspace's snapshots between `from` and `to`, averaged into
    `step`-second buckets: at most 1000 points (422 beyond). An unknown metric is a 422 that
    says how names look, never an empty series.

    Args:
        metric (str): A name from `GET /v1/telemetry/metrics`, e.g. `queue.media.depth`.
        from_ (datetime.datetime | None | Unset): Default: an hour before `to`.
        to (datetime.datetime | None | Unset): Default: now.
        step (int | None | Unset): Bucket width in seconds; default: about 360 points in all.
        workspace_id (None | Unset | UUID): The workspace to act in, for links without headers.
        x_workspace_id (None | Unset | UUID): The workspace to act in (or use the workspace_id
            query parameter).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | Series]
    """

    kwargs = _get_kwargs(
        metric=metric,
        from_=from_,
        to=to,
        step=step,
        workspace_id=workspace_id,
        x_workspace_id=x_workspace_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    metric: str,
    from_: datetime.datetime | None | Unset = UNSET,
    to: datetime.datetime | None | Unset = UNSET,
    step: int | None | Unset = UNSET,
    workspace_id: None | Unset | UUID = UNSET,
    x_workspace_id: None | Unset | UUID = UNSET,
) -> ErrorBody | Series | None:
    """Get Series

     One metric of the workspace's snapshots between `from` and `to`, averaged into
    `step`-second buckets: at most 1000 points (422 beyond). An unknown metric is a 422 that
    says how names look, never an empty series.

    Args:
        metric (str): A name from `GET /v1/telemetry/metrics`, e.g. `queue.media.depth`.
        from_ (datetime.datetime | None | Unset): Default: an hour before `to`.
        to (datetime.datetime | None | Unset): Default: now.
        step (int | None | Unset): Bucket width in seconds; default: about 360 points in all.
        workspace_id (None | Unset | UUID): The workspace to act in, for links without headers.
        x_workspace_id (None | Unset | UUID): The workspace to act in (or use the workspace_id
            query parameter).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | Series
    """

    return (
        await asyncio_detailed(
            client=client,
            metric=metric,
            from_=from_,
            to=to,
            step=step,
            workspace_id=workspace_id,
            x_workspace_id=x_workspace_id,
        )
    ).parsed
