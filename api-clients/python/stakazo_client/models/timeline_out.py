from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.timeline_out_data import TimelineOutData


T = TypeVar("T", bound="TimelineOut")


@_attrs_define
class TimelineOut:
    """
    Attributes:
        asset_id (UUID):
        created_at (datetime.datetime):
        data (TimelineOutData): What analysis found over time: shots, loudness, silences, motion, faces, words.
    """

    asset_id: UUID
    created_at: datetime.datetime
    data: TimelineOutData
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        asset_id = str(self.asset_id)

        created_at = self.created_at.isoformat()

        data = self.data.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "asset_id": asset_id,
                "created_at": created_at,
                "data": data,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.timeline_out_data import TimelineOutData  # noqa: PLC0415

        d = dict(src_dict)
        asset_id = UUID(d.pop("asset_id"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        data = TimelineOutData.from_dict(d.pop("data"))

        timeline_out = cls(
            asset_id=asset_id,
            created_at=created_at,
            data=data,
        )

        timeline_out.additional_properties = d
        return timeline_out

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
