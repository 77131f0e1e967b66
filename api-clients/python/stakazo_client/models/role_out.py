from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.role_out_name import RoleOutName

if TYPE_CHECKING:
    from ..models.permission_out import PermissionOut


T = TypeVar("T", bound="RoleOut")


@_attrs_define
class RoleOut:
    """
    Attributes:
        description (str):
        name (RoleOutName):
        permissions (list[PermissionOut]):
    """

    description: str
    name: RoleOutName
    permissions: list[PermissionOut]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        description = self.description

        name = self.name.value

        permissions = []
        for permissions_item_data in self.permissions:
            permissions_item = permissions_item_data.to_dict()
            permissions.append(permissions_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "description": description,
                "name": name,
                "permissions": permissions,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.permission_out import PermissionOut  # noqa: PLC0415

        d = dict(src_dict)
        description = d.pop("description")

        name = RoleOutName(d.pop("name"))

        permissions = []
        _permissions = d.pop("permissions")
        for permissions_item_data in _permissions:
            permissions_item = PermissionOut.from_dict(permissions_item_data)

            permissions.append(permissions_item)

        role_out = cls(
            description=description,
            name=name,
            permissions=permissions,
        )

        role_out.additional_properties = d
        return role_out

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
