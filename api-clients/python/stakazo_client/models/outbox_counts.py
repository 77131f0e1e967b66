from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="OutboxCounts")


@_attrs_define
class OutboxCounts:
    """
    Attributes:
        dead (int): Given up after too many sends; only an admin retries it.
        retrying (int): Sent again at least once, or its work failed; not dead.
        waiting (int): Sent once, its work not done yet.
    """

    dead: int
    retrying: int
    waiting: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        dead = self.dead

        retrying = self.retrying

        waiting = self.waiting

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "dead": dead,
                "retrying": retrying,
                "waiting": waiting,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        dead = d.pop("dead")

        retrying = d.pop("retrying")

        waiting = d.pop("waiting")

        outbox_counts = cls(
            dead=dead,
            retrying=retrying,
            waiting=waiting,
        )

        outbox_counts.additional_properties = d
        return outbox_counts

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
