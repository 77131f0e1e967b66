from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.alert_out_rule import AlertOutRule
from ..models.alert_out_scope import AlertOutScope
from ..models.alert_out_severity import AlertOutSeverity
from ..models.alert_out_state import AlertOutState

if TYPE_CHECKING:
    from ..models.alert_out_details import AlertOutDetails


T = TypeVar("T", bound="AlertOut")


@_attrs_define
class AlertOut:
    """One condition while it lasted (docs/alerts.md lists every rule).

    Attributes:
        acknowledged_at (datetime.datetime | None):
        acknowledged_by_id (None | UUID): Who acknowledged it; null when unknown to this workspace (an instance alert
            acknowledged from another workspace).
        count (int): How many collections saw it.
        details (AlertOutDetails): The numbers the rule saw, by rule.
        first_seen_at (datetime.datetime):
        id (UUID):
        key (str): Names the condition within its scope, e.g. worker_missing:media@host.
        last_seen_at (datetime.datetime): The last collection that still saw the condition.
        message (str): What is wrong and what to do, in plain words.
        resolved_at (datetime.datetime | None):
        rule (AlertOutRule):
        scope (AlertOutScope): instance: about the machines every workspace shares (workers, queues, disk, platform
            notifications); workspace: about this workspace's own work.
        severity (AlertOutSeverity):
        silenced (bool): Silenced now: it still updates, but sends no notification.
        silenced_until (datetime.datetime | None):
        state (AlertOutState):
        title (str):
        workspace_id (None | UUID): Null for instance alerts.
    """

    acknowledged_at: datetime.datetime | None
    acknowledged_by_id: None | UUID
    count: int
    details: AlertOutDetails
    first_seen_at: datetime.datetime
    id: UUID
    key: str
    last_seen_at: datetime.datetime
    message: str
    resolved_at: datetime.datetime | None
    rule: AlertOutRule
    scope: AlertOutScope
    severity: AlertOutSeverity
    silenced: bool
    silenced_until: datetime.datetime | None
    state: AlertOutState
    title: str
    workspace_id: None | UUID
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        acknowledged_at: None | str
        if isinstance(self.acknowledged_at, datetime.datetime):
            acknowledged_at = self.acknowledged_at.isoformat()
        else:
            acknowledged_at = self.acknowledged_at

        acknowledged_by_id: None | str
        if isinstance(self.acknowledged_by_id, UUID):
            acknowledged_by_id = str(self.acknowledged_by_id)
        else:
            acknowledged_by_id = self.acknowledged_by_id

        count = self.count

        details = self.details.to_dict()

        first_seen_at = self.first_seen_at.isoformat()

        id = str(self.id)

        key = self.key

        last_seen_at = self.last_seen_at.isoformat()

        message = self.message

        resolved_at: None | str
        if isinstance(self.resolved_at, datetime.datetime):
            resolved_at = self.resolved_at.isoformat()
        else:
            resolved_at = self.resolved_at

        rule = self.rule.value

        scope = self.scope.value

        severity = self.severity.value

        silenced = self.silenced

        silenced_until: None | str
        if isinstance(self.silenced_until, datetime.datetime):
            silenced_until = self.silenced_until.isoformat()
        else:
            silenced_until = self.silenced_until

        state = self.state.value

        title = self.title

        workspace_id: None | str
        if isinstance(self.workspace_id, UUID):
            workspace_id = str(self.workspace_id)
        else:
            workspace_id = self.workspace_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "acknowledged_at": acknowledged_at,
                "acknowledged_by_id": acknowledged_by_id,
                "count": count,
                "details": details,
                "first_seen_at": first_seen_at,
                "id": id,
                "key": key,
                "last_seen_at": last_seen_at,
                "message": message,
                "resolved_at": resolved_at,
                "rule": rule,
                "scope": scope,
                "severity": severity,
                "silenced": silenced,
                "silenced_until": silenced_until,
                "state": state,
                "title": title,
                "workspace_id": workspace_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.alert_out_details import AlertOutDetails  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_acknowledged_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                acknowledged_at_type_0 = datetime.datetime.fromisoformat(data)

                return acknowledged_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        acknowledged_at = _parse_acknowledged_at(d.pop("acknowledged_at"))

        def _parse_acknowledged_by_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                acknowledged_by_id_type_0 = UUID(data)

                return acknowledged_by_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        acknowledged_by_id = _parse_acknowledged_by_id(d.pop("acknowledged_by_id"))

        count = d.pop("count")

        details = AlertOutDetails.from_dict(d.pop("details"))

        first_seen_at = datetime.datetime.fromisoformat(d.pop("first_seen_at"))

        id = UUID(d.pop("id"))

        key = d.pop("key")

        last_seen_at = datetime.datetime.fromisoformat(d.pop("last_seen_at"))

        message = d.pop("message")

        def _parse_resolved_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                resolved_at_type_0 = datetime.datetime.fromisoformat(data)

                return resolved_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        resolved_at = _parse_resolved_at(d.pop("resolved_at"))

        rule = AlertOutRule(d.pop("rule"))

        scope = AlertOutScope(d.pop("scope"))

        severity = AlertOutSeverity(d.pop("severity"))

        silenced = d.pop("silenced")

        def _parse_silenced_until(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                silenced_until_type_0 = datetime.datetime.fromisoformat(data)

                return silenced_until_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        silenced_until = _parse_silenced_until(d.pop("silenced_until"))

        state = AlertOutState(d.pop("state"))

        title = d.pop("title")

        def _parse_workspace_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                workspace_id_type_0 = UUID(data)

                return workspace_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        workspace_id = _parse_workspace_id(d.pop("workspace_id"))

        alert_out = cls(
            acknowledged_at=acknowledged_at,
            acknowledged_by_id=acknowledged_by_id,
            count=count,
            details=details,
            first_seen_at=first_seen_at,
            id=id,
            key=key,
            last_seen_at=last_seen_at,
            message=message,
            resolved_at=resolved_at,
            rule=rule,
            scope=scope,
            severity=severity,
            silenced=silenced,
            silenced_until=silenced_until,
            state=state,
            title=title,
            workspace_id=workspace_id,
        )

        alert_out.additional_properties = d
        return alert_out

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
