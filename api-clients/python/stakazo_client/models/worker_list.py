from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.worker_status import WorkerStatus


T = TypeVar("T", bound="WorkerList")


@_attrs_define
class WorkerList:
    """The worker nodes and what they run. Tasks of other workspaces show their name only.

    Attributes:
        heartbeat_seconds (float): How often a node beats; one silent for 3 beats without stopping is missing.
        workers (list[WorkerStatus]):
    """

    heartbeat_seconds: float
    workers: list[WorkerStatus]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        heartbeat_seconds = self.heartbeat_seconds

        workers = []
        for workers_item_data in self.workers:
            workers_item = workers_item_data.to_dict()
            workers.append(workers_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "heartbeat_seconds": heartbeat_seconds,
                "workers": workers,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.worker_status import WorkerStatus  # noqa: PLC0415

        d = dict(src_dict)
        heartbeat_seconds = d.pop("heartbeat_seconds")

        workers = []
        _workers = d.pop("workers")
        for workers_item_data in _workers:
            workers_item = WorkerStatus.from_dict(workers_item_data)

            workers.append(workers_item)

        worker_list = cls(
            heartbeat_seconds=heartbeat_seconds,
            workers=workers,
        )

        worker_list.additional_properties = d
        return worker_list

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
