from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ConnectStart")


@_attrs_define
class ConnectStart:
    """
    Attributes:
        authorize_url (str): Send the user's browser here to grant access.
        expires_at (datetime.datetime): Finish the flow before this time.
        sandbox (bool):
    """

    authorize_url: str
    expires_at: datetime.datetime
    sandbox: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        authorize_url = self.authorize_url

        expires_at = self.expires_at.isoformat()

        sandbox = self.sandbox

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "authorize_url": authorize_url,
                "expires_at": expires_at,
                "sandbox": sandbox,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        authorize_url = d.pop("authorize_url")

        expires_at = datetime.datetime.fromisoformat(d.pop("expires_at"))

        sandbox = d.pop("sandbox")

        connect_start = cls(
            authorize_url=authorize_url,
            expires_at=expires_at,
            sandbox=sandbox,
        )

        connect_start.additional_properties = d
        return connect_start

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
