from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="SkipOut")


@_attrs_define
class SkipOut:
    """
    Attributes:
        account_id (UUID):
        constraint (str): past, blackout, nonexistent_time, min_gap, daily_quota, no_clip, account_unavailable.
        reason (str):
        slot_at (datetime.datetime):
    """

    account_id: UUID
    constraint: str
    reason: str
    slot_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        account_id = str(self.account_id)

        constraint = self.constraint

        reason = self.reason

        slot_at = self.slot_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "account_id": account_id,
                "constraint": constraint,
                "reason": reason,
                "slot_at": slot_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        account_id = UUID(d.pop("account_id"))

        constraint = d.pop("constraint")

        reason = d.pop("reason")

        slot_at = datetime.datetime.fromisoformat(d.pop("slot_at"))

        skip_out = cls(
            account_id=account_id,
            constraint=constraint,
            reason=reason,
            slot_at=slot_at,
        )

        skip_out.additional_properties = d
        return skip_out

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
