import datetime
from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.alerts_list_rule_type_0 import AlertsListRuleType0
from ...models.alerts_list_severity_type_0 import AlertsListSeverityType0
from ...models.alerts_list_state_type_0 import AlertsListStateType0
from ...models.error_body import ErrorBody
from ...models.page_alert_out import PageAlertOut
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    state: AlertsListStateType0 | None | Unset = UNSET,
    severity: AlertsListSeverityType0 | None | Unset = UNSET,
    rule: AlertsListRuleType0 | None | Unset = UNSET,
    since: datetime.datetime | None | Unset = UNSET,
    until: datetime.datetime | None | Unset = UNSET,
    silenced: bool | None | Unset = UNSET,
    acknowledged: bool | None | Unset = UNSET,
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

    json_state: None | str | Unset
    if isinstance(state, Unset):
        json_state = UNSET
    elif isinstance(state, AlertsListStateType0):
        json_state = state.value
    else:
        json_state = state
    params["state"] = json_state

    json_severity: None | str | Unset
    if isinstance(severity, Unset):
        json_severity = UNSET
    elif isinstance(severity, AlertsListSeverityType0):
        json_severity = severity.value
    else:
        json_severity = severity
    params["severity"] = json_severity

    json_rule: None | str | Unset
    if isinstance(rule, Unset):
        json_rule = UNSET
    elif isinstance(rule, AlertsListRuleType0):
        json_rule = rule.value
    else:
        json_rule = rule
    params["rule"] = json_rule

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

    json_silenced: bool | None | Unset
    if isinstance(silenced, Unset):
        json_silenced = UNSET
    else:
        json_silenced = silenced
    params["silenced"] = json_silenced

    json_acknowledged: bool | None | Unset
    if isinstance(acknowledged, Unset):
        json_acknowledged = UNSET
    else:
        json_acknowledged = acknowledged
    params["acknowledged"] = json_acknowledged

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
        "url": "/v1/alerts",
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorBody | PageAlertOut | None:
    if response.status_code == 200:
        response_200 = PageAlertOut.from_dict(response.json())

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
) -> Response[ErrorBody | PageAlertOut]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    state: AlertsListStateType0 | None | Unset = UNSET,
    severity: AlertsListSeverityType0 | None | Unset = UNSET,
    rule: AlertsListRuleType0 | None | Unset = UNSET,
    since: datetime.datetime | None | Unset = UNSET,
    until: datetime.datetime | None | Unset = UNSET,
    silenced: bool | None | Unset = UNSET,
    acknowledged: bool | None | Unset = UNSET,
    workspace_id: None | Unset | UUID = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    include_total: bool | Unset = False,
    x_workspace_id: None | Unset | UUID = UNSET,
) -> Response[ErrorBody | PageAlertOut]:
    """List Alerts

     This workspace's alerts and the instance's (workers, queues, disk: shared by every
    workspace), newest first by when the condition began. docs/alerts.md lists the rules.

    Args:
        state (AlertsListStateType0 | None | Unset):
        severity (AlertsListSeverityType0 | None | Unset):
        rule (AlertsListRuleType0 | None | Unset):
        since (datetime.datetime | None | Unset): Only alerts still seen at or after this time.
        until (datetime.datetime | None | Unset): Only alerts first seen at or before this time.
        silenced (bool | None | Unset): Silenced now, or not.
        acknowledged (bool | None | Unset):
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
        Response[ErrorBody | PageAlertOut]
    """

    kwargs = _get_kwargs(
        state=state,
        severity=severity,
        rule=rule,
        since=since,
        until=until,
        silenced=silenced,
        acknowledged=acknowledged,
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
    state: AlertsListStateType0 | None | Unset = UNSET,
    severity: AlertsListSeverityType0 | None | Unset = UNSET,
    rule: AlertsListRuleType0 | None | Unset = UNSET,
    since: datetime.datetime | None | Unset = UNSET,
    until: datetime.datetime | None | Unset = UNSET,
    silenced: bool | None | Unset = UNSET,
    acknowledged: bool | None | Unset = UNSET,
    workspace_id: None | Unset | UUID = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    include_total: bool | Unset = False,
    x_workspace_id: None | Unset | UUID = UNSET,
) -> ErrorBody | PageAlertOut | None:
    """List Alerts

     This workspace's alerts and the instance's (workers, queues, disk: shared by every
    workspace), newest first by when the condition began. docs/alerts.md lists the rules.

    Args:
        state (AlertsListStateType0 | None | Unset):
        severity (AlertsListSeverityType0 | None | Unset):
        rule (AlertsListRuleType0 | None | Unset):
        since (datetime.datetime | None | Unset): Only alerts still seen at or after this time.
        until (datetime.datetime | None | Unset): Only alerts first seen at or before this time.
        silenced (bool | None | Unset): Silenced now, or not.
        acknowledged (bool | None | Unset):
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
        ErrorBody | PageAlertOut
    """

    return sync_detailed(
        client=client,
        state=state,
        severity=severity,
        rule=rule,
        since=since,
        until=until,
        silenced=silenced,
        acknowledged=acknowledged,
        workspace_id=workspace_id,
        limit=limit,
        cursor=cursor,
        include_total=include_total,
        x_workspace_id=x_workspace_id,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    state: AlertsListStateType0 | None | Unset = UNSET,
    severity: AlertsListSeverityType0 | None | Unset = UNSET,
    rule: AlertsListRuleType0 | None | Unset = UNSET,
    since: datetime.datetime | None | Unset = UNSET,
    until: datetime.datetime | None | Unset = UNSET,
    silenced: bool | None | Unset = UNSET,
    acknowledged: bool | None | Unset = UNSET,
    workspace_id: None | Unset | UUID = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    include_total: bool | Unset = False,
    x_workspace_id: None | Unset | UUID = UNSET,
) -> Response[ErrorBody | PageAlertOut]:
    """List Alerts

     This workspace's alerts and the instance's (workers, queues, disk: shared by every
    workspace), newest first by when the condition began. docs/alerts.md lists the rules.

    Args:
        state (AlertsListStateType0 | None | Unset):
        severity (AlertsListSeverityType0 | None | Unset):
        rule (AlertsListRuleType0 | None | Unset):
        since (datetime.datetime | None | Unset): Only alerts still seen at or after this time.
        until (datetime.datetime | None | Unset): Only alerts first seen at or before this time.
        silenced (bool | None | Unset): Silenced now, or not.
        acknowledged (bool | None | Unset):
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
        Response[ErrorBody | PageAlertOut]
    """

    kwargs = _get_kwargs(
        state=state,
        severity=severity,
        rule=rule,
        since=since,
        until=until,
        silenced=silenced,
        acknowledged=acknowledged,
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
    state: AlertsListStateType0 | None | Unset = UNSET,
    severity: AlertsListSeverityType0 | None | Unset = UNSET,
    rule: AlertsListRuleType0 | None | Unset = UNSET,
    since: datetime.datetime | None | Unset = UNSET,
    until: datetime.datetime | None | Unset = UNSET,
    silenced: bool | None | Unset = UNSET,
    acknowledged: bool | None | Unset = UNSET,
    workspace_id: None | Unset | UUID = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    include_total: bool | Unset = False,
    x_workspace_id: None | Unset | UUID = UNSET,
) -> ErrorBody | PageAlertOut | None:
    """List Alerts

     This workspace's alerts and the instance's (workers, queues, disk: shared by every
    workspace), newest first by when the condition began. docs/alerts.md lists the rules.

    Args:
        state (AlertsListStateType0 | None | Unset):
        severity (AlertsListSeverityType0 | None | Unset):
        rule (AlertsListRuleType0 | None | Unset):
        since (datetime.datetime | None | Unset): Only alerts still seen at or after this time.
        until (datetime.datetime | None | Unset): Only alerts first seen at or before this time.
        silenced (bool | None | Unset): Silenced now, or not.
        acknowledged (bool | None | Unset):
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
        ErrorBody | PageAlertOut
    """

    return (
        await asyncio_detailed(
            client=client,
            state=state,
            severity=severity,
            rule=rule,
            since=since,
            until=until,
            silenced=silenced,
            acknowledged=acknowledged,
            workspace_id=workspace_id,
            limit=limit,
            cursor=cursor,
            include_total=include_total,
            x_workspace_id=x_workspace_id,
        )
    ).parsed
