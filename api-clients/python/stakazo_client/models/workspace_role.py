from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="WorkspaceRole")


@_attrs_define
class WorkspaceRole:
    """
    Attributes:
        permissions (list[str]):
        role (str):
        workspace_id (UUID):
        workspace_name (str):
    """

    permissions: list[str]
    role: str
    workspace_id: UUID
    workspace_name: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        permissions = self.permissions

        role = self.role

        workspace_id = str(self.workspace_id)

        workspace_name = self.workspace_name

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "permissions": permissions,
                "role": role,
                "workspace_id": workspace_id,
                "workspace_name": workspace_name,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        permissions = cast(list[str], d.pop("permissions"))

        role = d.pop("role")

        workspace_id = UUID(d.pop("workspace_id"))

        workspace_name = d.pop("workspace_name")

        workspace_role = cls(
            permissions=permissions,
            role=role,
            workspace_id=workspace_id,
            workspace_name=workspace_name,
        )

        workspace_role.additional_properties = d
        return workspace_role

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
