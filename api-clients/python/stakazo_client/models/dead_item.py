from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.dead_item_kind import DeadItemKind

T = TypeVar("T", bound="DeadItem")


@_attrs_define
class DeadItem:
    """
    Attributes:
        dead_at (datetime.datetime):
        error (None | str): The last error its work reported, if any.
        id (UUID):
        kind (DeadItemKind):
        sends (int): How often its message was sent again before giving up.
    """

    dead_at: datetime.datetime
    error: None | str
    id: UUID
    kind: DeadItemKind
    sends: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        dead_at = self.dead_at.isoformat()

        error: None | str
        error = self.error

        id = str(self.id)

        kind = self.kind.value

        sends = self.sends

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "dead_at": dead_at,
                "error": error,
                "id": id,
                "kind": kind,
                "sends": sends,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        dead_at = datetime.datetime.fromisoformat(d.pop("dead_at"))

        def _parse_error(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        error = _parse_error(d.pop("error"))

        id = UUID(d.pop("id"))

        kind = DeadItemKind(d.pop("kind"))

        sends = d.pop("sends")

        dead_item = cls(
            dead_at=dead_at,
            error=error,
            id=id,
            kind=kind,
            sends=sends,
        )

        dead_item.additional_properties = d
        return dead_item

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
