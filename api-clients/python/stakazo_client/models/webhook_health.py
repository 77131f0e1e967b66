from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="WebhookHealth")


@_attrs_define
class WebhookHealth:
    """Deliveries about the scope's accounts (the instance: every delivery).

    Attributes:
        dead (int): Given up (dead) in the last 60 minutes.
        failed_60m (int): Received in the last 60 minutes and failed or dead.
        received_60m (int):
    """

    dead: int
    failed_60m: int
    received_60m: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        dead = self.dead

        failed_60m = self.failed_60m

        received_60m = self.received_60m

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "dead": dead,
                "failed_60m": failed_60m,
                "received_60m": received_60m,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        dead = d.pop("dead")

        failed_60m = d.pop("failed_60m")

        received_60m = d.pop("received_60m")

        webhook_health = cls(
            dead=dead,
            failed_60m=failed_60m,
            received_60m=received_60m,
        )

        webhook_health.additional_properties = d
        return webhook_health

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
