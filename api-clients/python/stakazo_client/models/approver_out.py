from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ApproverOut")


@_attrs_define
class ApproverOut:
    """
    Attributes:
        approved_at (datetime.datetime):
        name (str): The approver's name (their email when they gave none).
        user_id (UUID):
    """

    approved_at: datetime.datetime
    name: str
    user_id: UUID
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        approved_at = self.approved_at.isoformat()

        name = self.name

        user_id = str(self.user_id)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "approved_at": approved_at,
                "name": name,
                "user_id": user_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        approved_at = datetime.datetime.fromisoformat(d.pop("approved_at"))

        name = d.pop("name")

        user_id = UUID(d.pop("user_id"))

        approver_out = cls(
            approved_at=approved_at,
            name=name,
            user_id=user_id,
        )

        approver_out.additional_properties = d
        return approver_out

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
