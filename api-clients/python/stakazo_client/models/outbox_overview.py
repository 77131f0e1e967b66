from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.dead_item import DeadItem
    from ..models.outbox_overview_counts import OutboxOverviewCounts


T = TypeVar("T", bound="OutboxOverview")


@_attrs_define
class OutboxOverview:
    """
    Attributes:
        counts (OutboxOverviewCounts):
        dead (list[DeadItem]): The newest dead items of each kind (50 at most).
    """

    counts: OutboxOverviewCounts
    dead: list[DeadItem]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        counts = self.counts.to_dict()

        dead = []
        for dead_item_data in self.dead:
            dead_item = dead_item_data.to_dict()
            dead.append(dead_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "counts": counts,
                "dead": dead,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.dead_item import DeadItem  # noqa: PLC0415
        from ..models.outbox_overview_counts import OutboxOverviewCounts  # noqa: PLC0415

        d = dict(src_dict)
        counts = OutboxOverviewCounts.from_dict(d.pop("counts"))

        dead = []
        _dead = d.pop("dead")
        for dead_item_data in _dead:
            dead_item = DeadItem.from_dict(dead_item_data)

            dead.append(dead_item)

        outbox_overview = cls(
            counts=counts,
            dead=dead,
        )

        outbox_overview.additional_properties = d
        return outbox_overview

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
