from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.worker_status_state import WorkerStatusState

if TYPE_CHECKING:
    from ..models.active_task import ActiveTask


T = TypeVar("T", bound="WorkerStatus")


@_attrs_define
class WorkerStatus:
    """
    Attributes:
        active (list[ActiveTask]):
        concurrency (int):
        hostname (str):
        name (str):
        pid (int):
        processed (int):
        queues (list[str]):
        seen_at (datetime.datetime):
        started_at (datetime.datetime):
        state (WorkerStatusState):
    """

    active: list[ActiveTask]
    concurrency: int
    hostname: str
    name: str
    pid: int
    processed: int
    queues: list[str]
    seen_at: datetime.datetime
    started_at: datetime.datetime
    state: WorkerStatusState
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        active = []
        for active_item_data in self.active:
            active_item = active_item_data.to_dict()
            active.append(active_item)

        concurrency = self.concurrency

        hostname = self.hostname

        name = self.name

        pid = self.pid

        processed = self.processed

        queues = self.queues

        seen_at = self.seen_at.isoformat()

        started_at = self.started_at.isoformat()

        state = self.state.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "active": active,
                "concurrency": concurrency,
                "hostname": hostname,
                "name": name,
                "pid": pid,
                "processed": processed,
                "queues": queues,
                "seen_at": seen_at,
                "started_at": started_at,
                "state": state,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.active_task import ActiveTask  # noqa: PLC0415

        d = dict(src_dict)
        active = []
        _active = d.pop("active")
        for active_item_data in _active:
            active_item = ActiveTask.from_dict(active_item_data)

            active.append(active_item)

        concurrency = d.pop("concurrency")

        hostname = d.pop("hostname")

        name = d.pop("name")

        pid = d.pop("pid")

        processed = d.pop("processed")

        queues = cast(list[str], d.pop("queues"))

        seen_at = datetime.datetime.fromisoformat(d.pop("seen_at"))

        started_at = datetime.datetime.fromisoformat(d.pop("started_at"))

        state = WorkerStatusState(d.pop("state"))

        worker_status = cls(
            active=active,
            concurrency=concurrency,
            hostname=hostname,
            name=name,
            pid=pid,
            processed=processed,
            queues=queues,
            seen_at=seen_at,
            started_at=started_at,
            state=state,
        )

        worker_status.additional_properties = d
        return worker_status

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
